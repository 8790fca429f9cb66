/**
 * The integrator's first script, against a running server (`npm start` in another terminal):
 *   npm run demo:client            (or: CHENGXIN_URL=http://host:3000 npm run demo:client)
 * Logs in with the typed client, records a 记大过 (major demerit) for a demo civil servant, takes it through review to
 * publication as two different officers, and prints the person's integrity file.
 */
import { createClient } from '@chengxin/client';

const url = process.env['CHENGXIN_URL'] ?? 'http://127.0.0.1:3000';
const password = process.env['CHENGXIN_DEMO_PASSWORD'] ?? 'Chengxin@2026';
const officer = createClient(url, { username: 'officer', password });
const reviewer = createClient(url, { username: 'reviewer', password });

const people = await officer.kernel.persons.search.query({ q: '', limit: 1 });
const person = people.items[0];
if (!person) throw new Error('no civil servants: is the demo data loaded?');
console.log(
  `civil servant: ${person.name} (${person.idNumberMasked}), ${person.orgName ?? '—'} ${person.postTitle ?? ''}`,
);

const draft = await officer.kernel.records.create.mutate({
  subject: { kind: 'person', personId: person.id },
  typeKey: 'disciplinary_sanction',
  sanctionType: 'major_demerit',
  severity: 'ordinary',
  facts: '在政府采购活动中违规干预评审，造成不良影响',
  legalBasis: '《中华人民共和国公职人员政务处分法》第三十九条',
  decisionNo: `津监〔2025〕${Math.floor(Math.random() * 900 + 100)}号`,
  decisionDate: '2025-08-31',
  issuingAuthority: '天津市监察委员会',
  disclosureScope: 'government',
});
await officer.kernel.records.submit.mutate({ recordId: draft.id });
await reviewer.kernel.records.approve.mutate({ recordId: draft.id });
const published = await reviewer.kernel.records.publish.mutate({ recordId: draft.id });
console.log(
  `record ${published.id}: ${published.status}, impact ${published.current.impactStart} → ${published.current.impactEnd} (exclusive)`,
);
for (const rule of published.current.rules)
  console.log(`  rule ${rule.ruleId}: ${rule.summaryZh} — ${rule.source.law} ${rule.source.article}`);

const file = await officer.kernel.files.get.query({ subject: { kind: 'person', personId: person.id } });
console.log(`integrity file as of ${file.asOf}: ${file.standing.summaryZh}`);
for (const group of file.groups) console.log(`  ${group.status}: ${group.records.length} record(s)`);
