import { describe, expect, it } from 'vitest';
import { compileReleases } from './ocds-merge';
import { ocdsProcesses } from './ocds';

const r = (id: string, date: string, body: Record<string, unknown>) => ({
  ocid: 'ocds-x-1',
  id,
  date,
  tag: ['tender'],
  initiationType: 'tender',
  ...body,
});

describe('OCDS compiled release (the 1.1 merge routine)', () => {
  it('merges by date whatever the order sent, objects field by field, arrays of objects by id, and null removes', () => {
    const tender = r('1', '2026-03-01T09:00:00+08:00', {
      tender: {
        id: 't',
        title: '采购',
        tenderPeriod: { startDate: '2026-03-01', endDate: '2026-03-21' },
        items: [{ id: 'i1', quantity: 1 }],
      },
    });
    const amendment = r('2', '2026-03-10T09:00:00+08:00', {
      tender: {
        id: 't',
        tenderPeriod: { endDate: '2026-03-31' },
        items: [
          { id: 'i2', quantity: 2 },
          { id: 'i1', quantity: 5 },
        ],
        description: null,
      },
    });
    const award = r('3', '2026-04-10T09:00:00+08:00', {
      awards: [{ id: 'a1', status: 'active' }],
      tender: { title: null },
    });
    const out = compileReleases('ocds-x-1', [
      { release: award, at: 'releases[0]' },
      { release: tender, at: 'releases[1]' },
      { release: amendment, at: 'releases[2]' },
    ]);
    expect(out.release).toEqual({
      ocid: 'ocds-x-1',
      id: 'ocds-x-1-2026-04-10T09:00:00+08:00',
      date: '2026-04-10T09:00:00+08:00',
      tag: ['compiled'],
      initiationType: 'tender',
      tender: {
        id: 't',
        tenderPeriod: { startDate: '2026-03-01', endDate: '2026-03-31' },
        items: [
          { id: 'i1', quantity: 5 },
          { id: 'i2', quantity: 2 },
        ],
      },
      awards: [{ id: 'a1', status: 'active' }],
    });
    expect(out.sources).toEqual(['releases[1]', 'releases[2]', 'releases[0]']);
    // Each value is located in the release that gave it.
    expect(out.locate('tender.tenderPeriod.endDate')).toBe('releases[2].tender.tenderPeriod.endDate');
    expect(out.locate('tender.tenderPeriod.startDate')).toBe('releases[1].tender.tenderPeriod.startDate');
    expect(out.locate('tender.items[1].quantity')).toBe('releases[2].tender.items[0].quantity');
    expect(out.locate('awards[0].date')).toBe('releases[0].awards[0].date');
    expect(out.locate('contracts')).toBe('releases[0].contracts');
  });

  it('replaces literal arrays, wholeListMerge fields and arrays of objects without ids; an empty object array changes nothing', () => {
    const a = r('1', '2026-01-01T00:00:00Z', {
      tag: ['planning'],
      parties: [
        {
          id: 'p',
          roles: ['buyer', 'payer'],
          additionalIdentifiers: [
            { id: 'x', scheme: 'A' },
            { id: 'y', scheme: 'B' },
          ],
        },
      ],
      links: [{ href: 'a' }],
      awards: [{ id: 'a' }],
    });
    const b = r('2', '2026-01-02T00:00:00Z', {
      parties: [{ id: 'p', roles: ['buyer'], additionalIdentifiers: [{ id: 'z', scheme: 'C' }] }],
      links: [{ href: 'b' }],
      awards: [],
    });
    expect(
      compileReleases('ocds-x-1', [
        { release: b, at: 'releases[0]' },
        { release: a, at: 'releases[1]' },
      ]).release,
    ).toMatchObject({
      parties: [{ id: 'p', roles: ['buyer'], additionalIdentifiers: [{ id: 'z', scheme: 'C' }] }],
      links: [{ href: 'b' }],
      awards: [{ id: 'a' }],
    });
  });

  it('groups a package by ocid and reads records, naming paths as sent', () => {
    const pkg = {
      releases: [
        r('2', '2026-02-01T00:00:00Z', { awards: [{ id: 'a' }] }),
        { ...r('1', '2026-01-01T00:00:00Z', {}), ocid: 'ocds-x-2' },
        r('1', '2026-01-01T00:00:00Z', {}),
        { id: 'no-ocid' },
      ],
    };
    const read = ocdsProcesses(pkg);
    expect(read.count).toBe(4);
    expect(read.processes.map((p) => [p.compiled.ocid, p.compiled.sources])).toEqual([
      ['ocds-x-1', ['releases[2]', 'releases[0]']],
      ['ocds-x-2', ['releases[1]']],
    ]);
    expect(read.errors.map((e) => e.field)).toEqual(['releases[3].ocid']);
    const records = ocdsProcesses({
      records: [
        {
          ocid: 'ocds-x-1',
          compiledRelease: { ocid: 'ocds-x-1', awards: [{ id: 'a' }] },
          releases: [{ url: 'https://example.org/p.json#1', date: '2026-01-01T00:00:00Z', tag: ['award'] }],
        },
        { ocid: 'ocds-x-2', releases: [r('9', '2026-01-05T00:00:00Z', { ocid: 'ocds-x-2', awards: [{ id: 'b' }] })] },
        { ocid: 'ocds-x-3', releases: [{ url: 'https://example.org/p.json#3', date: '2026-01-01T00:00:00Z' }] },
      ],
    });
    expect(records.processes.map((p) => p.compiled.locate('awards[0].date'))).toEqual([
      'records[0].compiledRelease.awards[0].date',
      'records[1].releases[0].awards[0].date',
    ]);
    expect(records.errors.map((e) => e.field)).toEqual(['records[2].compiledRelease']);
  });

  it('refuses to order a process whose releases lack a date', () => {
    const read = ocdsProcesses({ releases: [r('1', '2026-01-01T00:00:00Z', {}), { ocid: 'ocds-x-1', id: '2' }] });
    expect(read.processes).toEqual([]);
    expect(read.errors.map((e) => e.field)).toEqual(['releases[1].date']);
  });
});
