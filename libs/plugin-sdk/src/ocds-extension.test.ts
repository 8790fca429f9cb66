import { describe, expect, it } from 'vitest';
import { checkExtensionFields, mergePatch, ocdsExtensionFile, ocdsExtensionUri } from './ocds-extension';
import { checkOcdsPackage } from './ocds-publish';

const envelope = (plugin: string, release: Record<string, unknown>) => ({
  uri: 'https://example.gov.cn/p',
  version: '1.1',
  publishedDate: '2026-12-01T00:00:00+08:00',
  publisher: { name: 'x' },
  extensions: [ocdsExtensionUri(plugin)],
  releases: [
    {
      ocid: 'ocds-cx0000-1',
      id: '1',
      date: '2026-12-01T00:00:00+08:00',
      tag: ['contract'],
      initiationType: 'tender',
      ...release,
    },
  ],
});

describe('our OCDS extensions', () => {
  it('applies a release-schema patch as a JSON Merge Patch (RFC 7386)', () => {
    expect(mergePatch({ a: { b: 1, c: 2 }, d: [1] }, { a: { b: null, e: 3 }, d: [2] })).toEqual({
      a: { c: 2, e: 3 },
      d: [2],
    });
  });

  it('validates our fields against the release schema as each extension patches it, naming the path', () => {
    const contract = (k: Record<string, unknown>) => ({ contracts: [{ id: 'C1', awardID: 'A1', ...k }] });
    expect(
      checkExtensionFields(envelope('procurement', contract({ paymentTermDays: 30, lateInterestPpmPerDay: 500 }))),
    ).toEqual([]);
    expect(checkExtensionFields(envelope('procurement', contract({ paymentTermDays: 61 })))).toEqual([
      { path: 'releases[0].contracts[0].paymentTermDays', problem: expect.stringContaining('<= 60') },
    ]);
    expect(
      checkExtensionFields(
        envelope(
          'procurement',
          contract({
            implementation: {
              milestones: [
                { id: 'm', code: 'acceptance' },
                { id: 'n', code: 'party' },
              ],
            },
          }),
        ),
      ).map((i) => i.path),
    ).toEqual(['releases[0].contracts[0].implementation.milestones[1].code']);
    expect(checkExtensionFields(envelope('ppp', contract({ paymentMechanism: 'tolls' }))).map((i) => i.path)).toEqual([
      'releases[0].contracts[0].paymentMechanism',
    ]);
    expect(
      checkExtensionFields(
        envelope('ppp', contract({ paymentMechanism: 'viability_gap', milestones: [{ id: 'm', code: 'payment' }] })),
      ),
    ).toEqual([]);
    expect(
      checkExtensionFields(envelope('bidding', { tender: { id: 'T', mustTender: 'yes' } })).map((i) => i.path),
    ).toEqual(['releases[0].tender.mustTender']);
    // A package that does not list our extension is not held to it; checkOcdsPackage runs the same check.
    expect(
      checkExtensionFields({ ...envelope('bidding', { tender: { id: 'T', mustTender: 'yes' } }), extensions: [] }),
    ).toEqual([]);
    expect(checkOcdsPackage(envelope('bidding', { tender: { id: 'T', mustTender: 'yes' } }))).toContainEqual({
      path: 'releases[0].tender.mustTender',
      problem: expect.stringContaining('bidding extension'),
    });
  });

  it('serves only the files an extension names, with an absolute documentation URL', () => {
    const ext = JSON.parse(ocdsExtensionFile('ppp', 'extension.json')!.body) as Record<string, unknown>;
    expect(ext).toMatchObject({
      compatibility: ['1.1'],
      schemas: ['release-schema.json'],
      codelists: ['paymentMechanism.csv', 'milestoneCode.csv'],
      documentationUrl: { en: expect.stringMatching(/^https?:\/\/.*\/api\/v1\/ocds\/extensions\/ppp\/README\.md$/) },
    });
    expect(ocdsExtensionFile('ppp', 'codelists/paymentMechanism.csv')!.body).toMatch(/^Code,Title,Description\n/);
    expect(ocdsExtensionFile('bidding', 'README.md')!.contentType).toMatch(/markdown/);
    for (const [p, f] of [
      ['ppp', '../bidding/extension.json'],
      ['ppp', 'codelists/../../../package.json'],
      ['kernel', 'extension.json'],
      ['bidding', 'codelists/milestoneCode.csv'],
    ] as const)
      expect(ocdsExtensionFile(p, f)).toBeNull();
  });
});
