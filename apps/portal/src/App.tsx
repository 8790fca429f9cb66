import { lazy, Suspense } from 'react';
import { Link, useLocation } from './router';
import { Home } from './pages/Home';
import { SearchPage } from './pages/Search';

// The first load carries the header, home and search; every other page loads when first opened.
const BodyPage = lazy(() => import('./pages/Body').then((m) => ({ default: m.BodyPage })));
const PersonPage = lazy(() => import('./pages/Person').then((m) => ({ default: m.PersonPage })));
const ReportPage = lazy(() => import('./pages/Report').then((m) => ({ default: m.ReportPage })));
const VerifyPage = lazy(() => import('./pages/Verify').then((m) => ({ default: m.VerifyPage })));
const ComplaintPage = lazy(() => import('./pages/Complaint').then((m) => ({ default: m.ComplaintPage })));
const OpenDataPage = lazy(() => import('./pages/OpenData').then((m) => ({ default: m.OpenDataPage })));
const TownshipsPage = lazy(() => import('./pages/Townships').then((m) => ({ default: m.TownshipsPage })));
const AgenciesPage = lazy(() => import('./pages/Agencies').then((m) => ({ default: m.AgenciesPage })));
const EvaluationPage = lazy(() => import('./pages/Evaluation').then((m) => ({ default: m.EvaluationPage })));
const DishonestyPage = lazy(() => import('./pages/Dishonesty').then((m) => ({ default: m.DishonestyPage })));
const NoticesPage = lazy(() => import('./pages/Notices').then((m) => ({ default: m.NoticesPage })));

const NAV: [string, string][] = [
  ['/', '首页'],
  ['/search', '信用查询'],
  ['/verify', '报告验证'],
  ['/complaint', '投诉举报'],
  ['/dishonesty', '失信公示'],
  ['/evaluation', '诚信评价'],
  ['/notices', '通报曝光'],
  ['/townships', '街道乡镇承诺'],
  ['/agencies', '招标代理机构'],
  ['/open-data', '开放数据'],
];

function route(path: string) {
  const [, first, id] = path.split('/');
  switch (first) {
    case '':
      return <Home />;
    case 'search':
      return <SearchPage />;
    case 'body':
      return <BodyPage id={id ?? ''} />;
    case 'person':
      return <PersonPage id={id ?? ''} />;
    case 'report':
      return <ReportPage id={id ?? ''} />;
    case 'verify':
      return <VerifyPage />;
    case 'complaint':
      return <ComplaintPage />;
    case 'open-data':
      return <OpenDataPage />;
    case 'townships':
      return <TownshipsPage />;
    case 'evaluation':
      return <EvaluationPage />;
    case 'agencies':
      return <AgenciesPage />;
    case 'dishonesty':
      return <DishonestyPage />;
    case 'notices':
      return <NoticesPage />;
    default:
      return (
        <div className="panel">
          <h2>页面不存在</h2>
          <p>
            <Link href="/">返回首页</Link>
          </p>
        </div>
      );
  }
}

export function App() {
  const { path } = useLocation();
  const active = (href: string) =>
    href === '/'
      ? path === '/'
      : path.startsWith(href) || (href === '/search' && /^\/(body|person|report)\//.test(path));
  return (
    <>
      <a className="skip-link" href="#main">
        跳到主要内容
      </a>
      <header className="site-header">
        <div className="wrap brand">
          <Link href="/" className="logo" aria-label="首页">
            <span className="seal">诚</span>
            <span>
              <strong>信用天津</strong>
              <small>政务诚信信息公示</small>
            </span>
          </Link>
          <span className="tagline">诚信为本 · 公开透明</span>
        </div>
        <nav className="site-nav">
          <div className="wrap">
            {NAV.map(([href, text]) => (
              <Link key={href} href={href} className={active(href) ? 'active' : undefined}>
                {text}
              </Link>
            ))}
          </div>
        </nav>
      </header>
      <main className="wrap" id="main" tabIndex={-1}>
        <Suspense fallback={<p className="muted">正在加载…</p>}>{route(path)}</Suspense>
      </main>
      <footer className="site-footer">
        <div className="wrap">
          <p>
            本网站公示的信用信息依据《天津市社会信用条例》《政府信息公开条例》等公开；仅显示依法向社会公开、处于公示期内的记录，不显示身份证号码等个人信息。
          </p>
          <p>
            对公示信息有异议的，信息主体可登录后在记录页提出异议；发现政务失信行为可
            <Link href="/complaint">投诉举报</Link>。
          </p>
        </div>
      </footer>
    </>
  );
}
