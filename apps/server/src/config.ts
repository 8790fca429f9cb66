import { join, resolve } from 'node:path';

export interface ServerConfig {
  port: number;
  host: string;
  /** PostgreSQL when set; otherwise embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  keyFile: string;
  /** Mark cookies Secure and send HSTS: set when served behind TLS. */
  secure: boolean;
  /** Trust X-Forwarded-For for client addresses (login throttling) — only behind your own proxy. */
  trustProxy: boolean;
  /** The checkpoint interval the verifier allows: entries older than 2× this and uncovered are named. */
  checkpointMinutes: number;
  /** How often the sequencer places committed audit entries in the Merkle tree (CHENGXIN_SEQUENCER_MS, default 250). */
  sequencerMs: number;
  /** How often, at most, a grown tree is signed (CHENGXIN_CHECKPOINT_SECONDS, default 1). */
  checkpointSeconds: number;
  /** Where each signed checkpoint is also written as a file, outside the database (CHENGXIN_CHECKPOINT_DIR). */
  checkpointDir: string | undefined;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const dataDir = resolve(env['CHENGXIN_DATA_DIR'] ?? './data');
  return {
    port: Number(env['PORT'] ?? 3000),
    host: env['HOST'] ?? '127.0.0.1',
    databaseUrl: env['DATABASE_URL'] || undefined,
    dataDir,
    keyFile: env['CHENGXIN_KEY_FILE'] ?? join(dataDir, 'keys', 'data.key'),
    secure: env['CHENGXIN_SECURE'] === '1',
    trustProxy: env['CHENGXIN_TRUST_PROXY'] === '1',
    checkpointMinutes: Number(env['CHENGXIN_CHECKPOINT_MINUTES'] ?? 15) || 15,
    sequencerMs: Number(env['CHENGXIN_SEQUENCER_MS'] ?? 250) || 250,
    checkpointSeconds: Number(env['CHENGXIN_CHECKPOINT_SECONDS'] ?? 1) || 1,
    checkpointDir: env['CHENGXIN_CHECKPOINT_DIR'] ? resolve(env['CHENGXIN_CHECKPOINT_DIR']) : undefined,
  };
}
