/**
 * For a city-wide registrar: persons a district registered with an ID number already on file elsewhere. The district
 * was not told (that would reveal the number's existence); here each registration stands beside the person on file,
 * with a warning when the names differ, and is merged with a stated reason.
 */
import { Alert, App as AntApp, Badge, Button, Card, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CursorTable, messageOf } from '@chengxin/ui';
import { client } from '../api';
import { useLang } from '../i18n';
import { Link } from '../router';
import { scopeRoots, useSession } from '../session';

type Duplicate = Awaited<ReturnType<typeof client.kernel.persons.duplicates.query>>['items'][number];

const posts = (tenures: Duplicate['tenures']) =>
  tenures
    .map((x) => `${x.orgName} ${x.postTitle}（${x.startDate}起${x.endDate ? `，${x.endDate}止` : ''}）`)
    .join('；');

export function PersonDuplicates() {
  const { me, can } = useSession();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [reload, setReload] = useState(0);
  const [merging, setMerging] = useState<Duplicate | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  // City-wide grants only: the procedures refuse everyone else, so the card is not shown to them.
  const registrar = can('kernel.persons.merge') && scopeRoots(me, 'kernel.persons.merge') === null;
  // How many wait (the badge on the card's title): one page of up to 100 is enough to say "99+".
  const waiting = useQuery({
    queryKey: ['person-duplicates-count', reload],
    queryFn: () => client.kernel.persons.duplicates.query({ limit: 100 }),
    enabled: registrar,
  });
  if (!registrar) return null;
  const zh = lang === 'zh';
  const count = waiting.data ? waiting.data.items.length + (waiting.data.nextCursor ? 1 : 0) : 0;
  return (
    <Card
      size="small"
      title={
        <Space size={8}>
          <span>{zh ? '跨区重复登记（待市级合并）' : 'Duplicate registrations (to merge)'}</span>
          <Badge count={count} overflowCount={99} title={zh ? `${count}条待合并` : `${count} to merge`} />
        </Space>
      }
      style={{ marginBottom: 16 }}
    >
      <Typography.Paragraph type="secondary">
        {zh
          ? '区级单位登记了已在其他辖区登记的身份证号。为不泄露该号码是否已登记，区级单位得到的是一条新登记；请核对后合并，合并后其任职和记录归入已登记的人员档案。'
          : 'A district registered an ID number already on file elsewhere. Check and merge: its posts and records move to the person on file.'}
      </Typography.Paragraph>
      <CursorTable<Duplicate>
        lang={lang}
        reload={reload}
        rowKey={(d) => d.id}
        fetchPage={(cursor) => client.kernel.persons.duplicates.query({ limit: 20, ...(cursor ? { cursor } : {}) })}
        columns={[
          {
            title: zh ? '区级登记' : 'Registration',
            render: (_: unknown, d) => (
              <Space direction="vertical" size={0}>
                <span>
                  {d.name} {d.idNumberMasked}
                </span>
                <Typography.Text type="secondary">{posts(d.tenures)}</Typography.Text>
              </Space>
            ),
          },
          {
            title: zh ? '已登记的人员' : 'Person on file',
            render: (_: unknown, d) => (
              <Space direction="vertical" size={0}>
                <span>
                  <Link to={`/files/person/${d.existing.id}`}>{d.existing.name}</Link>{' '}
                  {d.nameDiffers && <Tag color="orange">{zh ? '姓名不一致' : 'Names differ'}</Tag>}
                </span>
                <Typography.Text type="secondary">{posts(d.existing.tenures)}</Typography.Text>
              </Space>
            ),
          },
          { title: zh ? '登记时间' : 'Registered', dataIndex: 'registeredAt', render: (v: string) => v.slice(0, 10) },
          {
            title: zh ? '操作' : 'Action',
            render: (_: unknown, d) => (
              <Button
                size="small"
                onClick={() => {
                  setMerging(d);
                  setReason('');
                  setError(null);
                }}
              >
                {zh ? '合并' : 'Merge'}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={!!merging}
        title={zh ? `合并 ${merging?.name ?? ''} 的重复登记` : `Merge ${merging?.name ?? ''}`}
        okText={zh ? '确认合并（不可撤销）' : 'Merge (cannot be undone)'}
        cancelText={zh ? '取消' : 'Cancel'}
        onCancel={() => setMerging(null)}
        onOk={async () => {
          if (reason.trim().length < 2) return setError(zh ? '请填写合并理由（至少2个字）' : 'Give a reason');
          try {
            await client.kernel.persons.mergeDuplicate.mutate({ id: merging!.id, reason });
            setMerging(null);
            setReload((x) => x + 1);
            void message.success(zh ? '已合并' : 'Merged');
          } catch (e) {
            setError(messageOf(e, lang));
          }
        }}
      >
        {merging?.nameDiffers && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={
              zh ? `姓名不一致：区级登记为“${merging.name}”，档案为“${merging.existing.name}”` : 'The names differ'
            }
          />
        )}
        <Form layout="vertical">
          <Form.Item
            label={zh ? '合并理由' : 'Reason'}
            required
            htmlFor="merge-reason"
            validateStatus={error ? 'error' : undefined}
            help={error ?? undefined}
          >
            <Input.TextArea id="merge-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
