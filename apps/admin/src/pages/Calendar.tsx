/**
 * The working-day calendar (kernel.calendar.*): which years hold the State Council's arrangement and which are only
 * computed from the statutory holidays (deadlines in them are provisional); entering a year's arrangement from the
 * notice — each holiday's days off and its make-up working days — with the notice's document number, which marks the
 * year official; single-day overrides; and a deadline check that says whether a date is still provisional.
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { messageOf } from '@chengxin/ui';
import { client, useTRPC } from '../api';
import { PageTitle } from '../common';
import { useLang } from '../i18n';
import { useSession } from '../session';

/** The holidays a State Council notice lists (Regulations on National Annual Holidays and Commemorative Days, art. 2). */
const HOLIDAYS = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'];

interface Entry {
  name: string;
  off: [Dayjs, Dayjs];
  workdays?: Dayjs[];
}
interface Arrangement {
  year: number;
  documentNo: string;
  entries: Entry[];
}

const BASIS_ZH = { official: '正式（国务院通知）', override: '已录入调整', provisional: '暂定（按法定节假日推算）' };
const BASIS_EN = { official: 'Official', override: 'Overrides entered', provisional: 'Provisional (statute only)' };

function expand(entries: Entry[]) {
  const days: { date: string; kind: 'holiday' | 'workday'; nameZh: string }[] = [];
  for (const e of entries) {
    for (let d = e.off[0].startOf('day'); !d.isAfter(e.off[1], 'day'); d = d.add(1, 'day'))
      days.push({ date: d.format('YYYY-MM-DD'), kind: 'holiday', nameZh: e.name });
    for (const w of e.workdays ?? [])
      days.push({ date: w.format('YYYY-MM-DD'), kind: 'workday', nameZh: `${e.name}调休上班` });
  }
  return days;
}

export default function CalendarPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t, lang } = useLang();
  const { can } = useSession();
  const { message } = AntApp.useApp();
  const zh = lang === 'zh';
  const thisYear = dayjs().year();
  const years = useQuery(trpc.kernel.calendar.years.queryOptions({ around: thisYear }));
  const [form] = Form.useForm<Arrangement>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [check, setCheck] = useState<{ from?: Dayjs; days: number }>({ days: 15 });
  const deadline = useQuery({
    ...trpc.kernel.calendar.deadline.queryOptions({
      from: check.from?.format('YYYY-MM-DD') ?? '2000-01-01',
      workingDays: check.days,
    }),
    enabled: !!check.from,
  });
  const manage = can('kernel.calendar.manage');
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.kernel.calendar.pathKey() });

  const save = async (v: Arrangement) => {
    setError(null);
    setSaving(true);
    try {
      const days = expand(v.entries ?? []);
      const outside = days.find((d) => !d.date.startsWith(String(v.year)) && !d.date.startsWith(String(v.year - 1)));
      if (outside) throw new Error(zh ? `${outside.date} 不在 ${v.year} 年` : `${outside.date} is not in ${v.year}`);
      await client.kernel.calendar.setDays.mutate({ days, note: v.documentNo });
      await client.kernel.calendar.markOfficial.mutate({ year: v.year, documentNo: v.documentNo, note: null });
      void message.success(zh ? `${v.year}年放假安排已录入并标记为正式` : `${v.year} entered and marked official`);
      form.resetFields();
      await refresh();
    } catch (e) {
      setError(messageOf(e, lang));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div>
      <PageTitle>{t('calendar')}</PageTitle>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card size="small" title={zh ? '各年度日历依据' : 'Basis by year'}>
            <Table
              size="small"
              rowKey="year"
              pagination={false}
              loading={years.isPending}
              dataSource={years.data ?? []}
              columns={[
                { title: zh ? '年度' : 'Year', dataIndex: 'year' },
                {
                  title: zh ? '依据' : 'Basis',
                  dataIndex: 'basis',
                  render: (b: keyof typeof BASIS_ZH) => (
                    <Tag color={b === 'official' ? 'green' : b === 'override' ? 'blue' : 'orange'} data-basis={b}>
                      {(zh ? BASIS_ZH : BASIS_EN)[b]}
                    </Tag>
                  ),
                },
                { title: zh ? '调整天数' : 'Overrides', dataIndex: 'overrides' },
                { title: zh ? '通知文号' : 'Notice no.', dataIndex: 'documentNo', render: (d?: string) => d ?? '—' },
              ]}
            />
          </Card>
          <Card size="small" title={zh ? '期限试算' : 'Deadline check'} style={{ marginTop: 16 }}>
            <Space wrap>
              <DatePicker
                id="check-from"
                aria-label={zh ? '起算日' : 'From'}
                placeholder={zh ? '起算日' : 'From'}
                value={check.from}
                onChange={(d) => setCheck((c) => ({ ...c, ...(d ? { from: d } : { from: undefined }) }))}
              />
              <InputNumber
                id="check-days"
                aria-label={zh ? '工作日数' : 'Working days'}
                min={0}
                max={365}
                value={check.days}
                onChange={(n) => setCheck((c) => ({ ...c, days: n ?? 0 }))}
                addonAfter={zh ? '个工作日' : 'working days'}
              />
            </Space>
            {deadline.data && (
              <p data-testid="deadline-result" style={{ marginTop: 12 }}>
                {zh ? '期限届满日：' : 'Due: '}
                <strong>{deadline.data.date}</strong>{' '}
                {deadline.data.provisional ? (
                  <Tag color="orange">{zh ? '暂定' : 'Provisional'}</Tag>
                ) : (
                  <Tag color="green">{zh ? '正式' : 'Official'}</Tag>
                )}
              </p>
            )}
            <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>
              {zh
                ? '自起算日次日起计算（当日不计）；某年未录入国务院放假安排时，该年的期限按法定节假日推算并标为暂定。'
                : 'Counted from the next day; in a year without the notice entered, deadlines are provisional.'}
            </Typography.Paragraph>
          </Card>
        </Col>
        {manage && (
          <Col xs={24} xl={14}>
            <Card size="small" title={zh ? '录入全年放假安排（国务院办公厅通知）' : "Enter a year's arrangement"}>
              {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
              <Form<Arrangement>
                form={form}
                layout="vertical"
                onFinish={(v) => void save(v)}
                initialValues={{ year: thisYear + 1, entries: [{ name: '元旦' }] }}
              >
                <Space wrap align="start">
                  <Form.Item label={zh ? '年度' : 'Year'} name="year" rules={[{ required: true }]}>
                    <InputNumber id="cal-year" min={2000} max={2100} />
                  </Form.Item>
                  <Form.Item
                    label={zh ? '通知文号' : 'Notice document no.'}
                    name="documentNo"
                    rules={[{ required: true, min: 3, message: zh ? '请填写通知文号' : 'Give the document number' }]}
                  >
                    <Input id="cal-doc" placeholder={zh ? '如 国办发明电〔2026〕7号' : 'e.g. 国办发明电〔2026〕7号'} />
                  </Form.Item>
                </Space>
                <Form.List name="entries">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((f, i) => (
                        <Space key={f.key} align="start" wrap data-testid="holiday-row">
                          <Form.Item
                            name={[f.name, 'name']}
                            label={zh ? '节日' : 'Holiday'}
                            rules={[{ required: true, message: zh ? '请选择节日' : 'Choose' }]}
                          >
                            <Select
                              id={`cal-name-${i}`}
                              style={{ width: 110 }}
                              options={HOLIDAYS.map((h) => ({ value: h, label: h }))}
                            />
                          </Form.Item>
                          <Form.Item
                            name={[f.name, 'off']}
                            label={zh ? '放假日期（起止）' : 'Days off'}
                            rules={[{ required: true, message: zh ? '请选择放假起止日期' : 'Choose the days off' }]}
                          >
                            <DatePicker.RangePicker id={`cal-off-${i}`} />
                          </Form.Item>
                          <Form.Item name={[f.name, 'workdays']} label={zh ? '调休上班日' : 'Make-up working days'}>
                            <DatePicker id={`cal-work-${i}`} multiple style={{ minWidth: 160 }} />
                          </Form.Item>
                          <Button
                            type="text"
                            aria-label={zh ? '删除此行' : 'Remove'}
                            icon={<MinusCircleOutlined />}
                            style={{ marginTop: 30 }}
                            onClick={() => remove(f.name)}
                          />
                        </Space>
                      ))}
                      <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
                        {zh ? '添加节日' : 'Add a holiday'}
                      </Button>
                    </>
                  )}
                </Form.List>
                <Button type="primary" htmlType="submit" loading={saving} style={{ marginTop: 16 }}>
                  {zh ? '保存并标记为正式' : 'Save and mark official'}
                </Button>
              </Form>
            </Card>
            <OverrideCard onDone={refresh} />
          </Col>
        )}
      </Row>
    </div>
  );
}

/** One day changed by itself (an extra day off announced later), or an entered day removed. */
function OverrideCard({ onDone }: { onDone: () => Promise<unknown> }) {
  const { t, lang } = useLang();
  const { message } = AntApp.useApp();
  const zh = lang === 'zh';
  const [date, setDate] = useState<Dayjs | null>(null);
  const [kind, setKind] = useState<'holiday' | 'workday'>('holiday');
  const [name, setName] = useState('');
  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      void message.success(t('done'));
      await onDone();
    } catch (e) {
      void message.error(messageOf(e, lang));
    }
  };
  return (
    <Card size="small" title={zh ? '单日调整' : 'One-day override'} style={{ marginTop: 16 }}>
      <Space wrap>
        <DatePicker
          id="ov-date"
          aria-label={zh ? '日期' : 'Date'}
          value={date}
          onChange={setDate}
          placeholder={zh ? '日期' : 'Date'}
        />
        <Select
          id="ov-kind"
          aria-label={zh ? '类型' : 'Kind'}
          value={kind}
          onChange={setKind}
          style={{ width: 120 }}
          options={[
            { value: 'holiday', label: zh ? '放假' : 'Day off' },
            { value: 'workday', label: zh ? '上班' : 'Working day' },
          ]}
        />
        <Input
          id="ov-name"
          aria-label={zh ? '名称' : 'Name'}
          placeholder={zh ? '名称，如 国庆节' : 'Name'}
          value={name}
          onChange={(e) => setName(e.target.value)}
          style={{ width: 160 }}
        />
        <Button
          disabled={!date || !name.trim()}
          onClick={() =>
            void act(() =>
              client.kernel.calendar.setDays.mutate({
                days: [{ date: date!.format('YYYY-MM-DD'), kind, nameZh: name.trim() }],
                note: null,
              }),
            )
          }
        >
          {t('save')}
        </Button>
        <Popconfirm
          title={zh ? '删除该日的调整？' : 'Remove this override?'}
          description={zh ? '删除后该日按常规工作日或周末计算。' : 'The day counts as an ordinary day again.'}
          okText={zh ? '删除' : 'Remove'}
          cancelText={t('cancel')}
          disabled={!date}
          onConfirm={() => act(() => client.kernel.calendar.removeDay.mutate({ date: date!.format('YYYY-MM-DD') }))}
        >
          <Button danger disabled={!date}>
            {zh ? '删除该日调整' : 'Remove override'}
          </Button>
        </Popconfirm>
      </Space>
    </Card>
  );
}
