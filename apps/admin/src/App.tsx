/**
 * The shell: login when there is no session (and a note when it ended underneath the user), then the layout whose menu
 * follows the caller's permissions, plugins' menus for the plugins enabled for the caller's body, and the routes.
 */
import {
  AuditOutlined,
  AppstoreOutlined,
  BankOutlined,
  BarChartOutlined,
  CloudUploadOutlined,
  FileAddOutlined,
  FileSearchOutlined,
  HomeOutlined,
  ReadOutlined,
  ScanOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Dropdown,
  Form,
  Input,
  Layout,
  Menu,
  Result,
  Segmented,
  Space,
  Spin,
  Typography,
  type MenuProps,
} from 'antd';
import { lazy, Suspense, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { messageOf } from '@chengxin/ui';
import { setSessionLostHandler, useTRPC } from './api';
import { useLang } from './i18n';
import { match, navigate, useLocation } from './router';
import { SessionContext, can, type Me } from './session';
import { HomePage } from './pages/Home';
import { Forbidden } from './common';

const OrgsPage = lazy(() => import('./pages/Orgs'));
const PersonsPage = lazy(() => import('./pages/Persons'));
const FilePage = lazy(() => import('./pages/File'));
const RecordsPage = lazy(() => import('./pages/Records'));
const RecordNewPage = lazy(() => import('./pages/RecordNew'));
const RecordPage = lazy(() => import('./pages/Record'));
const ReviewPage = lazy(() => import('./pages/Review'));
const ObjectionsPage = lazy(() => import('./pages/Objections'));
const ObjectionPage = lazy(() => import('./pages/Objection'));
const QueuesPage = lazy(() => import('./pages/Queues'));
const PluginsPage = lazy(() => import('./pages/Plugins'));
const PluginPage = lazy(() => import('./pages/PluginPage'));
const UsersPage = lazy(() => import('./pages/Users'));
const AuditPage = lazy(() => import('./pages/Audit'));
const SchemesPage = lazy(() => import('./pages/Schemes'));
const RunsPage = lazy(() => import('./pages/Runs').then((m) => ({ default: m.RunsPage })));
const RunPage = lazy(() => import('./pages/Runs').then((m) => ({ default: m.RunPage })));
const RollupPage = lazy(() => import('./pages/Rollup'));
const ImportPage = lazy(() => import('./pages/Import'));
const LeadsPage = lazy(() => import('./pages/Leads'));
const ThirdPartyPage = lazy(() => import('./pages/EvaluationUse').then((m) => ({ default: m.ThirdPartyPage })));
const RulesPage = lazy(() => import('./pages/Rules').then((m) => ({ default: m.RulesPage })));
const PolicyUsePage = lazy(() => import('./pages/EvaluationUse').then((m) => ({ default: m.PolicyUsePage })));
const NoticesPage = lazy(() => import('./pages/Notices'));
const SelfCorrectionsPage = lazy(() => import('./pages/SelfCorrections'));
const TokensPage = lazy(() => import('./pages/Tokens'));
const JobsPage = lazy(() => import('./pages/Jobs'));
const CalendarPage = lazy(() => import('./pages/Calendar'));
const PasswordDialog = lazy(() => import('./pages/Password'));
const InboxPage = lazy(() => import('./pages/Inbox'));
const PlatformPage = lazy(() => import('./pages/Platform'));
const CompletenessPage = lazy(() => import('./pages/Completeness'));
const ScansPage = lazy(() => import('./pages/Scans'));

export function App() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.kernel.auth.me.queryOptions());
  const [expired, setExpired] = useState(false);
  useEffect(() => {
    setSessionLostHandler(() => {
      // Only a session that existed can be lost (a failed sign-in is not).
      if (!queryClient.getQueryData(trpc.kernel.auth.me.queryKey())) return;
      setExpired(true);
      queryClient.setQueryData(trpc.kernel.auth.me.queryKey(), null);
    });
  }, [queryClient, trpc]);
  const logout = useMutation(
    trpc.kernel.auth.logout.mutationOptions({
      onSettled: () => {
        // Unmount the shell first (no observers left), then drop its cached data, so nothing refetches without a session.
        queryClient.setQueryData(trpc.kernel.auth.me.queryKey(), null);
        setTimeout(
          () =>
            queryClient.removeQueries({
              predicate: (q) => JSON.stringify(q.queryKey) !== JSON.stringify(trpc.kernel.auth.me.queryKey()),
            }),
          0,
        );
        setExpired(false);
        // Back to the home path for the next sign-in, without rendering the old shell's home page meanwhile.
        window.history.replaceState(null, '', '/admin/');
      },
    }),
  );

  if (me.isPending)
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin />
      </div>
    );
  if (!me.data)
    return (
      <LoginPage
        expired={expired}
        onDone={() => {
          setExpired(false);
          void me.refetch();
        }}
      />
    );
  return (
    <SessionContext.Provider value={{ me: me.data as Me, logout: () => logout.mutate() }}>
      <Shell />
    </SessionContext.Provider>
  );
}

function LoginPage({ expired, onDone }: { expired: boolean; onDone: () => void }) {
  const trpc = useTRPC();
  const { t, lang, setLang } = useLang();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const login = useMutation(
    trpc.kernel.auth.login.mutationOptions({
      onSuccess: () => {
        queryClient.clear();
        onDone();
      },
      onError: (e) => setError(messageOf(e, lang)),
    }),
  );
  return (
    <div className="cx-login">
      <Card className="cx-login-card" title={t('appName')} extra={<LangSwitch lang={lang} setLang={setLang} />}>
        {expired && <Alert type="warning" showIcon title={t('sessionExpired')} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form
          layout="vertical"
          onFinish={(v: { username: string; password: string }) => {
            setError(null);
            login.mutate(v);
          }}
        >
          <Form.Item
            label={t('username')}
            name="username"
            rules={[{ required: true, message: lang === 'zh' ? '请输入用户名' : 'Enter the username' }]}
          >
            <Input id="username" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            label={t('password')}
            name="password"
            rules={[{ required: true, message: lang === 'zh' ? '请输入密码' : 'Enter the password' }]}
          >
            <Input.Password id="password" autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('login')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}

function LangSwitch({ lang, setLang }: { lang: 'zh' | 'en'; setLang: (l: 'zh' | 'en') => void }) {
  return (
    <Segmented
      size="small"
      value={lang}
      onChange={(v) => setLang(v as 'zh' | 'en')}
      options={[
        { value: 'zh', label: '中文' },
        { value: 'en', label: 'EN' },
      ]}
    />
  );
}

interface NavItem {
  key: string;
  label: ReactNode;
  icon?: ReactNode;
  children?: NavItem[];
}

function Shell() {
  const trpc = useTRPC();
  const { me, logout } = useSessionValue();
  const { t, l, lang, setLang } = useLang();
  const { path } = useLocation();
  const [changingPassword, setChangingPassword] = useState(false);
  const plugins = useQuery({ ...trpc.kernel.plugins.list.queryOptions(), enabled: can(me, 'kernel.plugins.read') });
  const scopeOrg = me.grants.find((g) => g.scopeOrgId)?.scopeOrgId ?? null;
  const cityWide = me.grants.some((g) => g.scopeOrgId === null);
  const scopeName = useQuery({
    ...trpc.kernel.orgs.get.queryOptions({ id: scopeOrg ?? '' }),
    enabled: !!scopeOrg && !cityWide,
  });

  const items = useMemo(() => {
    const list: NavItem[] = [{ key: '/', icon: <HomeOutlined />, label: t('home') }];
    if (can(me, 'kernel.orgs.read')) list.push({ key: '/orgs', icon: <BankOutlined />, label: t('orgs') });
    if (can(me, 'kernel.persons.read')) list.push({ key: '/persons', icon: <UserOutlined />, label: t('persons') });
    if (can(me, 'kernel.records.read'))
      list.push({ key: '/records', icon: <FileSearchOutlined />, label: t('records') });
    if (can(me, 'kernel.records.write'))
      list.push({ key: '/records/new', icon: <FileAddOutlined />, label: t('newRecord') });
    if (can(me, 'kernel.records.review'))
      list.push({ key: '/review', icon: <SafetyCertificateOutlined />, label: t('review') });
    if (can(me, 'kernel.exchange.import') || can(me, 'kernel.orgs.write'))
      list.push({ key: '/import', icon: <CloudUploadOutlined />, label: t('import') });
    if (can(me, 'kernel.plugins.scan'))
      list.push({ key: '/scans', icon: <ScanOutlined />, label: l({ zh: '规则扫描', en: 'Rule scans' }) });
    const cases: NavItem[] = [];
    if (can(me, 'kernel.objections.read')) cases.push({ key: '/objections', label: t('objections') });
    if (can(me, 'kernel.complaints.read')) cases.push({ key: '/queues/complaints', label: t('complaints') });
    if (can(me, 'kernel.repairs.read')) cases.push({ key: '/queues/repairs', label: t('repairs') });
    if (can(me, 'kernel.rectifications.read'))
      cases.push({ key: '/queues/rectifications', label: t('rectifications') });
    if (can(me, 'kernel.supervision.read')) cases.push({ key: '/queues/inspections', label: t('inspections') });
    if (can(me, 'kernel.leads.read')) cases.push({ key: '/leads', label: l({ zh: '监测线索', en: 'Leads' }) });
    if (can(me, 'kernel.notices.read')) cases.push({ key: '/notices', label: l({ zh: '通报批评', en: 'Notices' }) });
    if (can(me, 'kernel.selfCorrections.read'))
      cases.push({ key: '/self-corrections', label: l({ zh: '主动自新', en: 'Self-correction' }) });
    if (cases.length) list.push({ key: 'cases', icon: <SolutionOutlined />, label: t('processes'), children: cases });
    const evaluation: NavItem[] = [];
    if (can(me, 'kernel.evaluation.read'))
      evaluation.push(
        { key: '/evaluation/schemes', label: t('schemes') },
        { key: '/evaluation/runs', label: t('runs') },
      );
    if (can(me, 'kernel.evaluation.read'))
      evaluation.push({ key: '/evaluation/third-party', label: l({ zh: '第三方评价', en: 'Third-party ratings' }) });
    if (can(me, 'kernel.eligibility.read'))
      evaluation.push({ key: '/evaluation/use', label: l({ zh: '结果应用', en: 'Results put to use' }) });
    if (can(me, 'kernel.rollups.read')) evaluation.push({ key: '/rollups', label: t('rollups') });
    if (evaluation.length)
      list.push({ key: 'evaluation', icon: <BarChartOutlined />, label: t('evaluation'), children: evaluation });
    const enabled = (plugins.data ?? []).filter((p) => p.setting.enabled && p.nav.length > 0);
    for (const p of enabled) {
      list.push({
        key: `plugin:${p.id}`,
        icon: <AppstoreOutlined />,
        label: l(p.label),
        children: p.nav.map((n) => ({ key: `/p/${p.id}/${n.path}`, label: l(n.label) })),
      });
    }
    if (can(me, 'kernel.rules.read'))
      list.push({ key: '/rules', icon: <ReadOutlined />, label: l({ zh: '规则表', en: 'Rule table' }) });
    const admin: NavItem[] = [];
    if (can(me, 'kernel.plugins.manage')) admin.push({ key: '/plugins', label: t('pluginSettings') });
    if (can(me, 'kernel.users.manage')) admin.push({ key: '/users', label: t('users') });
    if (can(me, 'kernel.audit.read')) admin.push({ key: '/audit', label: t('audit') });
    if (can(me, 'kernel.tokens.manage')) admin.push({ key: '/tokens', label: t('tokens') });
    if (can(me, 'kernel.calendar.manage')) admin.push({ key: '/calendar', label: t('calendar') });
    if (can(me, 'kernel.exchange.export')) admin.push({ key: '/platform', label: t('platform') });
    // Beside 双公示报送, for those who report to the platform (an officer can still open the page by its address).
    if (can(me, 'kernel.exchange.export'))
      admin.push({ key: '/completeness', label: l({ zh: '报送完整性核对', en: 'Completeness check' }) });
    if (can(me, 'kernel.jobs.run')) admin.push({ key: '/jobs', label: l({ zh: '后台任务', en: 'Background jobs' }) });
    if (admin.length) list.push({ key: 'admin', icon: <TeamOutlined />, label: t('admin'), children: admin });
    return list;
  }, [me, plugins.data, t, l]);

  const selected =
    path.startsWith('/records/') && path !== '/records/new'
      ? '/records'
      : path.startsWith('/objections/')
        ? '/objections'
        : path.startsWith('/files/')
          ? '/orgs'
          : path.startsWith('/evaluation/runs/')
            ? '/evaluation/runs'
            : path;
  const openKeys = items.filter((i) => i.children?.some((c) => c.key === selected)).map((i) => i.key);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={208} breakpoint="lg" collapsedWidth={56} theme="dark">
        <div className="cx-brand">
          <AuditOutlined /> {t('appName')}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selected]}
          defaultOpenKeys={openKeys.length ? openKeys : ['cases']}
          items={items as MenuProps['items']}
          onClick={({ key }) => {
            if (key.startsWith('/')) navigate(key);
          }}
        />
      </Layout.Sider>
      <Layout className="cx-main">
        <Layout.Header className="cx-header">
          <Typography.Text type="secondary">
            {t('scope')}
            {lang === 'zh' ? '：' : ': '}
            {cityWide ? t('wholeCity') : (scopeName.data?.name ?? '…')}
          </Typography.Text>
          <Space>
            <LangSwitch lang={lang} setLang={setLang} />
            <Dropdown
              menu={{
                items: [
                  { key: 'inbox', label: t('inbox'), onClick: () => navigate('/inbox') },
                  { key: 'password', label: t('changePassword'), onClick: () => setChangingPassword(true) },
                  { key: 'logout', label: t('logout'), onClick: logout },
                ],
              }}
            >
              <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
                {me.displayName}
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        {changingPassword && (
          <Suspense fallback={null}>
            <PasswordDialog onClose={() => setChangingPassword(false)} />
          </Suspense>
        )}
        <Layout.Content className="cx-content">
          <Suspense fallback={<Spin />}>
            <Routes path={path} />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

function useSessionValue(): { me: Me; logout: () => void } {
  const { me, logout } = useSessionContext();
  return { me: me!, logout };
}
function useSessionContext() {
  return useContext(SessionContext);
}

function Routes({ path }: { path: string }) {
  const { me } = useSessionValue();
  const guard = (permission: string, node: ReactNode) => (can(me, permission) ? node : <Forbidden />);
  let m: Record<string, string> | null;
  if (path === '/') return <HomePage />;
  if (path === '/orgs') return guard('kernel.orgs.read', <OrgsPage />);
  if (path === '/persons') return guard('kernel.persons.read', <PersonsPage />);
  if ((m = match('/files/:kind/:id', path)))
    return guard('kernel.files.read', <FilePage kind={m['kind'] as 'org' | 'person'} id={m['id']!} />);
  if (path === '/records') return guard('kernel.records.read', <RecordsPage />);
  if (path === '/records/new') return guard('kernel.records.write', <RecordNewPage />);
  if ((m = match('/records/:id', path))) return guard('kernel.records.read', <RecordPage id={m['id']!} />);
  if (path === '/review') return guard('kernel.records.review', <ReviewPage />);
  if (path === '/objections') return guard('kernel.objections.read', <ObjectionsPage />);
  if ((m = match('/objections/:id', path))) return guard('kernel.objections.read', <ObjectionPage id={m['id']!} />);
  if ((m = match('/queues/:kind', path)))
    return <QueuesPage kind={m['kind'] as 'complaints' | 'repairs' | 'rectifications' | 'inspections'} />;
  if (path === '/notices') return guard('kernel.notices.read', <NoticesPage />);
  if (path === '/self-corrections') return guard('kernel.selfCorrections.read', <SelfCorrectionsPage />);
  if (path === '/plugins') return guard('kernel.plugins.read', <PluginsPage />);
  if ((m = match('/p/:plugin/:page', path))) return <PluginPage pluginId={m['plugin']!} pagePath={m['page']!} />;
  if (path === '/users') return guard('kernel.users.manage', <UsersPage />);
  if (path === '/audit') return guard('kernel.audit.read', <AuditPage />);
  if (path === '/tokens') return guard('kernel.tokens.manage', <TokensPage />);
  if (path === '/jobs') return guard('kernel.jobs.run', <JobsPage />);
  if (path === '/inbox') return <InboxPage />;
  if (path === '/platform') return guard('kernel.exchange.export', <PlatformPage />);
  if (path === '/completeness') return guard('kernel.coverage.read', <CompletenessPage />);
  if (path === '/scans') return guard('kernel.plugins.scan', <ScansPage />);
  if (path === '/calendar') return guard('kernel.calendar.read', <CalendarPage />);
  if (path === '/evaluation/schemes') return guard('kernel.evaluation.read', <SchemesPage />);
  if (path === '/evaluation/runs') return guard('kernel.evaluation.read', <RunsPage />);
  if ((m = match('/evaluation/runs/:id', path))) return guard('kernel.evaluation.read', <RunPage id={m['id']!} />);
  if (path === '/rollups') return guard('kernel.rollups.read', <RollupPage />);
  if (path === '/leads') return guard('kernel.leads.read', <LeadsPage />);
  if (path === '/evaluation/third-party') return guard('kernel.evaluation.read', <ThirdPartyPage />);
  if (path === '/evaluation/use') return guard('kernel.eligibility.read', <PolicyUsePage />);
  if (path === '/rules') return guard('kernel.rules.read', <RulesPage />);
  if (path === '/import')
    return can(me, 'kernel.exchange.import') || can(me, 'kernel.orgs.write') ? <ImportPage /> : <Forbidden />;
  return <NotFound />;
}

function NotFound() {
  const { t } = useLang();
  return (
    <Result status="404" title={t('notFound')} extra={<Button onClick={() => navigate('/')}>{t('home')}</Button>} />
  );
}
