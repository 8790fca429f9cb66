import { listAccessLog, listAuditEntries } from '../access';
import { createCheckpoint, listCheckpoints, logOrigin, trustedKeys, verifierKey } from './checkpoint';
import { acceptCosignature, configuredWitnesses, cosignedNote, witnessVerifierKey } from './cosign';
import { proveConsistency, ProofError } from './proofs';
import { inclusionProof } from './tree';
import { checkpointNote } from './proofs';
import { AppError } from '../core';
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
  // Public proofs (RFC 9162): anyone holding a checkpoint can check an entry's place in it, or that a later checkpoint
  // extends it. They reveal hashes only; an entry's fields come from whoever shows it (a credit report, the console).
  inclusionProof: procedure
    .meta({ permission: 'public', scope: 'global', summary: '审计日志包含证明（某叶子在已签名检查点中）' })
    .input(c.auditInclusionProofInput)
    .output(c.auditInclusionProofOutput)
    .query(({ ctx, input }) =>
      proofs(async () => {
        const cp = await checkpointNote(ctx.db, input.treeSize);
        if (input.leafIndex >= cp.size)
          throw new ProofError(
            'size_out_of_range',
            `叶子${input.leafIndex}不在大小为${cp.size}的树中`,
            `leaf ${input.leafIndex} is not in the tree of size ${cp.size}`,
          );
        const path = await inclusionProof(ctx.db, input.leafIndex, cp.size);
        return {
          leafIndex: input.leafIndex,
          treeSize: cp.size,
          path: path.map((h) => h.toString('hex')),
          checkpoint: cp.note,
        };
      }),
    ),
  consistencyProof: procedure
    .meta({ permission: 'public', scope: 'global', summary: '审计日志一致性证明（旧检查点是新检查点的前缀）' })
    .input(c.auditConsistencyProofInput)
    .output(c.auditConsistencyProofOutput)
    .query(({ ctx, input }) => proofs(() => proveConsistency(ctx.db, input.from, input.to))),
  verifierKeys: procedure
    .meta({ permission: 'public', scope: 'global', summary: '审计检查点签名公钥与见证人公钥（供离线验证）' })
    .input(c.auditVerifierKeysInput)
    .output(c.auditVerifierKeysOutput)
    .query(({ ctx }) => ({
      origin: logOrigin(),
      keys: trustedKeys(ctx.secrets.audit).map((k) => verifierKey(logOrigin(), k)),
      witnesses: configuredWitnesses().map((w) => witnessVerifierKey(w.name, w.publicKey)),
    })),
  // Public: a witness posts its cosignature; only a line that verifies under a configured witness key is kept.
  cosign: procedure
    .meta({ permission: 'public', scope: 'global', summary: '见证人提交检查点联署签名' })
    .input(c.auditCosignInput)
    .output(c.auditCosignOutput)
    .mutation(async ({ ctx, input }) => ({ accepted: await acceptCosignature(ctx.db, input.size, input.line) })),
  cosigned: procedure
    .meta({ permission: 'public', scope: 'global', summary: '带见证人联署签名的检查点' })
    .input(c.auditCosignaturesInput)
    .output(c.auditCosignaturesOutput)
    .query(async ({ ctx, input }) => {
      const note = await cosignedNote(ctx.db, input.size);
      if (!note)
        throw new AppError(
          'NOT_FOUND',
          'AUDIT_NO_CHECKPOINT',
          `没有树大小为${input.size}的已签名检查点`,
          `no signed checkpoint of size ${input.size}`,
        );
      return { size: input.size, note };
    }),
  entries: procedure
    .meta({
      permission: 'kernel.audit.read',
      scope: 'city',
      summary: '审计日志（按操作人、对象、操作、日期筛选；首页带总数）',
    })
    .input(c.auditEntriesInput)
    .output(c.auditEntriesOutput)
    .query(({ ctx, input }) => listAuditEntries(ctx.db, input)),
  accessLog: procedure
    .meta({
      permission: 'kernel.audit.read',
      scope: 'city',
      summary: '查询日志（谁查看了谁的档案；可筛选，首页带总数）',
    })
    .input(c.auditAccessLogInput)
    .output(c.auditAccessLogOutput)
    .query(({ ctx, input }) => listAccessLog(ctx.db, input)),
});

/** Proof errors are the caller's (an index past the tree, no checkpoint yet): a clear 4xx naming the reason. */
async function proofs<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ProofError)
      throw new AppError('BAD_REQUEST', `AUDIT_${e.code.toUpperCase()}`, e.messageZh, e.message, 'leafIndex');
    if (e instanceof RangeError)
      throw new AppError('BAD_REQUEST', 'AUDIT_SIZE_OUT_OF_RANGE', '树大小或叶子序号超出范围', e.message, 'from');
    throw e;
  }
}
