import { SearchBox } from '../components';
import { Link } from '../router';

const SERVICES: [string, string, string][] = [
  ['/search?q=%E6%B2%B3%E8%A5%BF&kind=body', '信用查询', '查询机关单位、公务员公示中的信用记录'],
  ['/verify', '信用报告验证', '核验信用报告编号、验证码和签名检查点'],
  ['/complaint', '投诉举报', '反映政务失信行为，凭回执码查询办理进度'],
  ['/evaluation', '政务诚信评价', '各区政务诚信状况评价结果、排名和得分构成'],
  ['/townships', '街道乡镇公开承诺', '14个服务领域年度承诺、进展和群众评价'],
  ['/open-data', '开放数据', '双公示字段的CSV/JSON下载和变更订阅'],
];

export function Home() {
  return (
    <>
      <section className="hero">
        <h1>政务诚信信息公示</h1>
        <p>机关单位和公务员的失信、守信记录，依法公开，接受社会监督</p>
        <SearchBox big />
      </section>
      <section className="services">
        {SERVICES.map(([href, title, text]) => (
          <Link key={href} href={href} className="service">
            <strong>{title}</strong>
            <span>{text}</span>
          </Link>
        ))}
      </section>
      <section className="panel notice">
        <h2>公示规则</h2>
        <ul>
          <li>
            只公示已审核、依法向社会公开、处于公示期内的记录；公示期满、经信用修复或原决定撤销的记录不再公示（修复只显示说明）。
          </li>
          <li>
            公示期限按严重程度：一般失信3个月至1年，严重失信1至3年，自认定失信的决定之日起计算（国办发〔2025〕22号）。
          </li>
          <li>信息主体对记录有异议的，可在记录页登录后提出异议；异议处理期间记录标注“异议处理中”。</li>
          <li>
            不公开身份证号码、住址、电话、银行账户等个人信息；公务员仅在其记录依法公开时可查询，只显示姓名和单位。
          </li>
        </ul>
      </section>
    </>
  );
}
