/**
 * `npm run ocds:check -- <package.json> [--adapt]` — the real-data check of the procurement OCDS import: a release or
 * record package (a publisher's file, e.g. open-contracting/sample-data's fictional example or a national feed) is
 * imported into a fresh embedded database with the demo fixture, the daily scan runs, and the report says, per
 * contract in the package, whether it was stored or refused (with its path), the notices, and every draft proposed.
 * Exit code 1 if any contract was neither stored nor refused (silent loss).
 *   --adapt   rewrite what a Chinese publisher would send differently: the first buyer becomes a demo body's 统一社会信用代码,
 *             other parties get valid demo codes (scheme CN-USCC), every currency becomes CNY.
 */
import { readFileSync } from 'node:fs';
import { ocdsArray, ocdsObject, ocdsProcesses, rows, sql, type OcdsJson } from '@chengxin/plugin-sdk';
import { adaptOcdsPackage, createPluginHarness } from '@chengxin/plugin-sdk/testing';
import { procurementPlugin } from '@chengxin/plugin-procurement';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: npm run ocds:check -- <package.json> [--adapt]\n');
  process.exit(2);
}
const log = (line: string) => process.stdout.write(`${line}\n`);
let pkg = JSON.parse(readFileSync(file, 'utf8')) as OcdsJson;

if (process.argv.includes('--adapt')) pkg = adaptOcdsPackage(pkg);

const h = await createPluginHarness(procurementPlugin, 'pglite');
try {
  await h.enable(null);
  const result = await h.caller('officer').plugin.contracts.importOcds({ package: pkg });
  log(
    `releases ${result.releases}, processes ${result.processes}: imported ${result.imported}, updated ${result.updated}, unchanged ${result.unchanged}, pending ${result.pending}`,
  );
  for (const e of result.errors) log(`  refused  ${e.field}: ${e.messageEn}`);
  for (const n of result.notices) log(`  notice   ${n.field}: ${n.messageEn}`);
  // Every contract of the package is stored or refused with its path.
  let lost = 0;
  for (const p of ocdsProcesses(pkg).processes) {
    const compiled = p.compiled.release;
    for (const [j, k] of ocdsArray(compiled['contracts']).entries()) {
      const id = String(ocdsObject(k)?.['id']);
      const [stored] = await rows<{ n: number }>(
        h.database.db,
        sql`select count(*)::int as n from procurement.contract where ocid = ${p.compiled.ocid} and ocds_contract_id = ${id}`,
      );
      const refused = result.errors.some((e) => e.ocid === p.compiled.ocid);
      if (!stored!.n && !refused) {
        lost += 1;
        log(`  LOST     ${p.compiled.locate(`contracts[${j}]`)}`);
      }
    }
  }
  const report = await h.scan(process.env['CHENGXIN_TODAY'] ?? new Date().toISOString().slice(0, 10));
  log(`scan: ${report.scanned} contracts, ${report.breaches} breaches proposed as drafts`);
  for (const d of await rows<{ source: string; facts: string }>(
    h.database.db,
    sql`
    select r.source_id as source, v.facts from kernel.credit_record r join kernel.credit_record_version v on v.record_id = r.id and v.version = r.current_version where r.type_key like 'procurement.%'`,
  )) {
    log(`  draft    ${d.source}: ${d.facts}`);
  }
  log(lost ? `${lost} contract(s) lost silently` : 'no contract lost: each stored or refused with its path');
  process.exitCode = lost ? 1 : 0;
} finally {
  await h.dispose();
}
