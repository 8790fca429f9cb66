/** Starts a real server on a free port over a fresh test database, with one user per role. */
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { migrate, type EngineKind } from '@chengxin/db';
import { createTestDatabase, type TestDatabase } from '@chengxin/db/testing';
import { createUser, TEST_SECRETS } from '@chengxin/kernel';
import { buildFixture, testContext, type Fixture } from '@chengxin/kernel/testing';
import { createRequestHandler } from './http';
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
  const server: Server = createServer(createRequestHandler({ database, secrets: TEST_SECRETS }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
