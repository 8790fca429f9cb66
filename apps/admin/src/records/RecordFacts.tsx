/**
 * What a record's payload says, for people: the sector facts as a table (yuan, dates, a link to the contract or
 * project in the plugin's console), the penalty disclosure fields in Chinese, and — for a draft a rule proposed — what
 * the rule proposed next to what the officer confirmed. Never raw JSON, never a key as a label.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Table, Tag, Typography } from 'antd';
import { PENALTY_CATEGORY_LABELS, type PenaltyCategory } from '@chengxin/contract';
import { useTRPC } from '../api';
import { yuan } from '../common';
import { useLang } from '../i18n';
import { Link } from '../router';

type Bi = { zh: string; en: string };
const b = (zh: string, en: string): Bi => ({ zh, en });

/** The plugin console page that lists the entity an evidence id names. */
const ENTITY_PAGES: Record<string, { page: string; label: Bi }> = {
  contractId: { page: 'contracts', label: b('采购合同', 'Contract') },
  tenderId: { page: 'tenders', label: b('招标项目', 'Tender') },
  projectId: { page: 'projects', label: b('PPP项目', 'PPP project') },
  promiseId: { page: 'promises', label: b('招商引资承诺', 'Promise') },
  commitmentId: { page: 'commitments', label: b('公开承诺事项', 'Commitment') },
};

/** Labels of the payload keys plugins and the kernel write (evidence of a breach, sector, penalty fields). */
export const PAYLOAD_LABELS: Record<string, Bi> = {
  ruleId: b('适用规则', 'Rule'),
  due: b('应履行日期', 'Due'),
  deadline: b('期限', 'Deadline'),
  detail: b('情况说明', 'Detail'),
  disciplineReferral: b('移送纪检监察机关', 'Referred for discipline'),
  outstandingFen: b('未付金额', 'Outstanding'),
  interestFen: b('逾期利息', 'Late interest'),
  daysLate: b('逾期天数', 'Days late'),
  percent: b('完成比例', 'Share done'),
  excusesClaimed: b('所称理由', 'Excuses claimed'),
  beneficiaryName: b('受益企业', 'Beneficiary'),
  milestoneId: b('履约节点', 'Milestone'),
  changeId: b('变更事项', 'Change'),
  complaintId: b('投诉', 'Complaint'),
  obligationId: b('政府支付义务', 'Obligation'),
  year: b('年度', 'Year'),
  overdueFen: b('逾期债务', 'Overdue debt'),
  balanceFen: b('债务余额', 'Debt balance'),
  overdueRatio: b('逾期债务率', 'Overdue ratio'),
  tier: b('风险等级', 'Tier'),
  area: b('领域', 'Area'),
  target: b('目标', 'Target'),
  achieved: b('完成情况', 'Achieved'),
  sector: b('行业领域', 'Sector'),
  decidedTogether: b('同时决定的较轻处分', 'Decided together'),
  effectiveDateReason: b('生效日期说明', 'Effective-date reason'),
  honourName: b('表彰奖励名称', 'Honour'),
  legalRepresentative: b('法定代表人', 'Legal representative'),
  remarks: b('备注', 'Remarks'),
  penaltyCategories: b('处罚类别', 'Penalty category'),
  penaltyContent: b('处罚内容', 'Penalty content'),
  fineFen: b('罚款金额', 'Fine'),
  confiscationFen: b('没收违法所得、没收非法财物的金额', 'Confiscated'),
  licence: b('暂扣或吊销证照名称及编号', 'Licence'),
  ...Object.fromEntries(Object.entries(ENTITY_PAGES).map(([k, v]) => [k, v.label])),
};
/** Kept out of the table: the schema version stamp and the proposal (shown on its own). */
const HIDDEN = new Set(['$v', 'proposedBy', 'contract', 'rule']);

function Value({ k, v, pluginId }: { k: string; v: unknown; pluginId: string | null }) {
  const { lang } = useLang();
  const rules = useQuery({ ...useTRPC().kernel.rules.list.queryOptions(), staleTime: Infinity });
  if (v === null || v === undefined || v === '') return <>—</>;
  if (ENTITY_PAGES[k] && pluginId && typeof v === 'string')
    return (
      <Link to={`/p/${pluginId}/${ENTITY_PAGES[k].page}?id=${encodeURIComponent(v)}`}>
        {lang === 'zh' ? `查看${ENTITY_PAGES[k].label.zh}` : `Open ${ENTITY_PAGES[k].label.en}`}
      </Link>
    );
  if (k === 'ruleId' && typeof v === 'string') {
    const rule = rules.data?.pluginRules.find((r) => r.ruleId === v);
    return <>{rule ? (lang === 'zh' ? rule.summaryZh : rule.summaryEn) : lang === 'zh' ? '插件规则' : 'Plugin rule'}</>;
  }
  if (k === 'penaltyCategories' && Array.isArray(v))
    return (
      <>
        {v
          .map((c) => PENALTY_CATEGORY_LABELS[c as PenaltyCategory]?.[lang] ?? String(c))
          .join(lang === 'zh' ? '、' : ', ')}
      </>
    );
  if (/Fen$/.test(k) && typeof v === 'number') return <>{`${yuan(v)} ${lang === 'zh' ? '元' : 'CNY'}`}</>;
  if (/Ratio$/.test(k) && typeof v === 'number') return <>{`${(v <= 1.5 ? v * 100 : v).toFixed(2)}%`}</>;
  if (k === 'percent' && typeof v === 'number') return <>{`${v}%`}</>;
  if (k === 'daysLate' && typeof v === 'number') return <>{lang === 'zh' ? `${v} 天` : `${v} days`}</>;
  if (typeof v === 'boolean') return <>{v ? (lang === 'zh' ? '是' : 'Yes') : lang === 'zh' ? '否' : 'No'}</>;
  if (Array.isArray(v)) return <>{v.map((x) => (typeof x === 'object' ? '…' : String(x))).join('、') || '—'}</>;
  if (typeof v === 'object')
    return (
      <Descriptions
        size="small"
        column={1}
        items={Object.entries(v as Record<string, unknown>).map(([kk, vv]) => ({
          key: kk,
          label: PAYLOAD_LABELS[kk]?.[lang] ?? (lang === 'zh' ? '其他' : 'Other'),
          children: <Value k={kk} v={vv} pluginId={pluginId} />,
        }))}
      />
    );
  return <>{String(v)}</>;
}

/** The payload as a table of labelled facts. */
export function SectorFacts({ typeKey, payload }: { typeKey: string; payload: Record<string, unknown> }) {
  const { lang } = useLang();
  const pluginId = typeKey.includes('.') ? typeKey.slice(0, typeKey.indexOf('.')) : null;
  const entries = Object.entries(payload).filter(([k]) => !HIDDEN.has(k));
  if (!entries.length) return null;
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      styles={{ label: { width: 170 } }}
      data-testid="sector-facts"
      items={entries.map(([k, v]) => ({
        key: k,
        label: PAYLOAD_LABELS[k]?.[lang] ?? (lang === 'zh' ? '其他' : 'Other'),
        children: <Value k={k} v={v} pluginId={pluginId} />,
      }))}
    />
  );
}

interface Proposal {
  ruleId?: string;
  summaryZh?: string;
  source?: { law?: string; article?: string };
  on?: string;
  proposed?: { decisionNo?: string; decisionDate?: string };
  unconfirmed?: string[];
}

export const proposalOf = (payload: Record<string, unknown>): Proposal | null => {
  const p = payload['proposedBy'];
  return p && typeof p === 'object' && !Array.isArray(p) ? (p as Proposal) : null;
};

/** What the rule proposed next to what the record now says, and whether a person confirmed it. */
export function ProposalCompare({
  payload,
  current,
}: {
  payload: Record<string, unknown>;
  current: { decisionNo: string; decisionDate: string };
}) {
  const { lang } = useLang();
  const p = proposalOf(payload);
  if (!p) return null;
  const open = new Set(p.unconfirmed ?? []);
  const rows = (
    [
      ['decisionNo', lang === 'zh' ? '决定文号' : 'Decision no.'],
      ['decisionDate', lang === 'zh' ? '决定日期' : 'Decision date'],
    ] as const
  ).map(([field, label]) => {
    const proposed = p.proposed?.[field] ?? null;
    const now = current[field];
    const state = open.has(field) ? 'open' : proposed !== null && proposed === now ? 'kept' : 'changed';
    return { field, label, proposed, now, state };
  });
  const STATE = {
    open: { color: 'orange', zh: '待经办人确认', en: 'To be confirmed' },
    kept: { color: 'green', zh: '经办人已核实', en: 'Confirmed' },
    changed: { color: 'blue', zh: '经办人已填写', en: 'Entered by the officer' },
  } as const;
  return (
    <div data-testid="proposal-compare">
      <Alert
        type={open.size ? 'warning' : 'info'}
        showIcon
        style={{ marginBottom: 8 }}
        title={
          lang === 'zh'
            ? `本记录由规则自动提出${p.on ? `（${p.on}）` : ''}：${p.summaryZh ?? ''}`
            : `Proposed by a rule${p.on ? ` on ${p.on}` : ''}`
        }
        description={
          <Typography.Text type="secondary">
            {p.source?.law}
            {p.source?.article}
            {open.size
              ? lang === 'zh'
                ? '。标为“待经办人确认”的内容须核实后方可提交审核。'
                : '. Fields to be confirmed must be checked before submitting.'
              : ''}
          </Typography.Text>
        }
      />
      <Table
        size="small"
        pagination={false}
        rowKey="field"
        dataSource={rows}
        columns={[
          { title: lang === 'zh' ? '项目' : 'Field', dataIndex: 'label', width: 110 },
          {
            title: lang === 'zh' ? '规则提出' : 'Rule proposed',
            dataIndex: 'proposed',
            render: (x: string | null) => x ?? '—',
          },
          { title: lang === 'zh' ? '经办人确认' : 'Officer confirmed', dataIndex: 'now' },
          {
            title: lang === 'zh' ? '状态' : 'State',
            dataIndex: 'state',
            render: (s: keyof typeof STATE) => <Tag color={STATE[s].color}>{STATE[s][lang]}</Tag>,
          },
        ]}
      />
    </div>
  );
}
