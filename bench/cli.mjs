// End to end as a user runs it: `node dist/cli.js reconcile --reference … --records … --out … --as-of … --quiet`.
// This script only spawns the CLI and times it from outside; the CLI's peak RSS comes from /usr/bin/time.
// Usage: node bench/cli.mjs <data dir> <out dir> [extra CLI flags…]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_DIR, AS_OF, emit } from './common.mjs';

const [dir, out, ...extra] = process.argv.slice(2);
const cli = join(DIST_DIR, 'cli.js');


if (!existsSync(cli)) {
  emit({ scenario: 'cli', ok: false, skipped: 'CLI not available (dist/cli.js missing: run npm run build)' });
  process.exit(0);
}
// Probe: a CLI without the reconcile command fails fast on `reconcile --help`.
const probe = spawnSync(process.execPath, [cli, 'reconcile', '--help'], { encoding: 'utf8', timeout: 30_000 });
if (probe.status !== 0 || !/--reference/.test(`${probe.stdout}${probe.stderr}`)) {
  emit({ scenario: 'cli', ok: false, skipped: 'CLI not available (no `reconcile` command with --reference in dist/cli.js yet)' });
  process.exit(0);
}

const EXPECTED = ['worklist.csv', ...(extra.includes('--results') ? ['results.ndjson'] : []), 'stats.json'];
mkdirSync(out, { recursive: true });
const args = [cli, 'reconcile', '--reference', join(dir, 'reference.csv'), '--records', join(dir, 'records.csv'), '--out', out, '--as-of', AS_OF, '--quiet', ...extra];
// The CLI's own peak RSS: GNU time's %M (kB) written to a file, when /usr/bin/time exists.
const timeFile = join(out, '.peak-rss-kb');
rmSync(timeFile, { force: true });
const useTime = existsSync('/usr/bin/time');
const [cmd, cmdArgs] = useTime ? ['/usr/bin/time', ['-f', '%M', '-o', timeFile, process.execPath, ...args]] : [process.execPath, args];
const t0 = performance.now();
const res = spawnSync(cmd, cmdArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
const totalMs = performance.now() - t0;
let peakRssMb;
if (useTime && existsSync(timeFile)) {
  const kb = Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop());
  if (Number.isFinite(kb)) peakRssMb = kb / 1024;
}
const missing = EXPECTED.filter((f) => !existsSync(join(out, f)));
if (res.status !== 0 || missing.length > 0) {
  emit({
    scenario: 'cli',
    ok: false,
    skipped: `CLI failed (exit ${res.status ?? res.signal})${missing.length > 0 ? `; missing ${missing.join(', ')}` : ''}: ${(res.stderr ?? '').split('\n').filter(Boolean).slice(-2).join(' | ').slice(0, 300)}`,
    totalMs,
  });
  process.exit(0);
}
emit({ scenario: 'cli', ok: true, totalMs, phases: {}, ...(peakRssMb === undefined ? {} : { peakRssMb }), args: args.slice(1).map((a) => a.replace(dir, '<data>').replace(out, '<out>')) });
