/** Runs crash-child.ts in its own process and lets a test wait for its progress lines before killing it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const CHILD = join(import.meta.dirname, 'crash-child.ts');

/** An administrative penalty's national disclosure fields (required once a record is submitted), as a CSV cell. */
export const PENALTY_CELL = '"{""penaltyCategories"":[""warning""],""penaltyContent"":""给予警告""}"';

export function startChild(args: string[]): {
  child: ChildProcess;
  output: () => string;
  waitFor: (re: RegExp) => Promise<void>;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const waiters: { re: RegExp; resolve: () => void }[] = [];
  const feed = (c: Buffer) => {
    out += c.toString();
    for (const w of [...waiters])
      if (w.re.test(out)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
  };
  child.stdout!.on('data', feed);
  child.stderr!.on('data', feed);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => out,
    exited,
    waitFor: (re) =>
      new Promise<void>((resolve, reject) => {
        if (re.test(out)) return resolve();
        waiters.push({ re, resolve });
        void exited.then(() => setTimeout(() => reject(new Error(`child exited before ${re}: ${out}`)), 50));
      }),
  };
}
