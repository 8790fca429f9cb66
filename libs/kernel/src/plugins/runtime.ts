import { createHash } from 'node:crypto';
import { rows, type Db, type Tx } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import { kernelContext, systemActor, type Actor } from '../core';
import { PROPOSED_FIELDS, today as shanghaiToday } from '@chengxin/contract';
import type { Secrets } from '../core';
import { correct, createDraft } from '../records';
import type { KernelPlugin, PluginRuntimeContext, ProposedDraft, ScanReport } from './definition';
import { installedPlugin, installedPlugins } from './registry';
import { subjectPaths, withinScope, type Scope } from '../access';
import { requirePlugin, settingForOrg } from './settings';

/** A plugin's rules act under its own name in the audit log, with a stable id derived from the plugin id. */
export function pluginActor(pluginId: string): Actor {
  const h = createHash('sha256').update(`chengxin-plugin:${pluginId}`).digest('hex');
  return systemActor(
    `${h.slice(0, 8)}-${h.slice(8, 12)}-7${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`,
    `plugin:${pluginId}`,
  );
}

/** The source system of drafts a plugin's rules propose; the source id is `<rule>:<breach>`, so a breach is proposed once. */
export const proposalSource = (pluginId: string) => `${pluginId}.rules`;

/**
 * A scan run by hand for one subtree: drafts whose subject lies outside `scope` are not proposed (the daily job
 * proposes them), and every draft inside it — new or already proposed — is noted in `proposed`.
 */
export interface ScanWithin {
  scope: Scope;
  proposed: { recordId: string; created: boolean }[];
}

async function draftInScope(tx: Tx, scope: Scope, subject: ProposedDraft['subject']): Promise<boolean> {
  if (scope.roots === null) return true;
  const ref =
    subject.kind === 'org' || subject.orgId
      ? { kind: 'org' as const, id: subject.kind === 'org' ? subject.orgId : subject.orgId! }
      : { kind: 'person' as const, id: subject.personId };
  const paths = (await subjectPaths(tx, [ref])).get(`${ref.kind}:${ref.id}`) ?? [];
  return paths.some((p) => withinScope(scope, p));
}

export function pluginRuntime(
  db: Db,
  secrets: Secrets,
  plugin: KernelPlugin,
  day: string = shanghaiToday(),
  within?: ScanWithin,
): PluginRuntimeContext {
  const actor = pluginActor(plugin.id);
  return {
    db,
    pluginId: plugin.id,
    today: day,
    config: async (orgId) => (await settingForOrg(db, plugin, orgId)).governing,
    enabled: async (orgId) => (await settingForOrg(db, plugin, orgId)).enabled,
    async proposeDraft(tx: Tx, draft: ProposedDraft): Promise<boolean> {
      const sourceId = `${draft.ruleId}:${draft.breachKey}`;
      const rule = plugin.rules.find((r) => r.id === draft.ruleId);
      if (!rule) throw new Error(`${plugin.id} proposes a draft under an undeclared rule ${draft.ruleId}`);
      const type = plugin.recordTypes.find((t) => t.key === draft.typeKey);
      if (!type) throw new Error(`${plugin.id} proposes a draft of a type it does not own: ${draft.typeKey}`);
      if (within && !(await draftInScope(tx, within.scope, draft.subject))) return false;
      const ctx = { ...kernelContext(tx as unknown as Db, secrets, actor), today: () => day };
      const [existing] = await rows<{ id: string; status: string; severity: string; version: number }>(
        tx,
        sql`
        select r.id::text, r.status, r.severity, r.current_version as version from kernel.current_record r
        where r.source_system = ${proposalSource(plugin.id)} and r.source_id = ${sourceId} and r.type_key = ${draft.typeKey}`,
      );
      if (existing) {
        // A breach that grew heavier while its draft waits (e.g. payment arrears past the serious threshold) is
        // re-proposed as a new version of the same draft; once submitted, it is the reviewers' to change.
        if (existing.status === 'draft' && existing.severity !== draft.severity) {
          await correct(ctx, {
            recordId: existing.id,
            expectedVersion: Number(existing.version),
            reason: `规则 ${rule.id} 复查：严重程度由${existing.severity}变为${draft.severity}`,
            changes: {
              severity: draft.severity,
              facts: draft.facts,
              payload: {
                ...draft.evidence,
                proposedBy: { ruleId: rule.id, summaryZh: rule.summaryZh, source: rule.source, on: day },
              },
            },
          });
        }
        within?.proposed.push({ recordId: existing.id, created: false });
        return false;
      }
      const linkTo: { recordId: string; kind: 'responsible_official' | 'body_record' | 'related' }[] = [];
      for (const link of draft.linkTo ?? []) {
        const [target] = await rows<{ id: string }>(
          tx,
          sql`select id::text from kernel.credit_record
          where source_system = ${proposalSource(plugin.id)} and source_id = ${`${link.ruleId}:${link.breachKey}`}`,
        );
        if (target) linkTo.push({ recordId: target.id, kind: link.kind });
      }
      // A placeholder no reader mistakes for a document number (the rule is named in proposedBy, not here).
      const decisionNo = '待认定（规则提出，须填写决定书文号）';
      // createDraft runs in a savepoint of `tx`: a concurrent scan that inserted the same breach first is not an error.
      try {
        const created = await createDraft(ctx, {
          typeKey: draft.typeKey,
          subject: draft.subject,
          severity: draft.severity,
          facts: draft.facts,
          legalBasis: `${rule.source.law}${rule.source.article}`,
          decisionNo,
          decisionDate: draft.decisionDate,
          issuingAuthority: draft.issuingAuthority,
          disclosureScope: type.defaultDisclosure,
          payload: {
            ...draft.evidence,
            // What the rule wrote for a person to confirm: the kernel refuses to submit while any is unconfirmed.
            proposedBy: {
              ruleId: rule.id,
              summaryZh: rule.summaryZh,
              source: rule.source,
              on: day,
              proposed: { decisionNo, decisionDate: draft.decisionDate },
              unconfirmed: [...PROPOSED_FIELDS],
            },
          },
          source: { system: proposalSource(plugin.id), id: sourceId },
          linkTo,
        });
        within?.proposed.push({ recordId: created.id, created: true });
      } catch (error) {
        if (isDuplicate(error)) return false;
        throw error;
      }
      return true;
    },
  };
}

const isDuplicate = (error: unknown): boolean => {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === '23505' || (e as { appCode?: string }).appCode === 'RECORD_SOURCE_DUPLICATE')
      return true;
  }
  return false;
};

/** Runs one plugin's daily scan (the daily job runs every plugin's; an officer can run one by hand). */
export async function runPluginScan(db: Db, secrets: Secrets, pluginId: string, day?: string): Promise<ScanReport> {
  const plugin = requirePlugin(pluginId);
  if (!plugin.daily) return { scanned: 0, breaches: 0, draftsCreated: 0, alreadyProposed: 0 };
  return plugin.daily(pluginRuntime(db, secrets, plugin, day));
}

/**
 * One plugin's scan run by hand for the caller's subtree: only drafts for bodies and persons inside `scope` are
 * proposed, and the answer lists those drafts (new and already proposed) — not the city's counts, which would tell a
 * district about the others.
 */
export async function runPluginScanWithin(db: Db, secrets: Secrets, pluginId: string, day: string, scope: Scope) {
  const plugin = requirePlugin(pluginId);
  const within: ScanWithin = { scope, proposed: [] };
  if (plugin.daily) await plugin.daily(pluginRuntime(db, secrets, plugin, day, within));
  const created = new Set(within.proposed.filter((p) => p.created).map((p) => p.recordId));
  const ids = [...new Set(within.proposed.map((p) => p.recordId))];
  const drafts = ids.length
    ? await rows<{
        recordId: string;
        status: string;
        typeKey: string;
        severity: string;
        subjectKind: 'org' | 'person';
        subjectId: string;
        subjectName: string;
        facts: string;
        decisionDate: string;
      }>(
        db,
        sql`select r.id::text as "recordId", r.status, r.type_key as "typeKey", r.severity, r.subject_kind as "subjectKind",
          coalesce(r.person_id, r.org_id)::text as "subjectId", coalesce(p.name, o.name) as "subjectName", r.facts,
          to_char(r.decision_date, 'YYYY-MM-DD') as "decisionDate"
        from kernel.current_record r join kernel.org_unit o on o.id = r.org_id left join kernel.person p on p.id = r.person_id
        where r.id = any(${sql.param(ids)}::uuid[]) order by r.decision_date desc, r.id`,
      )
    : [];
  return {
    day,
    draftsCreated: created.size,
    alreadyProposed: ids.length - created.size,
    drafts: drafts.map((d) => ({ ...d, created: created.has(d.recordId) })),
  };
}

/** Every installed plugin's daily scan; one failing plugin does not stop the others (its error is reported). */
export async function runAllPluginScans(
  db: Db,
  secrets: Secrets,
  day?: string,
): Promise<{ pluginId: string; report?: ScanReport; error?: string }[]> {
  const out: { pluginId: string; report?: ScanReport; error?: string }[] = [];
  for (const plugin of installedPlugins().filter((p) => p.daily)) {
    try {
      out.push({ pluginId: plugin.id, report: await runPluginScan(db, secrets, plugin.id, day) });
    } catch (error) {
      out.push({ pluginId: plugin.id, error: (error as Error).message });
    }
  }
  return out;
}

export { installedPlugin };
