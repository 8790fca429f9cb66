import fc from 'fast-check';
import { rows } from '@chengxin/db';
import type { TestDatabase } from '@chengxin/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedTestDatabase, testEngines } from '../core/testing';
import { TEST_SECRETS } from '../core';
import { useAuditMacKey } from './mac';
import { appendAudit } from './chain';
import { sequenceAudit, sequenceBatch } from './sequencer';
import { verifyAudit } from './verify';

/**
 * Concurrent writers under random interleavings (fast-check picks the writers, the entities they touch, the pauses
 * inside their transactions and when the sequencer runs) produce a log whose order is a serial history: for every
 * entity, its entries in leaf order chain before → after exactly as the writes happened under its lock, every
 * committed entry is placed exactly once, and no rolled-back entry is. On PGlite transactions are serialised by the
 * engine, so the interleaving is of whole transactions and sequencer runs.
 */
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(testEngines())('the sequencer under concurrent writers on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await migratedTestDatabase(engine);
    useAuditMacKey(TEST_SECRETS.audit.macKey!);
  }, 60_000);
  afterAll(async () => database?.dispose());

  it('places committed entries in an order consistent with the writes, whatever the interleaving', async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            entity: fc.integer({ min: 0, max: 3 }),
            entries: fc.integer({ min: 1, max: 3 }),
            pauseMs: fc.integer({ min: 0, max: 8 }),
            rollback: fc.integer({ min: 0, max: 6 }).map((n) => n === 0),
          }),
          { minLength: 2, maxLength: 12 },
        ),
        fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 4 }),
        async (writes, sequencerPauses) => {
          const tag = `prop${++round}`;
          const write = async (w: (typeof writes)[number]) => {
            const entityId = `${tag}-${w.entity}`;
            try {
              await database.db.transaction(async (tx) => {
                // The entity's lock (as a row lock would be), then the entity's last state under it.
                await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${entityId}))`);
                const [last] = await rows<{ after_digest: string | null }>(
                  tx,
                  sql`select after_digest from kernel.audit_log where entity = 'prop' and entity_id = ${entityId} order by seq desc limit 1`,
                );
                let state = Number(last?.after_digest ?? 0);
                await pause(w.pauseMs);
                await appendAudit(
                  tx,
                  null,
                  Array.from({ length: w.entries }, () => ({
                    action: 'prop.write',
                    entity: 'prop',
                    entityId,
                    before: String(state),
                    after: String(++state),
                  })),
                );
                await pause(w.pauseMs);
                if (w.rollback) throw new Error('rollback');
              });
            } catch (e) {
              if (!(e instanceof Error && e.message === 'rollback')) throw e;
            }
          };
          const sequencer = async () => {
            for (const p of sequencerPauses) {
              await pause(p);
              await sequenceBatch(database.db, 3);
            }
          };
          await Promise.all([...writes.map(write), sequencer()]);
          await sequenceAudit(database.db);
          const placed = await rows<{
            entity_id: string;
            before_digest: string;
            after_digest: string;
            leaf_index: string;
          }>(
            database.db,
            sql`select entity_id, before_digest, after_digest, leaf_index from kernel.audit_log where entity_id like ${`${tag}-%`} order by leaf_index`,
          );
          const committed = writes.filter((w) => !w.rollback).reduce((n, w) => n + w.entries, 0);
          expect(placed).toHaveLength(committed);
          const state = new Map<string, number>();
          for (const p of placed) {
            expect(p.leaf_index).not.toBeNull();
            expect(Number(p.before_digest)).toBe(state.get(p.entity_id) ?? 0);
            state.set(p.entity_id, Number(p.after_digest));
          }
        },
      ),
      { numRuns: engine === 'pglite' ? 15 : 30 },
    );
    // The whole log: leaves contiguous, the tree recomputes, nothing waiting.
    const report = await verifyAudit(database.db, { ...TEST_SECRETS.audit });
    expect(report.problems).toEqual([]);
    expect(report.pending).toBe(0);
  }, 300_000);
});
