import { settingValue } from '@chengxin/contract/settings';
import { rows } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { kernelContext, badInput, tooManyRequests, procedure, router, type TrpcContext } from '../core';
import { isLegalDate } from '@chengxin/contract';
import { recordTypes } from '../records';
import * as pc from '@chengxin/contract/public';
import { openDataFieldsOf, openDataChanges, openDataRecords } from './open-data';
import { integrityPage, personPage } from './pages';
import { PUBLIC_POLICY } from './policy';
import { creditReport, reportFile, verifyReport } from './report';
import { publicSearch } from './search';
import { dishonestyFeed, dishonestyList } from './dishonesty-list';
import { submitComplaint, type ComplaintAttachment } from '../processes';
import { pdfActiveContent } from './attachment-check';
import { reencodeImage } from './image-reencode';

/**
 * kernel.public.*: the disclosure portal's procedures. Anyone may call them (permission 'public'); they read only what
 * the law lets the public see (public/visibility.ts: published, disclosed to society, inside the publication window;
 * persons by name only; free text masked) and are rate-limited per client address. Read-only, except filing a
 * complaint (objections are filed by the subject's officer after login, through kernel.objections.file).
 */
const throttle = async (ctx: TrpcContext, bucket: string, perMinute: number) => {
  const take = await ctx.limiter.take(`public:${bucket}:${ctx.clientIp}`, perMinute);
  if (!take.ok)
    throw tooManyRequests(
      'PUBLIC_THROTTLED',
      `访问过于频繁，请${take.retryAfterSeconds}秒后再试`,
      `Too many requests; retry after ${take.retryAfterSeconds} s`,
      take.retryAfterSeconds,
    );
};
const read = (ctx: TrpcContext) => throttle(ctx, 'read', PUBLIC_POLICY.readsPerMinute);
const today = (ctx: TrpcContext) => kernelContext(ctx.db, ctx.secrets, ctx.actor).today();
const asOfDay = (ctx: TrpcContext, asOf: string | undefined) => {
  const t = today(ctx);
  if (asOf === undefined) return t;
  if (!isLegalDate(asOf)) throw badInput('DATE_INVALID', 'asOf', '日期无效', 'Invalid date');
  if (asOf > t) throw badInput('AS_OF_IN_FUTURE', 'asOf', '日期不能晚于今天', 'The date cannot be in the future');
  return asOf;
};
const pub = (summary: string) => procedure.meta({ permission: 'public', scope: 'global', summary });

const MAGIC: Record<(typeof pc.ATTACHMENT_RULES.types)[number], (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
};

async function checkAttachments(list: z.infer<typeof pc.attachmentInput>[]): Promise<ComplaintAttachment[]> {
  const checked: ComplaintAttachment[] = [];
  for (const [i, a] of list.entries()) {
    const bytes = Buffer.from(a.dataBase64, 'base64');
    const field = `attachments.${i}`;
    if (bytes.length === 0)
      throw badInput('ATTACHMENT_EMPTY', field, `附件“${a.filename}”为空`, `Attachment ${a.filename} is empty`);
    if (bytes.length > pc.ATTACHMENT_RULES.maxBytes)
      throw badInput(
        'ATTACHMENT_TOO_LARGE',
        field,
        `附件“${a.filename}”超过${Math.round(pc.ATTACHMENT_RULES.maxBytes / 1024)}KB`,
        `Attachment ${a.filename} exceeds ${pc.ATTACHMENT_RULES.maxBytes} bytes`,
      );
    if (!MAGIC[a.contentType](bytes))
      throw badInput(
        'ATTACHMENT_TYPE',
        field,
        `附件“${a.filename}”的内容不是所声明的类型（仅接受JPEG、PNG、PDF）`,
        `Attachment ${a.filename} is not a ${a.contentType} (JPEG, PNG, PDF only)`,
      );
    if (a.contentType === 'application/pdf') {
      const active = pdfActiveContent(bytes);
      if (active)
        throw badInput(
          'ATTACHMENT_ACTIVE_CONTENT',
          field,
          `附件“${a.filename}”被拒绝：${active.zh}`,
          `Attachment ${a.filename} refused: ${active.en}`,
        );
      checked.push({ filename: a.filename, contentType: a.contentType, bytes });
      continue;
    }
    // Images are stored as re-encoded pixels only, so whatever a polyglot carried besides the picture is dropped.
    const image = await reencodeImage(bytes, a.contentType);
    if (!image.ok)
      throw badInput(
        'ATTACHMENT_UNREADABLE',
        field,
        `附件“${a.filename}”被拒绝：${image.zh}`,
        `Attachment ${a.filename} refused: ${image.en}`,
      );
    checked.push({ filename: a.filename, contentType: a.contentType, bytes: image.bytes });
  }
  return checked;
}

const openDataRouter = router({
  fields: pub('开放数据字段说明（双公示字段，英文代码）')
    .input(pc.openDataFieldsInput)
    .output(pc.openDataFieldsOut)
    .query(async ({ ctx, input }) => {
      await read(ctx);
      return openDataFieldsOf(input?.dataset ?? 'penalty').map((f) => ({ ...f }));
    }),
  records: pub('开放数据：公示中的记录（JSON或CSV，按记录编号分页）')
    .input(pc.openDataInput)
    .output(pc.openDataOut)
    .query(async ({ ctx, input }) => {
      await throttle(ctx, 'bulk', PUBLIC_POLICY.bulkPerMinute);
      return openDataRecords(ctx.db, input, today(ctx));
    }),
  changes: pub('开放数据：某时刻以来的变化（新增ADD、修改MOD、撤下DEL）')
    .input(pc.changesInput)
    .output(pc.changesOut)
    .query(async ({ ctx, input }) => {
      await throttle(ctx, 'bulk', PUBLIC_POLICY.bulkPerMinute);
      return openDataChanges(ctx.db, input, today(ctx));
    }),
});

export const publicRouter = router({
  search: pub('查询机关单位（名称或统一社会信用代码）和有公开记录的公务员（姓名）')
    .input(pc.publicSearchInput)
    .output(pc.publicSearchOut)
    .query(async ({ ctx, input }) => {
      await read(ctx);
      const result = await publicSearch(ctx.db, input, today(ctx));
      return {
        items: result.items.map(
          (i) => ({ kind: input.kind, ...i }) as z.infer<typeof pc.publicSearchOut>['items'][number],
        ),
        nextCursor: result.nextCursor,
      };
    }),
  districts: pub('各区（查询筛选用）')
    .input(pc.publicDistrictsInput)
    .output(pc.districtsOut)
    .query(async ({ ctx }) => {
      await read(ctx);
      return rows<{ id: string; name: string }>(
        ctx.db,
        sql`select id, name from kernel.org_unit where level = 'district' and kind = 'government' order by sort_order, name limit 100`,
      );
    }),
  recordTypes: pub('记录类型（查询筛选用）')
    .input(pc.publicRecordTypesInput)
    .output(pc.recordTypesOut)
    .query(async ({ ctx }) => {
      await read(ctx);
      return recordTypes().map((t) => ({ key: t.key, labelZh: t.labelZh, labelEn: t.labelEn, polarity: t.polarity }));
    }),
  body: pub('单位诚信页：公示期内的公开记录、异议标注、整改状态、信用修复说明')
    .input(pc.publicBodyInput)
    .output(pc.integrityPageOut)
    .query(async ({ ctx, input }) => {
      await read(ctx);
      return integrityPage(ctx.db, input.orgId, asOfDay(ctx, input.asOf), today(ctx));
    }),
  person: pub('公务员公开页（仅在有依法公开的记录时；只显示姓名）')
    .input(pc.publicPersonInput)
    .output(pc.personPageOut)
    .query(async ({ ctx, input }) => {
      await read(ctx);
      return personPage(ctx.db, input.personId, today(ctx));
    }),
  report: pub('信用报告（截至某日，含报告编号和验证码）')
    .input(pc.reportInput)
    .output(pc.reportOut)
    .query(async ({ ctx, input }) => {
      await read(ctx);
      return creditReport(ctx.db, input.orgId, asOfDay(ctx, input.asOf), today(ctx));
    }),
  reportFile: pub('下载信用报告：打印页HTML或PDF（内嵌中文字体和验证二维码）')
    .input(pc.reportFileInput)
    .output(pc.reportFileOut)
    .query(async ({ ctx, input }) => {
      await throttle(ctx, 'report', PUBLIC_POLICY.reportsPerMinute);
      const report = await creditReport(ctx.db, input.orgId, asOfDay(ctx, input.asOf), today(ctx));
      // Never the caller's origin: a forged link in a genuine report would send readers to another site.
      return reportFile(
        report,
        PUBLIC_POLICY.publicUrl ?? `http://${settingValue('HOST') ?? '127.0.0.1'}:${settingValue('PORT') ?? 3000}`,
        input.format,
      );
    }),
  verifyReport: pub('验证信用报告：按报告日期重算并与签名审计检查点核对')
    .input(pc.verifyInput)
    .output(pc.verifyOut)
    .query(async ({ ctx, input }) => {
      await read(ctx);
      return verifyReport(ctx.db, ctx.secrets.audit, input, today(ctx));
    }),
  complain: procedure
    .meta({
      permission: 'public',
      scope: 'global',
      summary: '提交投诉举报（可匿名，可附JPEG/PNG/PDF附件），返回回执码',
    })
    .input(pc.publicComplainInput)
    .output(pc.publicComplainOutput)
    .mutation(async ({ ctx, input }) => {
      // The same allowance as kernel.complaints.submit: one bucket per address, whichever door a report comes through.
      const take = await ctx.limiter.take(`complaint:${ctx.clientIp}`, 10);
      if (!take.ok)
        throw tooManyRequests(
          'COMPLAINT_THROTTLED',
          `提交过于频繁，请${take.retryAfterSeconds}秒后再试`,
          `Too many reports; retry after ${take.retryAfterSeconds} s`,
          take.retryAfterSeconds,
        );
      const { attachments, ...complaint } = input;
      return submitComplaint(
        kernelContext(ctx.db, ctx.secrets, ctx.actor),
        complaint,
        await checkAttachments(attachments),
      );
    }),
  openData: openDataRouter,
  dishonestyList: pub('政务失信公示：公示中的失信记录（按区、类型、严重程度、日期筛选，含统计，最新变化在前）')
    .input(pc.dishonestyListInput)
    .output(pc.dishonestyListOut)
    .query(async ({ ctx, input }) => {
      await read(ctx);
      return dishonestyList(ctx.db, input, today(ctx));
    }),
  dishonestyFeed: pub('政务失信公示订阅（Atom 或 JSON Feed）')
    .input(pc.dishonestyFeedInput)
    .output(pc.dishonestyFeedOut)
    .query(async ({ ctx, input }) => {
      await throttle(ctx, 'bulk', PUBLIC_POLICY.bulkPerMinute);
      // Never the caller's origin: links in a feed point at the site's own address.
      const base =
        PUBLIC_POLICY.publicUrl ?? `http://${settingValue('HOST') ?? '127.0.0.1'}:${settingValue('PORT') ?? 3000}`;
      return dishonestyFeed(ctx.db, input, today(ctx), base);
    }),
});
