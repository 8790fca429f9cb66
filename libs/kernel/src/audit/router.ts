import { listAccessLog, listAuditEntries } from '../access';
import { createCheckpoint, listCheckpoints } from './checkpoint';
import { verifyAudit } from './verify';
import * as c from '@chengxin/contract';
import { procedure, router } from '../core';

export const auditRouter = router({
  verify: procedure
    .meta({ permission: 'kernel.audit.verify', scope: 'city', summary: '校验整条审计链、检查点签名和记录数据' })
    .input(c.auditVerifyInput)
    .output(c.auditReportOut)
    .mutation(({ ctx }) => verifyAudit(ctx.db, ctx.secrets.audit)),
  checkpoint: procedure
    .meta({ permission: 'kernel.audit.verify', scope: 'city', summary: '立即签署当前链头' })
    .input(c.auditCheckpointInput)
    .output(c.checkpointOut.nullable())
    .mutation(({ ctx }) => createCheckpoint(ctx.db, ctx.secrets.audit)),
  // Public on purpose: outsiders keep copies of the signed heads, so the log cannot be rewritten unnoticed.
  checkpoints: procedure
    .meta({ permission: 'public', scope: 'global', summary: '已签名的审计检查点（公开，供外部留存）' })
    .input(c.auditCheckpointsInput)
    .output(c.auditCheckpointsOutput)
    .query(({ ctx, input }) => listCheckpoints(ctx.db, input.limit, input.beforeSeq)),
  entries: procedure
    .meta({ permission: 'kernel.audit.read', scope: 'city', summary: '审计日志' })
    .input(c.auditEntriesInput)
    .output(c.page(c.auditEntryOut))
    .query(({ ctx, input }) => listAuditEntries(ctx.db, input)),
  accessLog: procedure
    .meta({ permission: 'kernel.audit.read', scope: 'city', summary: '查询日志（谁查看了谁的档案）' })
    .input(c.auditAccessLogInput)
    .output(c.page(c.accessLogOut))
    .query(({ ctx, input }) => listAccessLog(ctx.db, input)),
});
