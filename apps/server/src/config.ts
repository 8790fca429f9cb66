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
  };
}
