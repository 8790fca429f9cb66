import { RECORD_TYPE_LABELS, type Polarity, type Severity, type SubjectKind } from './labels';

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
}

const kernelTypes: RecordTypeDef[] = [
  { key: 'judicial_judgment', subjects: ['org', 'person'], polarity: 'dishonesty', sanction: false, repairable: true, defaultSeverity: 'serious' },
  { key: 'administrative_penalty', subjects: ['org', 'person'], polarity: 'dishonesty', sanction: false, repairable: true, defaultSeverity: 'ordinary' },
  { key: 'disciplinary_sanction', subjects: ['person'], polarity: 'dishonesty', sanction: true, repairable: false, defaultSeverity: 'ordinary' },
  { key: 'accountability', subjects: ['org', 'person'], polarity: 'dishonesty', sanction: false, repairable: true, defaultSeverity: 'ordinary' },
  { key: 'commendation', subjects: ['org', 'person'], polarity: 'commendation', sanction: false, repairable: false, defaultSeverity: 'minor' },
].map((t) => ({ ...t, owner: 'kernel', labelZh: RECORD_TYPE_LABELS[t.key as keyof typeof RECORD_TYPE_LABELS].zh, labelEn: RECORD_TYPE_LABELS[t.key as keyof typeof RECORD_TYPE_LABELS].en }) as RecordTypeDef);

const registry = new Map<string, RecordTypeDef>(kernelTypes.map((t) => [t.key, t]));

export function recordType(key: string): RecordTypeDef | undefined {
  return registry.get(key);
}

export function recordTypes(): RecordTypeDef[] {
  return [...registry.values()];
}

/** Plugins add their types; the key must carry the plugin id as prefix so owners never collide. */
export function registerRecordType(def: RecordTypeDef): void {
  if (def.owner === 'kernel' || !def.key.startsWith(`${def.owner}.`)) throw new Error(`record type ${def.key} must be prefixed with its plugin id ${def.owner}.`);
  if (registry.has(def.key)) throw new Error(`record type ${def.key} is registered twice`);
  registry.set(def.key, def);
}
