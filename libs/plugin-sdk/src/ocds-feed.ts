/**
 * The public OCDS feed every publishing plugin serves (依法公开…信息): one record package per ocid and the release
 * packages, changed-since and paged — public on purpose, bodies and firms only, rate-limited per client. One
 * definition so procurement, bidding and PPP differ only in what they publish: a plugin says where its processes are
 * (`from`, `key`, `changedAt`) and how a page of them becomes releases (`releasesFor`); the paging, the envelopes, the
 * URIs and the extension list are here.
 */
import { rows, type Queryable } from '@chengxin/db';
import { sql, type SQL } from 'drizzle-orm';
import { notFound, type pluginProcedure } from '@chengxin/kernel';
import { z } from 'zod';
import type { OcdsJson } from './ocds-json';
import { ocdsPackageInput, ocdsPackageOut, ocdsRecordInput } from './ocds-contract';
import { ocdsExtensionUri } from './ocds-extension';
import { recordPackage, releasePackage, type OcdsPublisher } from './ocds-publish';
import { throttle } from './public';

export interface OcdsPublication {
  /** The plugin id: names the rate-limit bucket, the REST paths and our extension. */
  pluginId: string;
  /** What one ocid is, for summaries and the not-found message (招标项目, PPP项目, 采购过程). */
  subjectZh: string;
  publisher: OcdsPublisher;
  /** Official extensions the releases use, besides ours (`ocds-extensions/<pluginId>` in the SDK), which is always listed. */
  extensions?: readonly string[];
  /** The plugin's process table with its alias, e.g. sql`bidding.tender t`. */
  from: SQL;
  /** The process's ocid over `from` (its own, or one under our prefix). */
  key: SQL;
  /** When the process last changed, over `from`. */
  changedAt: SQL;
  /** The releases of these processes (each process's current state), in ocid order. */
  releasesFor(db: Queryable, ocids: string[]): Promise<OcdsJson[]>;
}

export interface OcdsFeedPage {
  package: OcdsJson;
  nextCursor: string | null;
}

/** The REST paths the packages name as their `uri` (apps/server/src/rest/routes.ts serves them). */
export const ocdsRecordPath = (pluginId: string, ocid: string) =>
  `/api/v1/ocds/${pluginId}/records/${encodeURIComponent(ocid)}`;
export const ocdsReleasesPath = (pluginId: string) => `/api/v1/ocds/${pluginId}/releases`;

/** The record package of one process and the paged release package, built the same way for every plugin. */
export function ocdsPublisher(p: OcdsPublication) {
  const extensions = () => [...(p.extensions ?? []), ocdsExtensionUri(p.pluginId)];
  return {
    /** The record package of one process; null when we hold no such ocid. */
    async publishRecord(db: Queryable, ocid: string): Promise<OcdsJson | null> {
      const releases = await p.releasesFor(db, [ocid]);
      if (releases.length === 0) return null;
      return recordPackage(
        ocdsRecordPath(p.pluginId, ocid),
        p.publisher,
        new Date().toISOString(),
        releases,
        extensions(),
      );
    },
    /** The bulk release package, a page of processes at a time in ocid order, optionally only those changed after `since`. */
    async publishReleases(
      db: Queryable,
      input: { since?: string; cursor?: string; limit: number },
    ): Promise<OcdsFeedPage> {
      const keys = await rows<{ ocid: string }>(
        db,
        sql`
        select ${p.key} as ocid from ${p.from}
        where ${input.since ? sql`${p.changedAt} > ${input.since}::timestamptz` : sql`true`} and ${input.cursor ? sql`${p.key} > ${input.cursor}` : sql`true`}
        group by 1 order by 1 limit ${input.limit + 1}`,
      );
      const page = keys.slice(0, input.limit).map((k) => k.ocid);
      return {
        package: releasePackage(
          ocdsReleasesPath(p.pluginId),
          p.publisher,
          new Date().toISOString(),
          await p.releasesFor(db, page),
          extensions(),
        ),
        nextCursor: keys.length > input.limit ? page.at(-1)! : null,
      };
    },
  };
}

const PER_MINUTE = 120;

export function ocdsFeedProcedures(procedure: ReturnType<typeof pluginProcedure>, publication: OcdsPublication) {
  const bucket = `${publication.pluginId}.ocds`;
  const feed = ocdsPublisher(publication);
  return {
    record: procedure
      .meta({
        permission: 'public',
        scope: 'global',
        summary: `公开：按ocid取一个${publication.subjectZh}的OCDS记录包`,
      })
      .input(ocdsRecordInput)
      .output(ocdsPackageOut)
      .query(async ({ ctx, input }) => {
        await throttle(ctx, bucket, PER_MINUTE, 'OCDS_RATE_LIMITED');
        const pkg = await feed.publishRecord(ctx.db, input.ocid);
        if (!pkg) throw notFound('ocds', `${publication.subjectZh}（ocid）`, input.ocid);
        return pkg;
      }),
    releases: procedure
      .meta({
        permission: 'public',
        scope: 'global',
        summary: `公开：全部${publication.subjectZh}的OCDS发布包（可只取某时点后变更的，分页）`,
      })
      .input(ocdsPackageInput)
      .output(z.object({ package: ocdsPackageOut, nextCursor: z.string().nullable() }))
      .query(async ({ ctx, input }) => {
        await throttle(ctx, bucket, PER_MINUTE, 'OCDS_RATE_LIMITED');
        return feed.publishReleases(ctx.db, input);
      }),
  };
}
