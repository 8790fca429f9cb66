import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Whoever clones the repository must be able to follow every citation in it. The team's working notes (the domain,
// design and stack documents) live outside the repository; what the code relies on is written down in docs/, and
// that is what files cite. A citation of one of those documents counts when it names a file the repository holds:
// by its path (from the root or from the citing file) or, written bare, by a name some tracked file has.

const root = resolve(import.meta.dirname, '..', '..');
const self = relative(root, import.meta.filename);
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
  cwd: root,
  encoding: 'utf8',
})
  .split('\0')
  .filter((f) => f && f !== self && statSync(join(root, f), { throwIfNoEntry: false })?.isFile());
const tracked = new Set(files.map((f) => basename(f)));

/** A mention of the notes' names, with whatever path is written before it. */
const NOTE = /(?:[\w.-]*\/)*(?:DOMAIN|DESIGN|STACK)\.md/g;
/** The notes' directory beside the repository, however it is reached. */
const OUTSIDE = /\.\.\/shared\b|\/work\/shared\b/;

function resolves(file: string, cited: string): boolean {
  if (!cited.includes('/')) return tracked.has(cited);
  const candidates = [join(root, cited), join(root, dirname(file), cited)];
  return candidates.some((c) => !relative(root, c).startsWith('..') && existsSync(c));
}

describe('citations stay inside the repository', () => {
  it('no file points at the notes outside it, by path or by a name the repository does not hold', () => {
    const offending: string[] = [];
    for (const file of files) {
      const buffer = readFileSync(join(root, file));
      if (buffer.includes(0)) continue; // images, fonts
      buffer
        .toString('utf8')
        .split('\n')
        .forEach((line, i) => {
          const bad = OUTSIDE.test(line) || [...line.matchAll(NOTE)].some((m) => !resolves(file, m[0]));
          if (bad) offending.push(`${file}:${i + 1}: ${line.trim().slice(0, 140)}`);
        });
    }
    expect(offending, `cite docs/ instead:\n${offending.join('\n')}`).toEqual([]);
  });
});
