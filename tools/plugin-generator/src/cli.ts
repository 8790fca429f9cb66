/** `npm run new-plugin <id> [名称] [English name]` */
import { join } from 'node:path';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the registry generator is a repository script, not a package
import { generate, register } from '../../scripts/plugin-registry.mjs';
import { generatePlugin } from './generate';

const [id, nameZh, nameEn] = process.argv.slice(2);
if (!id) {
  process.stderr.write('usage: npm run new-plugin <id> [中文名称] [English name]\n');
  process.exit(2);
}
try {
  const dir = generatePlugin({
    id,
    root: join(import.meta.dirname, '..', '..', '..'),
    ...(nameZh ? { nameZh } : {}),
    ...(nameEn ? { nameEn } : {}),
  });
  // The one registration step: the registry list; everything else is generated from it.
  register(id);
  generate();
  process.stdout.write(
    `created ${dir}, registered it in plugins/registry.json and regenerated libs/api and apps/admin\nnext: npm install, read its README.md, then npm test\n`,
  );
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}
