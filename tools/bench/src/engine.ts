import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Database } from '@chengxin/db';
import { adminDatabaseUrl } from '@chengxin/db/testing';
import postgres from 'postgres';

/** A fresh benchmark database: `name` recreated on the PostgreSQL server, or a new PGlite directory under `work`. */
export async function openBenchEngine(
  kind: string,
  name: string,
  work: string,
  maxConnections: number,
): Promise<Database> {
  if (kind === 'postgres') {
    const admin = postgres(adminDatabaseUrl(), { max: 1, onnotice: () => undefined });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const url = new URL(adminDatabaseUrl());
    url.pathname = `/${name}`;
    return openDatabase({ databaseUrl: url.toString(), maxConnections });
  }
  rmSync(join(work, name), { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  return openDatabase({ dataDir: join(work, name) });
}
