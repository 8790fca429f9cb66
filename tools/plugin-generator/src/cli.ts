/** `npm run new-plugin <id> [名称] [English name]` */
import { join } from 'node:path';
import { generatePlugin } from './generate';

const [id, nameZh, nameEn] = process.argv.slice(2);
if (!id) {
  process.stderr.write('usage: npm run new-plugin <id> [中文名称] [English name]\n');
  process.exit(2);
}
try {
  const dir = generatePlugin({ id, root: join(import.meta.dirname, '..', '..', '..'), ...(nameZh ? { nameZh } : {}), ...(nameEn ? { nameEn } : {}) });
  process.stdout.write(`created ${dir}\nnext: read its README.md (mount it in apps/server), then npm test\n`);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}
