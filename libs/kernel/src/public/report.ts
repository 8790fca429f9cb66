import { createHash } from 'node:crypto';
import { rows, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import { checkpointInLog, checkpointSignatureValid, proveLatest, ProofError, type AuditKeys } from '../audit';
import type { RecordProof } from '@chengxin/contract/tlog';
import { beijingTime, type LegalDate } from '@chengxin/contract';
import { renderHtml, renderPdf } from '../file';
import type { PrintDocument } from '../file';
import { AppError, badInput } from '../core';
import { integrityPage, type IntegrityPage } from './pages';

/**
 * 信用报告: a body's integrity page as of a day, bound to the signed audit checkpoint of that day. Its digest covers
 * the content and the checkpoint (seq + head hash); the report number carries the day, the checkpoint and the
 * digest's first 8 hex digits, the verification code the next 16. Verification recomputes the report from the
 * database and compares: an edited or invented report does not match, nor does one whose records changed since
 * (stale); the checkpoint's signature and its place in the chain are checked too, so the log it names was not rewritten.
 */
export interface ReportCheckpoint {
  seq: number;
  headHash: string;
  at: string;
  keyId: string;
}
export interface CreditReport extends IntegrityPage {
  reportNo: string;
  verificationCode: string;
  digest: string;
  checkpoint: ReportCheckpoint;
  verifyPath: string;
  /**
   * For the offline verifier: the signed checkpoint (C2SP note) and, for each record shown, the inclusion proof of its
   * latest log entry in that checkpoint's tree. Null when the report's checkpoint predates the Merkle log.
   */
  log: { checkpoint: string; proofs: RecordProof[] } | null;
}

interface CheckpointRow {
  seq: string | number;
  head_hash: string;
  at: string;
  key_id: string;
  public_key: string;
  signature: string;
  note: string | null;
}
const toCheckpoint = (c: CheckpointRow) => ({
  seq: Number(c.seq),
  headHash: c.head_hash,
  at: new Date(c.at).toISOString(),
  keyId: c.key_id,
  publicKey: c.public_key,
  signature: c.signature,
  note: c.note,
});
const CP_COLUMNS = sql`seq, head_hash, to_json(at)#>>'{}' as at, key_id, public_key, signature, note`;

/** The checkpoint of a day: the last one signed by the end of that day (Asia/Shanghai), else the first one after it. */
async function checkpointOfDay(db: Queryable, day: LegalDate) {
  const [c] = await rows<CheckpointRow>(
    db,
    sql`select * from ((select ${CP_COLUMNS}, 0 as pref from kernel.audit_checkpoint where at < ((${day}::date + 1)::timestamp at time zone 'Asia/Shanghai') order by seq desc limit 1)
    union all (select ${CP_COLUMNS}, 1 as pref from kernel.audit_checkpoint order by seq asc limit 1)) c order by pref limit 1`,
  );
  if (!c)
    throw new AppError(
      'CONFLICT',
      'REPORT_NO_CHECKPOINT',
      '审计日志尚无签名检查点，暂不能出具可验证的信用报告',
      'No signed audit checkpoint exists yet; a verifiable report cannot be issued',
    );
  return toCheckpoint(c);
}

const groups = (s: string) => s.match(/.{1,4}/g)!.join('-');

function seal(page: IntegrityPage, cp: ReportCheckpoint): CreditReport {
  const digest = createHash('sha256')
    .update(
      JSON.stringify({
        v: 1,
        asOf: page.asOf,
        body: page.body,
        records: page.records,
        repairs: page.repairs,
        checkpoint: { seq: cp.seq, headHash: cp.headHash },
      }),
    )
    .digest('hex');
  const reportNo = `XYBG-${page.asOf.replaceAll('-', '')}-${cp.seq}-${digest.slice(0, 8).toUpperCase()}`;
  const verificationCode = groups(digest.slice(8, 24).toUpperCase());
  const verifyPath = `/verify?uscc=${encodeURIComponent(page.body.uscc)}&no=${encodeURIComponent(reportNo)}&code=${encodeURIComponent(verificationCode)}`;
  return { ...page, reportNo, verificationCode, digest, checkpoint: cp, verifyPath, log: null };
}

/** The proofs a report carries: each record's latest entry before the checkpoint, and its path to the signed root. */
async function logProofs(
  db: Queryable,
  cp: { seq: number; note: string | null },
  recordIds: readonly string[],
): Promise<CreditReport['log']> {
  if (!cp.note) return null;
  const proofs: RecordProof[] = [];
  for (const id of recordIds) {
    try {
      const p = await proveLatest(db, 'credit_record', id, cp.seq);
      proofs.push({ recordId: id, entry: p.entry, leafIndex: p.leafIndex, path: p.path });
    } catch (e) {
      // A record with no entry before the checkpoint (written after it): listed without a proof, and the offline
      // verifier says so.
      if (!(e instanceof ProofError)) throw e;
    }
  }
  return { checkpoint: cp.note, proofs };
}

export async function creditReport(
  db: Queryable,
  orgId: string,
  day: LegalDate,
  today: LegalDate,
): Promise<CreditReport> {
  if (day > today)
    throw badInput('AS_OF_IN_FUTURE', 'asOf', '报告日期不能晚于今天', 'The report date cannot be in the future');
  const cp = await checkpointOfDay(db, day);
  const page = await integrityPage(db, orgId, day, today);
  const report = seal(page, { seq: cp.seq, headHash: cp.headHash, at: cp.at, keyId: cp.keyId });
  return {
    ...report,
    log: await logProofs(
      db,
      cp,
      page.records.map((r) => r.id),
    ),
  };
}

export function reportDocument(report: CreditReport, qrPng: Buffer, verifyUrl: string): PrintDocument {
  const b = report.body;
  const dishonesty = report.records.filter((r) => r.polarity === 'dishonesty');
  const commendations = report.records.filter((r) => r.polarity === 'commendation');
  const row = (r: CreditReport['records'][number]) => [
    `${r.typeZh}${r.disputed ? '［异议处理中］' : ''}`,
    r.decisionNo,
    r.facts,
    r.legalBasis,
    r.authority,
    r.decisionDate,
    r.publicationEnd ?? '—',
    r.rectification ? r.rectification.statusZh : '—',
  ];
  const columns = ['类型', '决定文号', '事实', '依据', '决定机关', '决定日期', '公示截止', '整改'];
  const widths = [1, 1.2, 2.2, 1.6, 1.2, 0.9, 0.9, 0.8];
  return {
    title: '信用报告',
    subtitle: b.name,
    documentNo: report.reportNo,
    documentNoLabel: '报告编号',
    footer: `信用报告 ${report.reportNo} · 验证码 ${report.verificationCode} · 验证：${verifyUrl.split('?')[0]}`,
    meta: [
      ['验证码', report.verificationCode],
      ['报告截至日期', report.asOf],
      // As the page says it: a readable time, no key id (the verify page checks the signature).
      ['审计检查点', `第${report.checkpoint.seq}号，${beijingTime(report.checkpoint.at)}签名`],
    ],
    qr: { png: qrPng, caption: '扫码验证报告真伪' },
    sections: [
      {
        title: '一、主体信息',
        tables: [],
        fields: [
          ['单位名称', b.name],
          ['统一社会信用代码', b.uscc],
          ['层级', b.levelZh],
          ['类别', b.kindZh],
          ['所属区', b.districtName ?? '—'],
          ['上级单位', b.parentName ?? '—'],
        ],
      },
      {
        title: '二、公示中的失信记录',
        note: '仅列截至日期处于公示期内、依法向社会公开的记录；已期满、经信用修复或撤销的记录不再公示。',
        tables: [{ columns, widths, rows: dishonesty.map(row), empty: '截至报告日期无公示中的失信记录' }],
      },
      {
        title: '三、公示中的守信记录',
        tables: [{ columns, widths, rows: commendations.map(row), empty: '截至报告日期无公示中的表彰奖励' }],
      },
      {
        title: '四、信用修复',
        tables: [{ columns: ['说明'], rows: report.repairs.map((r) => [r.noteZh]), empty: '无' }],
      },
      {
        title: '五、验证方法',
        tables: [],
        fields: [
          ['验证地址', verifyUrl],
          [
            '说明',
            '在验证页输入统一社会信用代码、报告编号和验证码，系统按报告日期重新生成报告并与签名审计检查点核对；内容被改动、伪造或数据已更新的报告均不能通过验证。',
          ],
        ],
      },
    ],
  };
}

export async function reportFile(report: CreditReport, origin: string, format: 'html' | 'pdf') {
  const verifyUrl = `${origin}${report.verifyPath}`;
  const png = await QRCode.toBuffer(verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
  const doc = reportDocument(report, png, verifyUrl);
  if (format === 'html')
    return {
      filename: `${report.reportNo}.html`,
      contentType: 'text/html; charset=utf-8',
      content: renderHtml(doc),
      encoding: 'utf8' as const,
      reportNo: report.reportNo,
    };
  return {
    filename: `${report.reportNo}.pdf`,
    contentType: 'application/pdf',
    content: (await renderPdf(doc)).toString('base64'),
    encoding: 'base64' as const,
    reportNo: report.reportNo,
  };
}

export interface VerifyResult {
  valid: boolean;
  reasons: { code: string; messageZh: string; messageEn: string }[];
  report: {
    bodyName: string;
    uscc: string;
    asOf: string;
    reportNo: string;
    dishonesty: number;
    commendation: number;
    decisionNos: string[];
  } | null;
  checkpoint: { seq: number; at: string; keyId: string; signatureValid: boolean; inChain: boolean } | null;
  /** Every listed record's current state was committed to the signed log by the checkpoint (nothing changed since). */
  sealed: boolean;
}

const NO_RE = /^XYBG-(\d{4})(\d{2})(\d{2})-(\d{1,15})-([0-9A-F]{8})$/;

export async function verifyReport(
  db: Queryable,
  keys: AuditKeys,
  input: { uscc: string; reportNo: string; verificationCode: string },
  today: LegalDate,
): Promise<VerifyResult> {
  const fail = (code: string, zh: string, en: string): VerifyResult => ({
    valid: false,
    reasons: [{ code, messageZh: zh, messageEn: en }],
    report: null,
    checkpoint: null,
    sealed: false,
  });
  const no = input.reportNo.trim().toUpperCase();
  const m = NO_RE.exec(no);
  if (!m) return fail('REPORT_NO_MALFORMED', '报告编号格式不正确', 'Malformed report number');
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  if (day > today)
    return fail('REPORT_DATE_FUTURE', '报告日期晚于今天，报告不真实', 'The report date lies in the future');
  const [org] = await rows<{ id: string }>(
    db,
    sql`select id from kernel.org_unit where uscc = ${input.uscc.trim().toUpperCase()}`,
  );
  if (!org) return fail('ORG_NOT_FOUND', '统一社会信用代码对应的单位不存在', 'No body with this credit code');
  const [c] = await rows<CheckpointRow>(
    db,
    sql`select ${CP_COLUMNS} from kernel.audit_checkpoint where seq = ${Number(m[4])}`,
  );
  if (!c)
    return fail(
      'CHECKPOINT_NOT_FOUND',
      '报告所依据的审计检查点不存在，报告不真实',
      'The audit checkpoint the report names does not exist',
    );
  const cp = toCheckpoint(c);
  const signatureValid = checkpointSignatureValid(cp, keys);
  const inChain = await checkpointInLog(db, cp);
  const report = seal(await integrityPage(db, org.id, day, today), {
    seq: cp.seq,
    headHash: cp.headHash,
    at: cp.at,
    keyId: cp.keyId,
  });
  const reasons: VerifyResult['reasons'] = [];
  const code = input.verificationCode
    .trim()
    .toUpperCase()
    .replace(/[^0-9A-F]/g, '');
  if (report.reportNo !== no || report.verificationCode.replaceAll('-', '') !== code) {
    reasons.push({
      code: 'REPORT_MISMATCH',
      messageZh:
        '按报告日期重新生成的报告与此报告编号或验证码不符：报告被改动、伪造，或其所列记录此后已更新（请重新出具）',
      messageEn:
        'The report recomputed for its date does not match this number or code: altered, forged, or its records changed since (issue a new one)',
    });
  }
  if (!signatureValid)
    reasons.push({
      code: 'CHECKPOINT_SIGNATURE',
      messageZh: '审计检查点签名无效',
      messageEn: 'The audit checkpoint signature is invalid',
    });
  if (!inChain)
    reasons.push({
      code: 'CHECKPOINT_NOT_IN_CHAIN',
      messageZh: '审计日志与签名检查点不符（日志被改写）',
      messageEn: 'The audit log does not match the signed checkpoint (rewritten)',
    });
  const ids = report.records.map((r) => r.id);
  const [unsealed] = ids.length
    ? await rows<{ n: number }>(
        db,
        sql`select count(*)::int as n from unnest(${sql.param(ids)}::uuid[]) as t(id)
        where coalesce((select a.after_digest from kernel.audit_log a where a.entity = 'credit_record' and a.entity_id = t.id::text and a.leaf_index < ${cp.seq} order by a.leaf_index desc limit 1), '') <> kernel.record_digest(t.id)`,
      )
    : [{ n: 0 }];
  return {
    valid: reasons.length === 0,
    reasons,
    report: {
      bodyName: report.body.name,
      uscc: report.body.uscc,
      asOf: day,
      reportNo: report.reportNo,
      dishonesty: report.counts.dishonesty,
      commendation: report.counts.commendation,
      decisionNos: report.records.map((r) => r.decisionNo),
    },
    checkpoint: { seq: cp.seq, at: cp.at, keyId: cp.keyId, signatureValid, inChain },
    sealed: (unsealed?.n ?? 0) === 0,
  };
}
