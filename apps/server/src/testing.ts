/** Starts a real server on a free port over a fresh test database, with one user per role. */
import { migrate, type EngineKind } from '@chengxin/db';
import { createTestDatabase, type TestDatabase } from '@chengxin/db/testing';
import { createUser, TEST_SECRETS } from '@chengxin/kernel';
import { buildFixture, testContext, type Fixture } from '@chengxin/kernel/testing';
import { listen, type HttpOptions } from './http';
import { MIGRATION_OWNERS } from './system';

export const TEST_PASSWORD = 'test-password-123';
/** One city-wide user per built-in role (username = role) and one limited to 河西区 (`hexi.<role>`). */
export const TEST_ROLES = ['admin', 'officer', 'reviewer', 'viewer', 'auditor', 'personnel', 'evaluator'] as const;
export type TestRole = (typeof TEST_ROLES)[number];

export interface TestServer {
  url: string;
  database: TestDatabase;
  fixture: Fixture;
  /** Every line the server logged. */
  logs: string[];
  close(): Promise<void>;
}

/** `http`: more server options, made once the test database exists (read replicas of it, a metrics registry…). */
export async function startTestServer(
  engine: EngineKind,
  options: { http?: (database: TestDatabase) => Promise<Partial<HttpOptions>> } = {},
): Promise<TestServer> {
  const database = await createTestDatabase(engine);
  await migrate(database, MIGRATION_OWNERS);
  const ctx = testContext(database);
  const fixture = await buildFixture(ctx);
  for (const role of TEST_ROLES) {
    await createUser(ctx, {
      username: role,
      displayName: role,
      password: TEST_PASSWORD,
      orgId: null,
      grants: [{ role, scopeOrgId: null, plugins: null }],
    });
    // The same role limited to 河西区, for scope tests.
    await createUser(ctx, {
      username: `hexi.${role}`,
      displayName: `河西 ${role}`,
      password: TEST_PASSWORD,
      orgId: fixture.hexi,
      grants: [{ role, scopeOrgId: fixture.hexi, plugins: null }],
    });
  }
  const logs: string[] = [];
  const extra = options.http ? await options.http(database) : {};
  const { url, close } = await listen({
    ...extra,
    database,
    secrets: TEST_SECRETS,
    port: 0,
    host: '127.0.0.1',
    log: (line) => logs.push(line),
  });
  return {
    url,
    database,
    fixture,
    logs,
    async close() {
      await close();
      await database.dispose();
    },
  };
}
