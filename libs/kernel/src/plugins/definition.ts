import type { Db, Queryable, Tx } from '@chengxin/db';
import type { SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Polarity, Severity } from '@chengxin/contract';
import type { RuleSource } from '../records';

/**
 * What a plugin hands the kernel. Plugins write it with `definePlugin` from @chengxin/plugin-sdk; the kernel only
 * reads it, so it never imports a plugin. The version below is the kernel API a plugin declares it needs.
 */
export const KERNEL_API_VERSION = 1;

export interface PluginLabel {
  zh: string;
  en: string;
}

/**
 * A plugin's record type: stored in the kernel's record tables, its `payload` validated by a versioned zod schema.
 * Older stored payloads are brought up to date on read by the upcasters (`upcasters[n]` turns version n into n + 1).
 */
export interface PluginRecordType {
  key: string;
  label: PluginLabel;
  subjects: ('org' | 'person')[];
  polarity: Polarity;
  defaultSeverity: Severity;
  /** Whether credit repair can end its publication early. */
  repairable: boolean;
  /** Default disclosure scope of drafts the plugin's rules propose. */
  defaultDisclosure: 'public' | 'government' | 'none';
  payload: {
    version: number;
    schema: z.ZodType;
    upcasters?: Record<number, (old: Record<string, unknown>) => Record<string, unknown>>;
  };
}

/** A rule the plugin applies: shown in the rule table with its legal source, like the kernel's own. */
export interface PluginRule {
  id: string;
  summaryZh: string;
  summaryEn: string;
  source: RuleSource;
  /** The configuration key holding its value when its source is unconfirmed (docs/DOMAIN.md) (a setting with a default, never a constant). */
  setting?: string;
  /**
   * How the rule counts its days, as its statute says: `calendar` days (民法典 §201: from the next day; §203: a period
   * ending on a day off ends on the next working day) or `working` days (the official holiday calendar). Absent for a
   * rule that counts no days.
   */
  counting?: 'calendar' | 'working';
  /** The versions of the rule's text with the day each took effect, oldest first; facts before the first are not judged. */
  inForce?: readonly { from: string; version: string }[];
}

/** What a scheduled scan found and did; the same scan run twice proposes nothing new. */
export interface ScanReport {
  scanned: number;
  breaches: number;
  draftsCreated: number;
  alreadyProposed: number;
}

/** An indicator a plugin contributes to the evaluation of bodies (the evaluation issue weighs them). */
export interface PluginIndicator {
  key: string;
  label: PluginLabel;
  unit: string;
  /** Whether a higher value is better (e.g. on-time payment share) or worse (e.g. debt risk score). */
  better: 'higher' | 'lower';
  source: RuleSource;
  /** One value per body with enough data for `year`; bodies missing from the answer have no value. */
  compute(
    db: Queryable,
    input: { year: number; orgIds: string[] },
  ): Promise<{ orgId: string; value: number; sample: number; evidence: string }[]>;
}

/** A form the admin console renders generically: a zod schema plus UI hints, served as JSON Schema. */
export interface PluginForm {
  title: PluginLabel;
  schema: z.ZodType;
  /** Per field: label, widget and order; the admin falls back to the schema's description. */
  ui?: Record<
    string,
    {
      label?: PluginLabel;
      widget?: 'text' | 'textarea' | 'number' | 'money' | 'date' | 'select' | 'switch' | 'org' | 'person';
      order?: number;
      help?: PluginLabel;
    }
  >;
}

export interface PluginNavEntry {
  key: string;
  label: PluginLabel;
  /** Route under /admin/plugins/<id>/; the admin loads the page lazily. */
  path: string;
  permission: string;
}

/** What the runtime gives a plugin's hooks: the database, and the kernel's record services bound to a system actor. */
export interface PluginRuntimeContext {
  db: Db;
  pluginId: string;
  today: string;
  /** Proposes a draft record once per (rule, key): returns false when that breach was already proposed. */
  proposeDraft(tx: Tx, draft: ProposedDraft): Promise<boolean>;
  /** The configuration a body is judged by: set at the levels above it, defaults filled in (never by the body itself). */
  config(orgId: string | null): Promise<Record<string, unknown>>;
  /**
   * Whether the plugin is enabled for a body. Enablement governs data entry only: a scan checks every body, so a body
   * cannot switch off the checking of its own breaches.
   */
  enabled(orgId: string | null): Promise<boolean>;
}

export interface ProposedDraft {
  typeKey: string;
  ruleId: string;
  /** Identifies the breach (e.g. contract id + rule); the source id of the draft, so a second scan finds it. */
  breachKey: string;
  subject: { kind: 'org'; orgId: string } | { kind: 'person'; personId: string; orgId?: string };
  severity: Severity;
  facts: string;
  decisionDate: string;
  issuingAuthority: string;
  evidence: Record<string, unknown>;
  /**
   * Drafts this one links to, named by the rule and breach key they were proposed under (e.g. the responsible
   * official's draft links to the body's draft); a named draft not (yet) proposed is skipped.
   */
  linkTo?: { ruleId: string; breachKey: string; kind: 'responsible_official' | 'body_record' | 'related' }[];
}

export interface KernelEvent {
  type: 'record.transition';
  recordId: string;
  typeKey: string;
  from: string | null;
  to: string;
}

export interface KernelPlugin {
  id: string;
  version: string;
  kernelApi: number;
  label: PluginLabel;
  description: PluginLabel;
  /** Enabled where no setting says otherwise. */
  enabledByDefault: boolean;
  recordTypes: PluginRecordType[];
  permissions: Record<string, PluginLabel>;
  /** Plugin permissions added to the built-in roles (admin already has every permission). */
  roles: Partial<Record<'officer' | 'reviewer' | 'viewer' | 'auditor', string[]>>;
  /** Per-agency configuration; every field has a default. */
  config: z.ZodObject;
  rules: PluginRule[];
  /** The plugin's own Postgres schema and migrations folder (its ledger lives in that schema). */
  migrations: { schema: string; folder: string } | null;
  /**
   * Plugin entities a procedure can name as its subject, resolved to the org paths of their bodies for the scope
   * check: `select id::text, path …` for the ids passed as a uuid[] parameter.
   */
  subjects: Record<string, (ids: SQL) => SQL>;
  daily?: (ctx: PluginRuntimeContext) => Promise<ScanReport>;
  /** Called inside the transaction that moved a record of one of the plugin's types, so its reaction commits with it. */
  onKernelEvent?: (tx: Tx, event: KernelEvent) => Promise<void>;
  indicators: PluginIndicator[];
  forms: Record<string, PluginForm>;
  nav: PluginNavEntry[];
  /** Demo data for `npm start`: called once after the kernel's seed, with the demo bodies. */
  seed?: (db: Db, demo: DemoContext) => Promise<string>;
}

export interface DemoContext {
  today: string;
  orgs: { id: string; name: string; level: string; kind: string; parentId: string | null; uscc: string }[];
  /** Writes as the seeding actor, one transaction with its audit entry. */
  audit(tx: Tx, action: string, entity: string, entityId: string, detail?: Record<string, unknown>): Promise<void>;
}
