import { RECORD_TYPE_LABELS, type Polarity, type Severity, type SubjectKind } from '@chengxin/contract';

/** A record type: kernel types here; plugins register theirs (key prefixed by the plugin id) at start-up. */
export interface RecordTypeDef {
  key: string;
  owner: string;
  labelZh: string;
  labelEn: string;
  subjects: SubjectKind[];
  polarity: Polarity;
  /** Disciplinary sanctions carry a sanction type and an impact period from the sanction rule table. */
  sanction: boolean;
  /** Whether credit repair can end its publication early (a sanction binds for its period by law; a commendation needs none). */
  repairable: boolean;
  defaultSeverity: Severity;
  /** Plugin types: the payload's current schema version, its zod schema and upcasters for older stored payloads. */
  payload?: RecordPayloadDef;
}

export interface RecordPayloadDef {
  version: number;
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: unknown }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  };
  upcasters?: Record<number, (old: Record<string, unknown>) => Record<string, unknown>>;
}

/** The key under which a plugin payload stores its schema version. */
export const PAYLOAD_VERSION_KEY = '$v';

/**
 * Brings a payload up to its type's current schema version (stored versions are never rewritten). A stored payload
 * without a version tag predates versioning (version 1); a caller writing one without a tag writes the current version.
 */
export function upcastPayload(
  def: RecordPayloadDef | undefined,
  stored: Record<string, unknown>,
  untagged = 1,
): Record<string, unknown> {
  if (!def) return stored;
  let version = typeof stored[PAYLOAD_VERSION_KEY] === 'number' ? (stored[PAYLOAD_VERSION_KEY] as number) : untagged;
  if (!Number.isInteger(version) || version < 1 || version > def.version)
    throw new Error(`unknown payload version ${version}`);
  let payload = stored;
  while (version < def.version) {
    const up = def.upcasters?.[version];
    if (!up) throw new Error(`no upcaster from payload version ${version}`);
    payload = { ...up(payload), [PAYLOAD_VERSION_KEY]: version + 1 };
    version += 1;
  }
  return payload;
}

const kernelTypes: RecordTypeDef[] = [
  {
    key: 'judicial_judgment',
    subjects: ['org', 'person'],
    polarity: 'dishonesty',
    sanction: false,
    repairable: true,
    defaultSeverity: 'serious',
  },
  {
    key: 'administrative_penalty',
    subjects: ['org', 'person'],
    polarity: 'dishonesty',
    sanction: false,
    repairable: true,
    defaultSeverity: 'ordinary',
  },
  {
    key: 'disciplinary_sanction',
    subjects: ['person'],
    polarity: 'dishonesty',
    sanction: true,
    repairable: false,
    defaultSeverity: 'ordinary',
  },
  {
    key: 'accountability',
    subjects: ['org', 'person'],
    polarity: 'dishonesty',
    sanction: false,
    repairable: true,
    defaultSeverity: 'ordinary',
  },
  {
    key: 'commendation',
    subjects: ['org', 'person'],
    polarity: 'commendation',
    sanction: false,
    repairable: false,
    defaultSeverity: 'minor',
  },
].map(
  (t) =>
    ({
      ...t,
      owner: 'kernel',
      labelZh: RECORD_TYPE_LABELS[t.key as keyof typeof RECORD_TYPE_LABELS].zh,
      labelEn: RECORD_TYPE_LABELS[t.key as keyof typeof RECORD_TYPE_LABELS].en,
    }) as RecordTypeDef,
);

const registry = new Map<string, RecordTypeDef>(kernelTypes.map((t) => [t.key, t]));

export function recordType(key: string): RecordTypeDef | undefined {
  return registry.get(key);
}

export function recordTypes(): RecordTypeDef[] {
  return [...registry.values()];
}

/** Plugins add their types; the key must carry the plugin id as prefix so owners never collide. */
export function registerRecordType(def: RecordTypeDef): void {
  if (def.owner === 'kernel' || !def.key.startsWith(`${def.owner}.`))
    throw new Error(`record type ${def.key} must be prefixed with its plugin id ${def.owner}.`);
  if (registry.has(def.key)) throw new Error(`record type ${def.key} is registered twice`);
  registry.set(def.key, def);
}
