/**
 * Runs the built `doisoat` bin the way a user does: `node dist/cli.js …` in a temporary folder.
 *
 * The bin is copied from dist/ into a private folder inside the repo (so bare imports such as
 * `commander` still resolve through node_modules): a rebuild of dist/ by someone else while the tests
 * run (tsup cleans the folder first) then cannot pull the file away mid-test.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const DIST = join(REPO, 'dist');

let binDir: string | undefined;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Builds dist/ once if it is missing, then snapshots it; returns the path of the bin to run. */
export function cliPath(): string {
  if (binDir !== undefined) return join(binDir, 'cli.js');
  // Another build may be in progress (dist/ is cleaned first): give it a moment before building ourselves.
  for (let i = 0; i < 60 && !existsSync(join(DIST, 'cli.js')); i++) sleep(500);
  if (!existsSync(join(DIST, 'cli.js'))) {
    const built = spawnSync('npx', ['tsup'], { cwd: REPO, encoding: 'utf8', shell: process.platform === 'win32' });
    if (built.status !== 0) throw new Error(`tsup failed:\n${built.stdout}\n${built.stderr}`);
  }
  const root = join(REPO, 'artifacts');
  mkdirSync(root, { recursive: true });
  const dir = mkdtempSync(join(root, 'cli-bin-'));
  for (let attempt = 0; ; attempt++) {
    try {
      cpSync(DIST, dir, { recursive: true, filter: (src) => !src.endsWith('.map') && !src.endsWith('.d.ts') && !src.endsWith('.d.cts') });
      if (!existsSync(join(dir, 'cli.js'))) throw new Error('dist/cli.js vanished during the copy');
      break;
    } catch (e) {
      if (attempt >= 20) throw e;
      sleep(1000);
    }
  }
  binDir = dir;
  return join(dir, 'cli.js');
}

const temporary: string[] = [];

/** Removes the snapshot of the bin and the temporary folders (call in afterAll). */
export function cleanup(): void {
  if (binDir !== undefined) rmSync(binDir, { recursive: true, force: true });
  binDir = undefined;
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `doisoat <args>` in `cwd`. GITHUB_STEP_SUMMARY is removed from the inherited environment so a test
 * run inside GitHub Actions never writes into the real job summary; pass it in `env` to test it.
 */
export function doisoat(args: readonly string[], options: { cwd: string; env?: Record<string, string> }): Run {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['GITHUB_STEP_SUMMARY'];
  delete env['FORCE_COLOR'];
  const r = spawnSync(process.execPath, [cliPath(), ...args], {
    cwd: options.cwd,
    env: { ...env, ...options.env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A new empty temporary folder. */
export function tempDir(prefix = 'doisoat-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

/** Reads a text file. */
export function read(path: string): string {
  return readFileSync(path, 'utf8');
}

/** Lines of a text file without the final empty one. */
export function lines(path: string): string[] {
  const text = read(path);
  const all = text.split(/\r?\n/);
  return all[all.length - 1] === '' ? all.slice(0, -1) : all;
}

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;

/**
 * Encodes text as Windows-1258, the way Vietnamese Windows exports store it: letters with a circumflex,
 * breve or horn (â, ơ, ư…) are single bytes and the tone mark follows as a combining byte.
 */
export function encodeWindows1258(text: string, high: string): Uint8Array {
  const bytes: number[] = [];
  const put = (ch: string): void => {
    const code = ch.charCodeAt(0);
    if (code < 0x80) bytes.push(code);
    else {
      const i = high.indexOf(ch);
      if (i < 0) throw new Error(`U+${code.toString(16)} has no Windows-1258 byte`);
      bytes.push(0x80 + i);
    }
  };
  for (const ch of text.normalize('NFC')) {
    if (ch.charCodeAt(0) < 0x80 || high.includes(ch)) {
      put(ch);
      continue;
    }
    const decomposed = ch.normalize('NFD');
    const base = decomposed.replace(TONES, '').normalize('NFC');
    for (const b of base) put(b);
    for (const t of decomposed.match(TONES) ?? []) put(t);
  }
  return new Uint8Array(bytes);
}
