/**
 * 规则表: the rule table the code applies (kernel.rules.list) — each rule's summary, the law and article it rests on and
 * how sure we are of it, and for the ones that are settings the variable, the value in force and its default. Grouped
 * as the table is: processing deadlines, consequences, the integrity file, evaluation indicators, the use of evaluation
 * results in policy areas (plan 二.4), the sectors' rules, sanctions and retention.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Space, Table, Tag, Typography } from 'antd';
import { RULE_CONFIDENCE_LABELS, type RuleConfidence } from '@chengxin/contract';
import { messageOf } from '@chengxin/ui';
import { useTRPC } from '../api';
import { PageTitle } from '../common';
import { useLang } from '../i18n';

interface Row {
  ruleId: string;
  summaryZh: string;
  summaryEn: string;
  source: { law: string; article: string; confidence: RuleConfidence };
  settings?: { env: string; value: number; fallback: number; labelZh: string }[];
}

export function RulesPage() {
  const trpc = useTRPC();
  const { lang, l } = useLang();
  const zh = lang === 'zh';
  const rules = useQuery(trpc.kernel.rules.list.queryOptions());
  const d = rules.data;
  const groups: { key: string; title: string; rows: Row[] }[] = d
    ? [
        {
          key: 'processes',
          title: zh ? '办理时限' : 'Processing deadlines',
          rows: d.processes.map((p) => ({
            ruleId: p.id,
            summaryZh: `${p.summaryZh}（${p.workingDays}个工作日）`,
            summaryEn: `${p.summaryEn} (${p.workingDays} working days)`,
            source: p.source,
          })),
        },
        { key: 'consequences', title: zh ? '失信后果与考核' : 'Consequences', rows: d.consequences },
        { key: 'file', title: zh ? '诚信档案' : 'Integrity file', rows: d.file },
        {
          key: 'policyUse',
          title: zh ? '评价结果应用（政策领域）' : 'Evaluation results put to use',
          rows: d.policyUse.map((p) => ({ ...p, summaryZh: `${p.labelZh}：${p.summaryZh}` })),
        },
        { key: 'evaluation', title: zh ? '评价指标' : 'Evaluation indicators', rows: d.evaluation },
        { key: 'plugins', title: zh ? '行业规则' : 'Sector rules', rows: d.pluginRules },
        { key: 'sanctions', title: zh ? '处分与公开' : 'Sanctions and disclosure', rows: d.sanctionRules },
        { key: 'retention', title: zh ? '保存期限' : 'Retention', rows: d.retention },
      ]
    : [];
  return (
    <div>
      <PageTitle>{zh ? '规则表' : 'Rule table'}</PageTitle>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={
          zh
            ? '系统适用的每一条期限、时限和后果规则，均列明所依据的法规及条款；“本地设置”为法规未作规定、由本地确定并可通过设置调整的事项。'
            : 'Every period, deadline and consequence the system applies, with the law and article it rests on; local choices are settings.'
        }
      />
      {rules.error && <Alert type="error" showIcon title={messageOf(rules.error, lang)} />}
      {groups.map((g) => (
        <Card key={g.key} size="small" title={g.title} style={{ marginBottom: 12 }} data-testid={`rules-${g.key}`}>
          <Table<Row>
            size="small"
            rowKey="ruleId"
            dataSource={g.rows}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              {
                title: zh ? '规则' : 'Rule',
                key: 'summary',
                render: (_, r) => (
                  <Space direction="vertical" size={0}>
                    <span>{zh ? r.summaryZh : r.summaryEn}</span>
                    {r.settings?.map((s) => (
                      <Typography.Text key={s.env} type="secondary">
                        {s.labelZh}：{s.value}
                        {s.value === s.fallback ? (zh ? '（默认）' : ' (default)') : zh ? `（默认${s.fallback}）` : ''}
                      </Typography.Text>
                    ))}
                  </Space>
                ),
              },
              {
                title: zh ? '依据' : 'Source',
                key: 'source',
                width: '40%',
                render: (_, r) => `${r.source.law} ${r.source.article}`,
              },
              {
                title: zh ? '可靠程度' : 'Confidence',
                key: 'confidence',
                width: 120,
                render: (_, r) => (
                  <Tag
                    color={r.source.confidence === 'law' ? 'green' : r.source.confidence === 'local' ? 'blue' : 'gold'}
                  >
                    {l(RULE_CONFIDENCE_LABELS[r.source.confidence])}
                  </Tag>
                ),
              },
            ]}
          />
        </Card>
      ))}
    </div>
  );
}
