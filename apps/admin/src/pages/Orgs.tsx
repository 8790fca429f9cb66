/** The body tree (one level at a time, lazily) and a search by name or credit code; each body opens its file. */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Input, Row, Tag, Tree, type TreeDataNode } from 'antd';
import { useState } from 'react';
import { ORG_KIND_LABELS, ORG_LEVEL_LABELS } from '@chengxin/contract';
import { CursorTable, messageOf } from '@chengxin/ui';
import { client, useTRPC } from '../api';
import { PageTitle } from '../common';
import { useLang } from '../i18n';
import { Link, navigate, rememberSearch, useLocation } from '../router';
import { useSession } from '../session';
import { OrgCreateDrawer } from './Registry';

interface Org {
  id: string;
  name: string;
  uscc: string;
  level: 'city' | 'district' | 'street';
  kind: keyof typeof ORG_KIND_LABELS;
  childCount?: number | undefined;
}

const node = (o: Org): TreeDataNode => ({ key: o.id, title: o.name, isLeaf: (o.childCount ?? 0) === 0 });

export default function OrgsPage() {
  const trpc = useTRPC();
  const { t, l, lang } = useLang();
  const [tree, setTree] = useState<TreeDataNode[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  // Bumped after a body is created: the tree remounts and loads each level again (antd remembers loaded keys).
  const [treeVersion, setTreeVersion] = useState(0);
  const { can } = useSession();
  // The query lives in the URL: the file page's breadcrumb and the back button return to this search.
  const { query } = useLocation();
  const q = query.get('q') ?? '';
  const setQ = (v: string) => {
    const to = v ? `/orgs?q=${encodeURIComponent(v)}` : '/orgs';
    rememberSearch('org', to);
    navigate(to, true);
  };
  const roots = useQuery({ queryKey: ['org-roots'], queryFn: () => client.kernel.orgs.tree.query({ parentId: null }) });
  const org = useQuery({ ...trpc.kernel.orgs.get.queryOptions({ id: selected ?? '' }), enabled: !!selected });
  const data = tree ?? (roots.data ?? []).map(node);

  const load = async (n: TreeDataNode) => {
    if (n.children) return;
    try {
      const children = await client.kernel.orgs.tree.query({ parentId: String(n.key) });
      const attach = (list: TreeDataNode[]): TreeDataNode[] =>
        list.map((x) =>
          x.key === n.key
            ? { ...x, children: children.map(node) }
            : x.children
              ? { ...x, children: attach(x.children) }
              : x,
        );
      setTree((current) => attach(current ?? data));
    } catch (e) {
      setError(messageOf(e, lang));
    }
  };

  return (
    <div>
      <PageTitle
        extra={
          can('kernel.orgs.write') && (
            <Button type="primary" onClick={() => setCreating(true)}>
              {lang === 'zh' ? '新建单位' : 'New body'}
            </Button>
          )
        }
      >
        {t('orgs')}
      </PageTitle>
      <OrgCreateDrawer
        open={creating}
        parentId={selected}
        onClose={() => setCreating(false)}
        onCreated={(o) => {
          setCreating(false);
          // The tree loads again from its roots (the parent shows its new child when opened) and the new body is shown.
          setTree(null);
          setTreeVersion((v) => v + 1);
          void roots.refetch();
          setSelected(o.id);
        }}
      />
      {(error || roots.error) && (
        <Alert type="error" showIcon title={error ?? messageOf(roots.error, lang)} style={{ marginBottom: 12 }} />
      )}
      <Row gutter={12}>
        <Col xs={24} lg={10}>
          <Card
            size="small"
            title={lang === 'zh' ? '单位树' : 'Tree'}
            styles={{ body: { maxHeight: 560, overflow: 'auto' } }}
          >
            <Tree
              key={treeVersion}
              treeData={data}
              loadData={load}
              onSelect={(keys) => setSelected(keys[0] ? String(keys[0]) : null)}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          {org.data && (
            <Card
              size="small"
              title={org.data.name}
              style={{ marginBottom: 12 }}
              extra={
                <Button type="primary" onClick={() => navigate(`/files/org/${org.data.id}`)}>
                  {t('openFile')}
                </Button>
              }
            >
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'uscc', label: lang === 'zh' ? '统一社会信用代码' : 'Credit code', children: org.data.uscc },
                  {
                    key: 'level',
                    label: lang === 'zh' ? '层级' : 'Level',
                    children: l(ORG_LEVEL_LABELS[org.data.level]),
                  },
                  { key: 'kind', label: lang === 'zh' ? '类别' : 'Kind', children: l(ORG_KIND_LABELS[org.data.kind]) },
                  { key: 'area', label: lang === 'zh' ? '行政区划代码' : 'Area code', children: org.data.areaCode },
                ]}
              />
            </Card>
          )}
          <Card size="small" title={t('search')}>
            <Input.Search
              placeholder={t('searchOrgs')}
              allowClear
              defaultValue={q}
              enterButton={t('search')}
              onSearch={(v) => setQ(v.trim())}
              style={{ marginBottom: 12 }}
              aria-label={t('searchOrgs')}
            />
            {q && (
              <CursorTable<Org>
                lang={lang}
                reload={q}
                rowKey={(o) => o.id}
                fetchPage={(cursor) => client.kernel.orgs.search.query({ q, limit: 10, ...(cursor ? { cursor } : {}) })}
                columns={[
                  {
                    title: lang === 'zh' ? '名称' : 'Name',
                    dataIndex: 'name',
                    render: (v: string, o) => <Link to={`/files/org/${o.id}`}>{v}</Link>,
                  },
                  {
                    title: lang === 'zh' ? '层级' : 'Level',
                    dataIndex: 'level',
                    render: (v: Org['level']) => <Tag>{l(ORG_LEVEL_LABELS[v])}</Tag>,
                  },
                  { title: lang === 'zh' ? '统一社会信用代码' : 'Credit code', dataIndex: 'uscc' },
                ]}
              />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
