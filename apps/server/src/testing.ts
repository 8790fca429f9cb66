/** Starts a real server on a free port over a fresh test database, with one user per role. */
import { migrate, type EngineKind } from '@chengxin/db';
import { createTestDatabase, type TestDatabase } from '@chengxin/db/testing';
import { createUser, TEST_SECRETS } from '@chengxin/kernel';
import { buildFixture, testContext, type Fixture } from '@chengxin/kernel/testing';
import { listen } from './http';
import { MIGRATION_OWNERS } from './system';

export const TEST_PASSWORD = 'test-password-123';

export interface TestServer {
  url: string;
  database: TestDatabase;
  fixture: Fixture;
  close(): Promise<void>;
}

export async function startTestServer(engine: EngineKind): Promise<TestServer> {
  const database = await createTestDatabase(engine);
  await migrate(database, MIGRATION_OWNERS);
  const ctx = testContext(database);
  const fixture = await buildFixture(ctx);
  for (const role of ['admin', 'officer', 'reviewer', 'viewer'] as const) {
    await createUser(ctx, { username: role, displayName: role, password: TEST_PASSWORD, roles: [role], orgId: null });
  }
  const { server, url } = await listen({ database, secrets: TEST_SECRETS, port: 0, host: '127.0.0.1' });
  return {
    url,
    database,
    fixture,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.dispose();
    },
  };
}
