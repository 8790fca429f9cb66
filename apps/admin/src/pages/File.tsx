/**
 * The integrity file of a body or a person: current standing, the eligibility answers with their reasons, a timeline of
 * records, sanctions with their impact periods, assessments, processes; each record opens with its versions and a diff.
 */
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Breadcrumb,
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Empty,
  Result,
  Row,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { RecordTimeline, SimpleList, errorData, messageOf, type TimelineEntry } from '@chengxin/ui';
import { client, useTRPC } from '../api';
import { Forbidden, PageTitle, SeverityTag, StatusTag, sanctionLabel, useTypeLabel } from '../common';
import { useLang } from '../i18n';
import { Link, lastSearch, navigate } from '../router';
import { useSession } from '../session';
import { RecordDetail } from './Record';
import { AppointDialog, OrgCreateDrawer, PersonCreateDrawer } from './Registry';

export const shanghaiToday = () =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());

export default function FilePage({ kind, id }: { kind: 'org' | 'person'; id: string }) {
  const trpc = useTRPC();
  const { t, lang } = useLang();
  const { can } = useSession();
  const typeLabel = useTypeLabel();
  const [open, setOpen] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [registering, setRegistering] = useState<'org' | 'person' | 'appoint' | null>(null);
  const { message } = AntApp.useApp();
  const subject = kind === 'org' ? { kind: 'org' as const, orgId: id } : { kind: 'person' as const, personId: id };
  const file = useQuery(trpc.kernel.files.get.queryOptions({ subject }));
  const today = shanghaiToday();
  const year = Number(today.slice(0, 4));
  const canAsk = can('kernel.eligibility.read');
  const assessment = useQuery({
    ...trpc.kernel.eligibility.annualAssessment.queryOptions({ personId: id, year }),
    enabled: kind === 'person' && canAsk && file.isSuccess,
  });
  const promotion = useQuery({
    ...trpc.kernel.eligibility.promotion.queryOptions({ personId: id, date: today }),
    enabled: kind === 'person' && canAsk && file.isSuccess,
  });
  const honours = useQuery({
    ...trpc.kernel.eligibility.honours.queryOptions({ orgId: id, date: today }),
    enabled: kind === 'org' && canAsk && file.isSuccess,
  });

  const exportPdf = async () => {
    setExporting(true);
    try {
      const doc = await client.kernel.files.export.query({ subject, format: 'pdf' });
      const bytes = Uint8Array.from(atob(doc.content), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: doc.contentType }));
      const a = document.createElement('a');
      a.href = url;
      a.download = doc.filename;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      void message.success(lang === 'zh' ? `已导出，文档编号 ${doc.documentNo}` : `Exported: ${doc.documentNo}`);
    } catch (e) {
      void message.error(messageOf(e, lang));
    } finally {
      setExporting(false);
    }
  };

  if (file.error) {
    if (errorData(file.error)?.httpStatus === 403) return <Forbidden />;
    return <Result status="error" title={messageOf(file.error, lang)} />;
  }
  if (!file.data) return <Skeleton active />;
  const f = file.data;
  const name = f.subject.kind === 'org' ? f.subject.org.name : f.subject.person.name;
  const records = f.groups.flatMap((g) => g.records);
  const entries: TimelineEntry[] = records.map((r) => ({
    key: r.id,
    date: r.current.decisionDate,
    tone:
      r.polarity === 'commendation'
        ? 'success'
        : r.effective
          ? 'danger'
          : r.status === 'draft' || r.status === 'submitted'
            ? 'warning'
            : 'neutral',
    title: (
      <a
        onClick={() => setOpen(r.id)}
        role="button"
        tabIndex={0}
        onKeyDown={(e) => {
          if (e.key === 'Enter') setOpen(r.id);
        }}
      >
        {typeLabel(r.typeKey)} · {r.current.decisionNo}
      </a>
    ),
    detail: `${r.current.issuingAuthority}：${r.current.facts.slice(0, 80)}${r.current.facts.length > 80 ? '…' : ''}`,
    tags: [
      {
        text:
          lang === 'zh'
            ? ((
                {
                  draft: '草稿',
                  submitted: '待审核',
                  approved: '已审核',
                  published: '已公示',
                  expired: '公示期满',
                  repaired: '已修复',
                  revoked: '已撤销',
                  archived: '已归档',
                } as Record<string, string>
              )[r.status] ?? r.status)
            : r.status,
      },
      ...(r.effective
        ? [
            {
              text: lang === 'zh' ? `有效至 ${r.effectiveUntil ?? '—'}` : `in effect until ${r.effectiveUntil ?? '—'}`,
              color: 'red',
            },
          ]
        : []),
      ...(r.disputed ? [{ text: lang === 'zh' ? '异议处理中' : 'disputed', color: 'orange' }] : []),
    ],
  }));
  // Sanctions and other dishonesty records past review, with their impact period (sanctions) or publication period.
  const sanctions = records.filter((r) => r.polarity === 'dishonesty' && !['draft', 'submitted'].includes(r.status));
  const s = f.sections;

  return (
    <div>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          { title: <Link to="/">{t('home')}</Link> },
          {
            // Back to the search as it was left (its query is in the URL the search page remembered).
            title: <Link to={lastSearch(kind)}>{kind === 'org' ? t('orgs') : t('persons')}</Link>,
          },
          { title: name },
        ]}
      />
      <PageTitle
        extra={
          <Space wrap>
            <Typography.Text type="secondary">{lang === 'zh' ? `截至 ${f.asOf}` : `As of ${f.asOf}`}</Typography.Text>
            <Button onClick={() => navigate(lastSearch(kind))}>{lang === 'zh' ? '返回查询' : 'Back to search'}</Button>
            {can('kernel.records.write') && (
              <Button onClick={() => navigate(`/records/new?kind=${kind}&subject=${id}`)}>{t('newRecord')}</Button>
            )}
            {kind === 'org' && can('kernel.orgs.write') && (
              <Button onClick={() => setRegistering('org')}>{lang === 'zh' ? '新建下级单位' : 'New body below'}</Button>
            )}
            {kind === 'org' && can('kernel.persons.write') && (
              <Button onClick={() => setRegistering('person')}>
                {lang === 'zh' ? '登记公务员' : 'Register a civil servant'}
              </Button>
            )}
            {kind === 'person' && can('kernel.persons.write') && (
              <Button onClick={() => setRegistering('appoint')}>{lang === 'zh' ? '登记任职' : 'Appointment'}</Button>
            )}
            <Button type="primary" loading={exporting} onClick={() => void exportPdf()}>
              {lang === 'zh' ? '导出档案（PDF）' : 'Export file (PDF)'}
            </Button>
          </Space>
        }
      >
        {t('integrityFile')}：{name}
      </PageTitle>
      <OrgCreateDrawer
        open={registering === 'org'}
        parentId={id}
        onClose={() => setRegistering(null)}
        onCreated={(o) => {
          setRegistering(null);
          navigate(`/files/org/${o.id}`);
        }}
      />
      <PersonCreateDrawer open={registering === 'person'} orgId={id} onClose={() => setRegistering(null)} />
      {kind === 'person' && (
        <AppointDialog
          open={registering === 'appoint'}
          personId={id}
          personName={name}
          onClose={() => setRegistering(null)}
          onDone={() => {
            setRegistering(null);
            void file.refetch();
          }}
        />
      )}
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('standing')}>
            <Alert
              type={f.standing.hasEffectiveDishonesty ? 'error' : 'success'}
              showIcon
              title={lang === 'zh' ? f.standing.summaryZh : f.standing.summaryEn}
              data-testid="standing"
            />
            {f.subject.kind === 'person' && (
              <Descriptions
                size="small"
                column={2}
                style={{ marginTop: 12 }}
                items={[
                  {
                    key: 'id',
                    label: lang === 'zh' ? '身份证号' : 'ID number',
                    children: f.subject.person.idNumberMasked,
                  },
                  { key: 'birth', label: lang === 'zh' ? '出生年份' : 'Born', children: f.subject.person.birthYear },
                  {
                    key: 'post',
                    label: lang === 'zh' ? '任职' : 'Posts',
                    span: 2,
                    children: f.subject.person.tenures
                      .map((x) => `${x.orgName} ${x.postTitle}（${x.startDate}–${x.endDate ?? ''}）`)
                      .join('；'),
                  },
                ]}
              />
            )}
            {f.subject.kind === 'org' && (
              <Descriptions
                size="small"
                column={2}
                style={{ marginTop: 12 }}
                items={[
                  {
                    key: 'uscc',
                    label: lang === 'zh' ? '统一社会信用代码' : 'Credit code',
                    children: f.subject.org.uscc,
                  },
                  {
                    key: 'staff',
                    label: lang === 'zh' ? '在职人员' : 'Staff',
                    children: s.staff
                      ? `${s.staff.persons}（${lang === 'zh' ? '档案完整' : 'complete'} ${s.staff.personsWithFile}）`
                      : '—',
                  },
                ]}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('eligibility')}>
            {!canAsk && <Typography.Text type="secondary">—</Typography.Text>}
            {kind === 'person' && assessment.data && (
              <Eligibility
                title={lang === 'zh' ? `${year}年度考核能否评为优秀` : `May be rated excellent in ${year}`}
                ok={assessment.data.mayBeExcellent}
                summary={lang === 'zh' ? assessment.data.summaryZh : assessment.data.summaryEn}
                reasons={assessment.data.reasons}
                mitigations={assessment.data.mitigations}
              />
            )}
            {kind === 'person' && promotion.data && (
              <Eligibility
                title={lang === 'zh' ? '今日能否晋升' : 'May be promoted today'}
                ok={promotion.data.eligible}
                summary={promotion.data.summaryZh}
                reasons={promotion.data.reasons}
                mitigations={promotion.data.mitigations}
              />
            )}
            {kind === 'org' && honours.data && (
              <Eligibility
                title={lang === 'zh' ? '今日能否参加荣誉评选' : 'May receive honours today'}
                ok={honours.data.eligible}
                summary={honours.data.summaryZh}
                reasons={honours.data.reasons}
                notices={honours.data.notices}
                mitigations={honours.data.mitigations}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('timeline')} styles={{ body: { maxHeight: 520, overflow: 'auto' } }}>
            <RecordTimeline entries={entries} emptyText={lang === 'zh' ? '暂无信用记录' : 'No records'} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('sanctions')}>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={sanctions}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
              columns={[
                {
                  title: t('recordType'),
                  render: (_, r) =>
                    `${typeLabel(r.typeKey)}${r.current.sanctionType ? ` · ${sanctionLabel(r.current.sanctionType, lang)}` : ''}`,
                },
                { title: t('severity'), render: (_, r) => <SeverityTag severity={r.current.severity} /> },
                {
                  title: lang === 'zh' ? '影响期 / 公示期' : 'Impact / publication',
                  render: (_, r) =>
                    r.current.impactStart
                      ? `${r.current.impactStart} – ${r.current.impactEnd ?? ''}`
                      : r.current.publicationStart
                        ? `${r.current.publicationStart} – ${r.current.publicationMaxEnd ?? ''}`
                        : '—',
                },
                { title: t('status'), render: (_, r) => <StatusTag status={r.status} /> },
              ]}
            />
          </Card>
          {s.assessments.length > 0 && (
            <Card size="small" title={t('assessments')} style={{ marginTop: 12 }}>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={s.assessments}
                columns={[
                  { title: lang === 'zh' ? '年度' : 'Year', dataIndex: 'year' },
                  { title: lang === 'zh' ? '等次' : 'Grade', dataIndex: 'gradeZh' },
                  { title: lang === 'zh' ? '考核单位' : 'By', dataIndex: 'assessingOrgName' },
                ]}
              />
            </Card>
          )}
          <Card size="small" title={t('processList')} style={{ marginTop: 12 }}>
            <SimpleList
              items={s.processes}
              rowKey={(p) => p.id}
              render={(p) => (
                <span>
                  <Tag>{p.kindZh}</Tag> {p.statusZh} · {p.filedOn}
                  {p.closedOn ? ` – ${p.closedOn}` : ''}
                  {p.detailZh ? <div style={{ fontSize: 12 }}>{p.detailZh}</div> : ' '}
                  <a onClick={() => setOpen(p.recordId)}>{lang === 'zh' ? '查看记录' : 'Record'}</a>
                </span>
              )}
            />
          </Card>
          {s.commendations.length > 0 && (
            <Card size="small" title={lang === 'zh' ? '表彰奖励' : 'Commendations'} style={{ marginTop: 12 }}>
              <SimpleList
                items={s.commendations}
                rowKey={(c) => c.recordId}
                render={(c) => (
                  <span>
                    {c.decisionDate} {c.typeLabelZh} · {c.issuingAuthority}
                  </span>
                )}
              />
            </Card>
          )}
        </Col>
      </Row>
      <Drawer open={!!open} onClose={() => setOpen(null)} size="large" title={t('versions')} destroyOnHidden>
        {open && <RecordDetail id={open} compact />}
        {open && (
          <Button style={{ marginTop: 12 }} href={`/admin/records/${open}`}>
            {lang === 'zh' ? '打开记录页' : 'Open record page'}
          </Button>
        )}
      </Drawer>
    </div>
  );
}

function Eligibility({
  title,
  ok,
  summary,
  reasons,
  notices = [],
  mitigations = [],
}: {
  title: string;
  ok: boolean;
  summary: string;
  notices?: { noticeId: string; describedZh: string }[];
  mitigations?: { selfCorrectionId: string; measure: string; textZh: string }[];
  reasons: {
    recordId: string;
    describedZh: string;
    summaryZh: string;
    source: { law: string; article: string };
    from: string;
    until: string | null;
  }[];
}) {
  const { lang } = useLang();
  return (
    <div style={{ marginBottom: 12 }} data-testid="eligibility">
      <Typography.Text strong>{title}：</Typography.Text>
      <Tag color={ok ? 'green' : 'red'}>{ok ? (lang === 'zh' ? '可以' : 'Yes') : lang === 'zh' ? '不可以' : 'No'}</Tag>
      <div>
        <Typography.Text type="secondary">{summary}</Typography.Text>
      </div>
      {reasons.map((r) => (
        <div key={`${r.recordId}${r.summaryZh}`} style={{ fontSize: 12, marginTop: 4 }}>
          · {r.describedZh}（{r.from}–{r.until ?? ''}）{r.summaryZh} — {r.source.law}
          {r.source.article}
        </div>
      ))}
      {notices.map((n) => (
        <div key={n.noticeId} style={{ fontSize: 12, marginTop: 4 }}>
          · {n.describedZh}
        </div>
      ))}
      {mitigations.map((m) => (
        <div key={`${m.selfCorrectionId}${m.measure}`} style={{ fontSize: 12, marginTop: 4 }} data-testid="mitigation">
          · 主动自新：{m.textZh}
        </div>
      ))}
    </div>
  );
}
