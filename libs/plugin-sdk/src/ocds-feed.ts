/**
 * The public OCDS feed every publishing plugin serves (依法公开…信息): one record package per ocid and the release
 * packages, changed-since and paged — public on purpose, bodies and firms only, rate-limited per client. One
 * definition so procurement, bidding and PPP differ only in what they publish.
 */
import type { Queryable } from '@chengxin/db';
import { notFound, type pluginProcedure } from '@chengxin/kernel';
import { z } from 'zod';
import type { OcdsJson } from './ocds-json';
import { ocdsPackageInput, ocdsPackageOut, ocdsRecordInput } from './ocds-contract';
import { throttle } from './public';

export interface OcdsFeed {
  /** The plugin id, which names the rate-limit bucket. */
  pluginId: string;
  /** What one ocid is, for summaries and the not-found message (招标项目, PPP项目, 采购合同). */
  subjectZh: string;
  publishRecord(db: Queryable, ocid: string): Promise<OcdsJson | null>;
  publishReleases(
    db: Queryable,
    input: { since?: string; cursor?: string; limit: number },
  ): Promise<{ package: OcdsJson; nextCursor: string | null }>;
}

const PER_MINUTE = 120;

export function ocdsFeedProcedures(procedure: ReturnType<typeof pluginProcedure>, feed: OcdsFeed) {
  const bucket = `${feed.pluginId}.ocds`;
  return {
    record: procedure
      .meta({ permission: 'public', scope: 'global', summary: `公开：按ocid取一个${feed.subjectZh}的OCDS记录包` })
      .input(ocdsRecordInput)
      .output(ocdsPackageOut)
      .query(async ({ ctx, input }) => {
        throttle(ctx, bucket, PER_MINUTE, 'OCDS_RATE_LIMITED');
        const pkg = await feed.publishRecord(ctx.db, input.ocid);
        if (!pkg) throw notFound('ocds', `${feed.subjectZh}（ocid）`, input.ocid);
        return pkg;
      }),
    releases: procedure
      .meta({
        permission: 'public',
        scope: 'global',
        summary: `公开：全部${feed.subjectZh}的OCDS发布包（可只取某时点后变更的，分页）`,
      })
      .input(ocdsPackageInput)
      .output(z.object({ package: ocdsPackageOut, nextCursor: z.string().nullable() }))
      .query(({ ctx, input }) => {
        throttle(ctx, bucket, PER_MINUTE, 'OCDS_RATE_LIMITED');
        return feed.publishReleases(ctx.db, input);
      }),
  };
}
