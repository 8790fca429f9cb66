/**
 * `chengxin audit witness` — a witness of the audit log, run by someone other than the log's operator, on another
 * machine or at least in another process with its own key. It follows the log's checkpoint feed over HTTP and, for
 * each new checkpoint: checks the log's signature (the log's verifier key it was given), checks that the new tree
 * extends the last one it saw (a consistency proof fetched from the log, checked here), cosigns the checkpoint with
 * its own key (C2SP cosignature/v1), keeps the cosigned note in its state directory and posts the cosignature back to
 * the log. A log that rewrote history, or shows this witness a different tree than it showed before, gets no
 * cosignature; the witness stops and says why.
 *
 *   audit witness --log <URL> --log-key <verifier key> --state <dir> [--name <witness name>] [--once | --interval <s>]
 *
 * The witness key lives in <state>/witness.pem (made on first run); its verifier key is printed, for the log's
 * CHENGXIN_WITNESS_KEYS and for verifiers (`audit verify --require-witness <key>`).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import {
  fromHex,
  parseCheckpoint,
  parseVerifierKey,
  verifyConsistency,
  verifyNote,
  toHex,
} from '@chengxin/contract/tlog';
import { cosignatureLine, noteBody, witnessVerifierKey } from '@chengxin/kernel';

export interface WitnessState {
  size: number;
  rootHash: string;
}

export interface WitnessOptions {
  log: string;
  logKey: string;
  stateDir: string;
  name: string;
}

const flag = (args: string[], name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

async function trpc<T>(base: string, path: string, input: unknown, method: 'GET' | 'POST' = 'GET'): Promise<T> {
  const url =
    method === 'GET'
      ? `${base}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input ?? {}))}`
      : `${base}/trpc/${path}`;
  const res = await fetch(url, {
    method,
    ...(method === 'POST' ? { body: JSON.stringify(input), headers: { 'content-type': 'application/json' } } : {}),
  });
  const body = (await res.json()) as { result?: { data: T }; error?: { message: string } };
  if (!res.ok || !body.result) throw new Error(`${path}: HTTP ${res.status} ${body.error?.message ?? ''}`);
  return body.result.data;
}

export function witnessKey(stateDir: string): KeyObject {
  mkdirSync(stateDir, { recursive: true });
  const file = join(stateDir, 'witness.pem');
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  return createPrivateKey(readFileSync(file, 'utf8'));
}

const readState = (dir: string): WitnessState | null =>
  existsSync(join(dir, 'state.json'))
    ? (JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as WitnessState)
    : null;
const writeState = (dir: string, s: WitnessState) => {
  writeFileSync(join(dir, 'state.json.tmp'), JSON.stringify(s));
  renameSync(join(dir, 'state.json.tmp'), join(dir, 'state.json'));
};

/** One round: returns the cosigned note, or null when there was nothing new. Throws (and cosigns nothing) on a fork. */
export async function witnessOnce(o: WitnessOptions, log: (line: string) => void): Promise<string | null> {
  const key = witnessKey(o.stateDir);
  const logKey = await parseVerifierKey(o.logKey);
  const [newest] = await trpc<{ seq: number; note?: string | null }[]>(o.log, 'kernel.audit.checkpoints', { limit: 1 });
  if (!newest?.note) return null;
  const checked = await verifyNote(newest.note, [logKey]);
  if (!checked.verified.includes(logKey.name))
    throw new Error(`checkpoint ${newest.seq} is not signed by the log's key ${logKey.name}: not cosigned`);
  const body = parseCheckpoint(checked.text);
  const root = toHex(body.rootHash);
  const last = readState(o.stateDir);
  if (last) {
    if (body.size < last.size)
      throw new Error(`the log went back from size ${last.size} to ${body.size} (rolled back): not cosigned`);
    if (body.size === last.size) {
      if (root !== last.rootHash) throw new Error(`two different trees of size ${body.size} (a fork): not cosigned`);
      return null;
    }
    const proof = await trpc<{ path: string[] }>(o.log, 'kernel.audit.consistencyProof', {
      from: last.size,
      to: body.size,
    });
    const consistent = await verifyConsistency(
      last.size,
      body.size,
      proof.path.map(fromHex),
      fromHex(last.rootHash),
      body.rootHash,
    );
    if (!consistent)
      throw new Error(`size ${body.size} does not extend the size ${last.size} this witness saw (history rewritten)`);
  }
  const line = cosignatureLine(o.name, key, noteBody(newest.note));
  const cosigned = `${newest.note}${line}\n`;
  writeFileSync(join(o.stateDir, `cosigned-${String(body.size).padStart(12, '0')}.note`), cosigned);
  writeState(o.stateDir, { size: body.size, rootHash: root });
  const { accepted } = await trpc<{ accepted: boolean }>(
    o.log,
    'kernel.audit.cosign',
    { size: body.size, line },
    'POST',
  );
  log(
    `cosigned size ${body.size} root ${root}${accepted ? '' : ' (the log did not accept it: is this witness in its CHENGXIN_WITNESS_KEYS?)'}`,
  );
  return cosigned;
}

export async function witnessCommand(args: string[], log: (line: string) => void): Promise<number> {
  const logUrl = flag(args, '--log');
  const logKey = flag(args, '--log-key');
  const stateDir = flag(args, '--state');
  if (!logUrl || !logKey || !stateDir)
    throw new Error(
      'use: chengxin audit witness --log <URL> --log-key <verifier key> --state <dir> [--name <name>] [--once | --interval <s>]',
    );
  const o: WitnessOptions = {
    log: logUrl.replace(/\/$/, ''),
    logKey,
    stateDir,
    name: flag(args, '--name') ?? 'witness',
  };
  log(`见证人 witness ${o.name}; verifier key ${witnessVerifierKey(o.name, witnessKey(stateDir))}`);
  if (args.includes('--once')) {
    await witnessOnce(o, log);
    return 0;
  }
  const seconds = Number(flag(args, '--interval') ?? 5) || 5;
  for (;;) {
    try {
      await witnessOnce(o, log);
    } catch (e) {
      log(`✗ ${e instanceof Error ? e.message : String(e)}`);
      return 2;
    }
    await new Promise((r) => setTimeout(r, seconds * 1000));
  }
}
