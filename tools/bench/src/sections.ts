import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * docs/BENCHMARKS.md is written by several benchmarks: the main one owns the top of the file, each other one a section
 * between `<!-- <name>-bench:start -->` and `<!-- <name>-bench:end -->`, which every writer carries over untouched.
 */
export const BENCHMARKS_FILE = join(import.meta.dirname, '..', '..', '..', 'docs', 'BENCHMARKS.md');
export const marks = (name: string) => ({ start: `<!-- ${name}-bench:start -->`, end: `<!-- ${name}-bench:end -->` });

/** Every named section of a BENCHMARKS.md text, in order. */
export function sectionsOf(text: string): string[] {
  return [...text.matchAll(/<!-- ([a-z-]+)-bench:start -->[\s\S]*?<!-- \1-bench:end -->/g)].map((m) => m[0]);
}

/** The main benchmark's report followed by the named sections already in the file. */
export function writeMainReport(out: string, report: string): void {
  const kept = existsSync(out) ? sectionsOf(readFileSync(out, 'utf8')) : [];
  writeFileSync(out, kept.length ? `${report}\n\n${kept.join('\n\n')}\n` : report);
}

/** Replaces (or appends) one named section; `body` is its text without the markers. */
export function writeSection(name: string, body: string, out = BENCHMARKS_FILE): string {
  const { start, end } = marks(name);
  const text = `${start}\n${body}\n${end}`;
  const current = existsSync(out) ? readFileSync(out, 'utf8') : '# Benchmarks\n';
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  writeFileSync(
    out,
    from >= 0 && to > from
      ? `${current.slice(0, from)}${text}${current.slice(to + end.length)}`
      : `${current.trimEnd()}\n\n${text}\n`,
  );
  return text;
}
