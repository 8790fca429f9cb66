import { createHash } from 'node:crypto';
import type { IntegrityFile } from '@chengxin/contract';
import {
  ORG_KIND_LABELS,
  ORG_LEVEL_LABELS,
  RECORD_STATUS_LABELS,
  RECORD_TYPE_LABELS,
  SANCTION_LABELS,
  SEVERITY_LABELS,
} from '@chengxin/contract';
import { recordTypes } from '../../records';
import type { DocSection, PrintDocument } from './model';

const typeZh = (key: string) =>
  RECORD_TYPE_LABELS[key as keyof typeof RECORD_TYPE_LABELS]?.zh ??
  recordTypes().find((t) => t.key === key)?.labelZh ??
  key;
const yesNo = (b: boolean) => (b ? '是' : '否');
const pct = (n: number | null) => (n === null ? '—' : `${(n * 100).toFixed(1)}%`);

/**
 * The integrity file as one document for the assessor's dossier: every section as of the date, each entry with its
 * source. The document number carries a digest of the file's content, so two exports of the same file as of the same
 * date carry the same number and a changed file a different one.
 */
export function fileDocument(file: IntegrityFile, generatedOn: string): PrintDocument {
  const digest = createHash('sha256')
    .update(
      JSON.stringify({ ...file, subject: file.subject.kind === 'org' ? file.subject.org.id : file.subject.person.id }),
    )
    .digest('hex');
  const documentNo = `CXDA-${file.asOf.replaceAll('-', '')}-${digest.slice(0, 12).toUpperCase()}`;
  const s = file.sections;
  const records = file.groups.flatMap((g) => g.records).filter((r) => r.statusAsOf !== null);
  const dishonesty = records.filter((r) => r.polarity === 'dishonesty');
  const sections: DocSection[] = [];

  if (file.subject.kind === 'person') {
    const p = file.subject.person;
    const posts = p.tenures.filter((t) => t.startDate <= file.asOf && (!t.endDate || t.endDate > file.asOf));
    sections.push({
      title: '一、基本信息',
      tables: [],
      fields: [
        ['姓名', p.name],
        ['性别', p.gender === 'male' ? '男' : '女'],
        ['出生年份', String(p.birthYear)],
        ['公民身份号码', p.idNumberMasked],
        ['现任职务', posts.map((t) => `${t.orgName}\u3000${t.postTitle}（${t.startDate}起）`).join('；') || '无'],
      ],
    });
  } else {
    const o = file.subject.org;
    sections.push({
      title: '一、基本信息',
      tables: [],
      fields: [
        ['单位名称', o.name],
        ['统一社会信用代码', o.uscc],
        ['层级', ORG_LEVEL_LABELS[o.level].zh],
        ['类别', ORG_KIND_LABELS[o.kind].zh],
        ['行政区划代码', o.areaCode],
      ],
    });
  }
  sections.push({
    title: '二、信用状况',
    tables: [],
    fields: [
      ['截至日期', file.asOf],
      ['结论', file.standing.summaryZh],
    ],
  });
  sections.push({
    title: '三、失信记录与处分',
    note: '含司法判决、行政处罚、纪律处分、问责处理及违约失信记录；处分列示影响期，其他记录列示公示期。',
    fields: undefined,
    tables: [
      {
        columns: ['类型', '严重程度', '决定文号', '决定日期', '决定机关', '状态（截至日）', '影响期/公示期至', '来源'],
        widths: [1.3, 0.7, 1.5, 1, 1.5, 1, 1.1, 1],
        empty: '无失信记录',
        rows: dishonesty.map((r) => [
          `${typeZh(r.typeKey)}${r.current.sanctionType ? `（${SANCTION_LABELS[r.current.sanctionType].zh}）` : ''}${r.disputed ? '［异议中］' : ''}`,
          SEVERITY_LABELS[r.current.severity].zh,
          r.current.decisionNo,
          r.current.decisionDate,
          r.current.issuingAuthority,
          `${RECORD_STATUS_LABELS[r.statusAsOf!].zh}${r.effective ? '（有效）' : ''}`,
          r.current.sanctionType
            ? `${r.current.impactStart ?? '—'}至${r.current.impactEnd ?? '—'}`
            : (r.effectiveUntil ?? r.current.publicationMaxEnd ?? '—'),
          r.sourceSystem,
        ]),
      },
    ],
  });
  sections.push({
    title: '四、表彰奖励（守信激励）',
    note: '有有效失信记录时授予的表彰，列示例外批准的理由。',
    tables: [
      {
        columns: ['类型', '事项', '决定文号', '决定日期', '授予机关', '例外批准理由', '来源'],
        widths: [1, 2, 1.4, 1, 1.4, 1.6, 1],
        empty: '无表彰奖励',
        rows: s.commendations.map((c) => [
          c.typeLabelZh,
          c.facts,
          c.decisionNo,
          c.decisionDate,
          c.issuingAuthority,
          c.override
            ? `${c.override.reason}（${c.override.createdBy ?? '—'}，${c.override.createdAt.slice(0, 10)}）`
            : '—',
          `${c.source.system}／${c.source.enteredBy ?? '—'}`,
        ]),
      },
    ],
  });
  if (file.subject.kind === 'person') {
    sections.push({
      title: '五、年度考核结果',
      tables: [
        {
          columns: ['年度', '等次', '考核机关', '备注', '录入'],
          widths: [0.6, 0.8, 2, 2, 1.4],
          empty: '无年度考核结果',
          rows: s.assessments.map((a) => [
            String(a.year),
            a.gradeZh,
            a.assessingOrgName,
            a.note ?? '',
            `${a.source.enteredBy ?? '—'}，${a.source.enteredAt.slice(0, 10)}`,
          ]),
        },
      ],
    });
    sections.push({
      title: '六、诚信教育',
      note: '学时要求见规则表（training.hours-all / training.hours-leading，可配置）。',
      tables: [
        {
          columns: ['年度', '完成学时', '要求学时', '是否达标', '未参加的必修课程'],
          widths: [0.6, 0.8, 0.8, 0.8, 3],
          empty: '无任职年度',
          rows: (s.training?.years ?? []).map((y) => [
            String(y.year),
            String(y.hours),
            String(y.required),
            yesNo(y.met),
            y.missingMandatory.map((m) => `${m.code} ${m.title}`).join('；') || '—',
          ]),
        },
        {
          columns: ['完成日期', '课程编号', '课程名称', '学时', '来源'],
          widths: [1, 1, 3, 0.6, 1.2],
          empty: '无培训记录',
          rows: (s.training?.completions ?? []).map((c) => [
            c.completedOn,
            c.courseCode,
            c.courseTitle,
            String(c.hours),
            c.sourceSystem,
          ]),
        },
      ],
    });
  } else if (s.staff) {
    const st = s.staff;
    sections.push({
      title: '五、本单位人员档案情况',
      note: `${Number(file.asOf.slice(0, 4)) - 1}年度`,
      tables: [],
      fields: [
        ['在职人员', String(st.persons)],
        ['有年度考核结果', String(st.withAssessment)],
        ['有诚信教育记录', String(st.withTraining)],
        ['已建档比例', pct(st.personShare)],
      ],
    });
  }
  sections.push({
    title: `${file.subject.kind === 'person' ? '七' : '六'}、异议、信用修复与限期整改`,
    tables: [
      {
        columns: ['事项', '关联记录', '状态', '受理/要求日期', '办结日期'],
        widths: [1, 2.4, 1, 1, 1],
        empty: '无',
        rows: s.processes.map((p) => [p.kindZh, p.recordId, p.statusZh, p.filedOn, p.closedOn ?? '—']),
      },
    ],
  });
  if (s.confidential) {
    sections.push({
      title: '八、个人有关事项报告（保密）',
      tables: [
        {
          columns: ['年度', '报告日期', '报告事项', '核查结果', '核查日期', '处理'],
          widths: [0.6, 1, 3, 0.8, 1, 1.6],
          empty: '无报告',
          rows: s.confidential.personalMatters.map((m) => [
            String(m.year),
            m.submittedOn,
            m.items.map((i) => i.summary).join('；'),
            m.checkResultZh,
            m.checkedOn ?? '—',
            m.handling ?? '—',
          ]),
        },
      ],
    });
    sections.push({
      title: '九、廉政记录（保密）',
      tables: [
        {
          columns: ['日期', '类别', '内容', '登记单位'],
          widths: [1, 1, 3.5, 1.5],
          empty: '无廉政记录',
          rows: s.confidential.cleanGovernment.map((c) => [c.occurredOn, c.kindZh, c.summary, c.recordingOrgName]),
        },
      ],
    });
  }
  const name = file.subject.kind === 'person' ? file.subject.person.name : file.subject.org.name;
  return {
    title: file.subject.kind === 'person' ? '公务员诚信档案' : '政府机构诚信档案',
    subtitle: name,
    documentNo,
    meta: [
      ['截至日期', file.asOf],
      ['生成日期', generatedOn],
      ['内容摘要（SHA-256）', digest],
    ],
    sections,
    footer: `${file.subject.kind === 'person' ? '公务员' : '政府机构'}诚信档案 ${documentNo}${s.confidential ? '\u3000内含保密事项，注意保管' : ''}`,
  };
}
