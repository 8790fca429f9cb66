/** Starts a real server on a free port over a fresh test database, with one user per role. */
import { migrate, type EngineKind } from '@chengxin/db';
import { createTestDatabase, type TestDatabase } from '@chengxin/db/testing';
import { createUser, TEST_SECRETS } from '@chengxin/kernel';
import { buildFixture, testContext, type Fixture } from '@chengxin/kernel/testing';
import { listen } from './http';
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

export async function startTestServer(engine: EngineKind): Promise<TestServer> {
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
  const { url, close } = await listen({
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
