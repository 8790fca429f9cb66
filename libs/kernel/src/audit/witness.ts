import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Checkpoint } from './checkpoint';

/**
 * Checkpoints kept outside the database. The operator publishes each signed checkpoint as a file (a directory another
 * machine mirrors, CHENGXIN_CHECKPOINT_DIR or `audit checkpoint --publish <dir>`); a verifier reads them back from a
 * file, a directory or the public feed (`/trpc/kernel.audit.checkpoints`) that a third party fetched.
 */
const checkpointFile = z.object({
  seq: z.number().int().positive(),
  headHash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string().min(1),
  keyId: z.string(),
  publicKey: z.string(),
  signature: z.string(),
  note: z.string().max(10_000).nullable().optional(),
});
const fileShape = z.union([checkpointFile, z.array(checkpointFile)]);

export function publishCheckpoint(dir: string, c: Checkpoint): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `checkpoint-${String(c.seq).padStart(12, '0')}.json`);
  // Write then rename: a mirror never sees half a file.
  writeFileSync(`${path}.tmp`, `${JSON.stringify(c, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
  return path;
}

const parse = (text: string, where: string): Checkpoint[] => {
  const value: unknown = JSON.parse(text);
  // A saved tRPC answer ({ result: { data } }, or a batch of them) is accepted as it was fetched.
  const unwrap = (v: unknown): unknown =>
    v && typeof v === 'object' && 'result' in v ? (v as { result: { data: unknown } }).result.data : v;
  const data =
    Array.isArray(value) && value.some((v) => v && typeof v === 'object' && 'result' in v)
      ? value.flatMap((v) => unwrap(v) as unknown[])
      : unwrap(value);
  const checked = fileShape.safeParse(data);
  if (!checked.success)
    throw new Error(
      `${where}: not a checkpoint file (${checked.error.issues[0]?.path.join('.') || 'root'}: ${checked.error.issues[0]?.message})`,
    );
  return Array.isArray(checked.data) ? checked.data : [checked.data];
};

/** Reads checkpoints from a file, every `*.json` in a directory, or the public feed at a URL (paged to the start). */
export async function readCheckpoints(source: string): Promise<Checkpoint[]> {
  if (/^https?:\/\//.test(source)) {
    const base = source.includes('kernel.audit.checkpoints')
      ? source.split('?')[0]!
      : `${source.replace(/\/$/, '')}/trpc/kernel.audit.checkpoints`;
    const out: Checkpoint[] = [];
    for (let before: number | undefined; ;) {
      const input = encodeURIComponent(JSON.stringify({ limit: 1000, ...(before ? { beforeSeq: before } : {}) }));
      const res = await fetch(`${base}?input=${input}`);
      if (!res.ok) throw new Error(`${base}: HTTP ${res.status}`);
      const page = parse(await res.text(), base);
      out.push(...page);
      if (page.length < 1000) return out;
      before = Math.min(...page.map((c) => c.seq));
    }
  }
  if (!existsSync(source)) throw new Error(`${source}: no such file or directory`);
  if (statSync(source).isDirectory()) {
    return readdirSync(source)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .flatMap((f) => parse(readFileSync(join(source, f), 'utf8'), join(source, f)));
  }
  return parse(readFileSync(source, 'utf8'), source);
}
