/** Civil servants by name (ID numbers masked, never in a URL); each opens the person's integrity file. */
import { Button, Card, Input } from 'antd';
import { useState } from 'react';
import { CursorTable } from '@chengxin/ui';
import { client } from '../api';
import { PageTitle } from '../common';
import { useLang } from '../i18n';
import { Link, navigate, rememberSearch, useLocation } from '../router';
import { PersonDuplicates } from './PersonDuplicates';
import { useSession } from '../session';
import { PersonCreateDrawer } from './Registry';

interface Person {
  id: string;
  name: string;
  idNumberMasked: string;
  orgName: string | null;
  postTitle: string | null;
}

export default function PersonsPage() {
  const { t, lang } = useLang();
  // The query lives in the URL: the file page's breadcrumb and the back button return to this search.
  const { query } = useLocation();
  const q = query.get('q') ?? '';
  const { can } = useSession();
  const [creating, setCreating] = useState(false);
  const setQ = (v: string) => {
    const to = v ? `/persons?q=${encodeURIComponent(v)}` : '/persons';
    rememberSearch('person', to);
    navigate(to, true);
  };
  return (
    <div>
      <PageTitle
        extra={
          can('kernel.persons.write') && (
            <Button type="primary" onClick={() => setCreating(true)}>
              {lang === 'zh' ? '登记公务员' : 'Register a civil servant'}
            </Button>
          )
        }
      >
        {t('persons')}
      </PageTitle>
      <PersonCreateDrawer open={creating} onClose={() => setCreating(false)} />
      {/* The registrar's merge queue first, where it is seen (it used to sit below the fold, under the list). */}
      <PersonDuplicates />
      <Card size="small">
        <Input.Search
          placeholder={t('searchPersons')}
          allowClear
          defaultValue={q}
          enterButton={t('search')}
          onSearch={(v) => setQ(v.trim())}
          style={{ marginBottom: 12, maxWidth: 480 }}
          aria-label={t('searchPersons')}
        />
        <CursorTable<Person>
          lang={lang}
          reload={q}
          rowKey={(p) => p.id}
          fetchPage={(cursor) => client.kernel.persons.search.query({ q, limit: 20, ...(cursor ? { cursor } : {}) })}
          columns={[
            {
              title: lang === 'zh' ? '姓名' : 'Name',
              dataIndex: 'name',
              render: (v: string, p) => <Link to={`/files/person/${p.id}`}>{v}</Link>,
            },
            { title: lang === 'zh' ? '身份证号（脱敏）' : 'ID (masked)', dataIndex: 'idNumberMasked' },
            { title: t('org'), dataIndex: 'orgName' },
            { title: lang === 'zh' ? '职务' : 'Post', dataIndex: 'postTitle' },
          ]}
        />
      </Card>
    </div>
  );
}
