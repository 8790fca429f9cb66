import { z } from 'zod';
import type { Scope } from '../access';
import { serviceContext, type KernelContext, badInput, AppError, procedure, router, type TrpcContext } from '../core';
import { exchangeCompleteness } from './completeness';
import * as x from '@chengxin/contract/exchange';
import { acknowledgeBatch, changesSince, getBatch, listBatches, nextBatch } from './export';
import {
  createImport,
  fieldsOf,
  importIssuesCsv,
  importProgress,
  runImport,
  uploadSource,
  watchImport,
  type ImportOptions,
  type ImportSource,
} from './import';
import type { ImportKind } from './mapping';
import { bytesSource } from './tabular';
import { appendPart, beginUpload, finishedUpload, finishUpload } from './uploads';

/**
 * Exchange: file imports (staged upload → import with live progress → row-level error report), platform batches with
 * checksums and acknowledgement, the changed-since feed, and the completeness check. docs/EXCHANGE.md.
 */
type Ctx = TrpcContext & { scope: Scope };
const k = serviceContext;

async function fileSource(
  c: KernelContext,
  input: { uploadId?: string | undefined; contentBase64?: string | undefined },
): Promise<ImportSource> {
  if (input.uploadId && input.contentBase64)
    throw badInput(
      'FILE_TWICE',
      'uploadId',
      '请只提供上传编号或文件内容之一',
      'Give either uploadId or contentBase64, not both',
    );
  if (input.uploadId) {
    await finishedUpload(c, input.uploadId);
    return uploadSource(input.uploadId);
  }
  if (!input.contentBase64)
    throw badInput(
      'FILE_REQUIRED',
      'uploadId',
      '请先上传文件',
      'Upload the file first (uploadId) or send contentBase64',
    );
  const bytes = Buffer.from(input.contentBase64, 'base64');
  return () => bytesSource(bytes);
}

async function startImport(ctx: Ctx, kind: ImportKind, input: z.infer<typeof x.importStartInput>) {
  const c = k(ctx);
  const source = await fileSource(c, input);
  const options: ImportOptions = {
    kind,
    mode: input.mode,
    format: input.format,
    filename: input.filename,
    sourceSystem: input.sourceSystem,
    mapping: input.mapping,
    initialStatus: input.initialStatus,
    uploadId: input.uploadId ?? null,
  };
  const importId = await createImport(c, options);
  const running = runImport(c, importId, options, source);
  if (input.wait) return running;
  running.catch((e: unknown) =>
    ctx.log?.(`import ${importId} failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`),
  );
  return (await importProgress(ctx.db, importId, null))!;
}

/** A subscription's output is a stream; each event is validated against importProgressOut as it is yielded. */
const progressStream = z.custom<AsyncIterable<z.infer<typeof x.importProgressOut>>>(
  (v) => !!v && typeof (v as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function',
);

const ownerOf = (ctx: Ctx) =>
  ctx.scope.roots === null && ctx.actor?.grants.some((g) => g.permissions.includes('*'))
    ? null
    : (ctx.actor?.id ?? null);
const importSummary = (what: string) =>
  `导入${what}（CSV/XLSX/JSON；整批或逐行；进度见 progress，逐行错误见 errorReport）`;

export const exchangeRouter = router({
  fields: procedure
    .meta({ permission: 'authenticated', scope: 'global', summary: '导入文件的字段及默认表头（列映射用）' })
    .input(x.exchangeFieldsInput)
    .output(x.fieldsOut)
    .query(({ input }) => fieldsOf(input.kind)),
  upload: router({
    begin: procedure
      .meta({ permission: 'authenticated', scope: 'global', summary: '开始分块上传文件（每块不超过请求体上限）' })
      .input(x.uploadBeginInput)
      .output(x.uploadBeginOut)
      .mutation(({ ctx, input }) => beginUpload(k(ctx), input)),
    part: procedure
      .meta({ permission: 'authenticated', scope: 'global', summary: '上传一块（按序号，重发同一序号即覆盖）' })
      .input(x.uploadPartInput)
      .output(x.uploadPartOut)
      .mutation(({ ctx, input }) => appendPart(k(ctx), input)),
    finish: procedure
      .meta({ permission: 'authenticated', scope: 'global', summary: '完成上传（核对整个文件的SHA-256）' })
      .input(x.uploadFinishInput)
      .output(x.uploadFinishOut)
      .mutation(({ ctx, input }) => finishUpload(k(ctx), input)),
  }),
  import: router({
    records: procedure
      .meta({
        permission: 'kernel.exchange.import',
        scope: 'list',
        summary: importSummary('信用记录（按来源系统+来源编号幂等）'),
      })
      .input(x.importStartInput)
      .output(x.importProgressOut)
      .mutation(({ ctx, input }) => startImport(ctx, 'records', input)),
    orgs: procedure
      .meta({
        permission: 'kernel.orgs.write',
        scope: 'list',
        summary: importSummary('单位（按统一社会信用代码幂等）'),
      })
      .input(x.importStartInput)
      .output(x.importProgressOut)
      .mutation(({ ctx, input }) => startImport(ctx, 'orgs', input)),
    persons: procedure
      .meta({
        permission: 'kernel.persons.write',
        scope: 'list',
        summary: importSummary('人员及任职（身份证号按GB 11643校验，加密保存）'),
      })
      .input(x.importStartInput)
      .output(x.importProgressOut)
      .mutation(({ ctx, input }) => startImport(ctx, 'persons', input)),
    get: procedure
      .meta({ permission: 'authenticated', scope: 'global', summary: '导入进度与结果（本人发起的）' })
      .input(x.exchangeGetInput)
      .output(x.importProgressOut)
      .query(async ({ ctx, input }) => {
        const p = await importProgress(ctx.db, input.importId, ownerOf(ctx));
        if (!p) throw new AppError('NOT_FOUND', 'IMPORT_NOT_FOUND', '导入任务不存在', 'Import not found', 'importId');
        return p;
      }),
    progress: procedure
      .meta({ permission: 'authenticated', scope: 'global', summary: '实时导入进度（订阅，SSE）' })
      .input(x.exchangeProgressInput)
      .output(progressStream)
      .subscription(async function* ({ ctx, input, signal }) {
        for await (const p of watchImport(ctx.db, input.importId, ownerOf(ctx), signal))
          yield x.importProgressOut.parse(p);
      }),
    errorReport: procedure
      .meta({
        permission: 'authenticated',
        scope: 'global',
        summary: '逐行错误报告（CSV：行号、列、中英文说明、代码）',
      })
      .input(x.exchangeErrorReportInput)
      .output(x.errorReportOut)
      .query(async ({ ctx, input }) => {
        const p = await importProgress(ctx.db, input.importId, ownerOf(ctx));
        if (!p) throw new AppError('NOT_FOUND', 'IMPORT_NOT_FOUND', '导入任务不存在', 'Import not found', 'importId');
        return {
          filename: `import-errors-${input.importId}.csv`,
          contentType: 'text/csv; charset=utf-8',
          content: await importIssuesCsv(ctx.db, input.importId),
        };
      }),
  }),
  export: router({
    next: procedure
      .meta({
        permission: 'kernel.exchange.export',
        scope: 'city',
        summary: '取下一批报送数据（双公示格式；未确认的批次原样重发）',
      })
      .input(x.nextBatchInput)
      .output(x.servedBatchOut.nullable())
      .mutation(({ ctx, input }) => nextBatch(k(ctx), input.channel, input.format, input.limit)),
    get: procedure
      .meta({ permission: 'kernel.exchange.export', scope: 'city', summary: '按批次号重取（内容与首次完全相同）' })
      .input(x.getBatchInput)
      .output(x.servedBatchOut)
      .query(({ ctx, input }) => getBatch(ctx.db, input.channel, input.batchNo, input.format)),
    ack: procedure
      .meta({ permission: 'kernel.exchange.export', scope: 'city', summary: '确认平台已接收批次（须附SHA-256校验值）' })
      .input(x.ackInput)
      .output(x.batchOut)
      .mutation(({ ctx, input }) => acknowledgeBatch(k(ctx), input.channel, input.batchNo, input.sha256)),
    batches: procedure
      .meta({ permission: 'kernel.exchange.export', scope: 'city', summary: '报送批次列表' })
      .input(x.exchangeBatchesInput)
      .output(x.exchangeBatchesOutput)
      .query(({ ctx, input }) => listBatches(ctx.db, input.channel)),
  }),
  changes: procedure
    .meta({
      permission: 'kernel.exchange.feed',
      scope: 'list',
      summary: '变更订阅（自某游标或时间以来的新增/变更/撤下，ADD/MOD/DEL）',
    })
    .input(x.changesInput)
    .output(x.changesOut)
    .query(({ ctx, input }) => changesSince(k(ctx), input)),
  completeness: procedure
    .meta({
      permission: 'kernel.coverage.read',
      scope: 'list',
      summary: '报送完整性核对：来源清单与本系统记录比对（只读：缺报、不一致、多出）',
    })
    .input(x.completenessInput)
    .output(x.completenessOut)
    .mutation(async ({ ctx, input }) => {
      const c = k(ctx);
      return exchangeCompleteness(c, input, await fileSource(c, input));
    }),
});
