/**
 * The production build of the server: one ESM bundle, `apps/server/dist/cli.mjs`, run with `node` (no tsx at run
 * time). Workspace code (apps/server, libs/*, plugins/*) is bundled; every npm package stays external and is loaded from
 * node_modules at run time (native and wasm packages — PGlite, postgres, argon2, sharp — and the packages that read
 * their own files: fonts, swagger-ui-dist, chinese-days).
 *
 * Files read at run time relative to a source file (`new URL('../../migrations', import.meta.url)`) are copied into
 * dist under their repository paths, and each bundled file's `import.meta.url` is rewritten to its repository path
 * below dist, so every such URL resolves inside dist: the kernel's and each plugin's migrations, the SDK's OCDS
 * extensions, the REST face's assets, and the built consoles when they exist (apps/admin/dist, apps/portal/dist).
 *
 * Usage: node apps/server/build.mjs [--out <dir>]   (Nx: `nx run @chengxin/server:build`, run by `npm start`)
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '../..');
const outFlag = process.argv.indexOf('--out');
const out = outFlag >= 0 ? resolve(process.argv[outFlag + 1]) : join(root, 'apps/server/dist');
/** Directories the consoles are built into; copied when present (the server serves what exists). */
const CONSOLES = ['apps/admin/dist', 'apps/portal/dist'];

const assets = new Set();
const inWorkspace = (file) => !relative(root, file).startsWith('..') && !file.includes(`${sep}node_modules${sep}`);

/** Bundle the workspace, leave npm packages to node_modules. */
const workspaceOnly = {
  name: 'workspace-only',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@chengxin/') || isAbsolute(args.path)) return undefined;
      return { path: args.path, external: true };
    });
  },
};

/** `import.meta.url` of a workspace file → its repository path below dist; literal sibling URLs become assets to copy. */
const metaUrl = {
  name: 'import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?tsx?$/ }, (args) => {
      if (!inWorkspace(args.path)) return undefined;
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const rel = relative(root, args.path).split(sep).join('/');
      for (const m of text.matchAll(/new URL\(\s*(['"])([^'"]+)\1\s*,\s*import\.meta\.url\s*\)/g)) {
        const target = fileURLToPath(new URL(m[2], pathToFileURL(args.path)));
        if (existsSync(target)) assets.add(relative(root, target));
      }
      return {
        contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`),
        loader: args.path.endsWith('x') ? 'tsx' : 'ts',
      };
    });
  },
};

const started = Date.now();
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { cli: 'apps/server/src/cli.ts' },
  outdir: out,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  sourcemap: 'linked',
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  plugins: [workspaceOnly, metaUrl],
});
// The source's hashbang runs tsx; the bundle runs on node alone.
const entry = join(out, 'cli.mjs');
writeFileSync(entry, readFileSync(entry, 'utf8').replace(/^#!.*\n/, '#!/usr/bin/env node\n'), { mode: 0o755 });
for (const dir of CONSOLES) if (existsSync(join(root, dir, 'index.html'))) assets.add(dir);
for (const a of [...assets].sort()) cpSync(join(root, a), join(out, a), { recursive: true });
const externals = new Set(
  Object.values(result.metafile.outputs).flatMap((o) =>
    o.imports
      .filter((i) => i.external && !i.path.startsWith('node:'))
      .map((i) =>
        i.path
          .split('/')
          .slice(0, i.path.startsWith('@') ? 2 : 1)
          .join('/'),
      ),
  ),
);
writeFileSync(
  join(out, 'build.json'),
  `${JSON.stringify({ builtAt: new Date().toISOString(), entry: 'cli.mjs', assets: [...assets].sort(), externals: [...externals].sort() }, null, 2)}\n`,
);
process.stdout.write(
  `server built into ${relative(root, out) || out} in ${Date.now() - started} ms: cli.mjs, ${assets.size} asset folder(s), ${externals.size} external package(s)\n`,
);
