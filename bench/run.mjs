// `npm run bench`: generates (or reuses) the data, runs each scenario in its own child process (so each peak
// RSS is its own), repeats, and prints a comparison table per size with ratios vs the papaparse floor and the
// DuckDB peer, plus link precision/recall against the generator's truth.
//
// Flags:
//   --sizes 100k,1m       sizes: "100k" = 100k citizens × 100k records, "1mx100k" = 1M × 100k (default 100k)
//   --repeat N            runs per scenario; the table shows medians (default 3)
//   --only floor,peer,library,cli,cli-results,cli-single,cli-cached  scenarios to run (default all)
//   --reference-only 10m  also index a reference of that size alone (time, RSS of buildReference, then
//                         also with the fuzzy linker's structures, as a CLI run builds them)
//   --seed S              generator seed (default 20250701)
//   --json FILE           also write the raw measurements as JSON
//   --no-eval             skip the fuzzy-linking evaluation (`doisoat eval`)
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Papa from 'papaparse';
import {
  BENCH_DIR,
  DATA_DIR,
  DEFAULT_SEED,
  DIST_DIR,
  LIB_URL,
  fmtCount,
  linkQuality,
  loadTruth,
  median,
  parseCount,
  parseSize,
} from './common.mjs';
import { ensureData, ensureReferenceOnly } from './generate.mjs';

const argv = process.argv.slice(2);
const flag = (name, dflt) => {
  const i = argv.indexOf(name);
  return i < 0 ? dflt : argv[i + 1];
};
const sizes = String(flag('--sizes', '100k')).split(',').filter(Boolean).map(parseSize);
const repeat = Math.max(1, Number(flag('--repeat', '3')));
const only = new Set(String(flag('--only', 'floor,peer,library,cli,cli-results,cli-single,cli-cached')).split(','));
const referenceOnly = flag('--reference-only', undefined);
const seed = Number(flag('--seed', String(DEFAULT_SEED)));
const jsonOut = flag('--json', undefined);
const log = (m) => process.stderr.write(`${m}\n`);
const lib = await import(LIB_URL);
const FUZZY_KINDS = new Set(Object.entries(lib.SAMPLE_KINDS).filter(([, v]) => v.path === 'fuzzy').map(([k]) => k));
const HAS_TIME = existsSync('/usr/bin/time');

/** Runs one scenario script in a child process; returns its JSON result with peakRssMb. */
function runScenario(script, args) {
  const rssFile = join(DATA_DIR, `.rss-${process.pid}`);
  rmSync(rssFile, { force: true });
  // Every scenario runs with the young generation the CLI gives itself (src/cli/tuneHeap.ts), floor included.
  const nodeArgs = ['--expose-gc', '--max-semi-space-size=64', join(BENCH_DIR, script), ...args];
  const [cmd, cmdArgs] = HAS_TIME ? ['/usr/bin/time', ['-f', '%M', '-o', rssFile, process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  const res = spawnSync(cmd, cmdArgs, { encoding: 'utf8', maxBuffer: 64 << 20, env: process.env });
  const last = (res.stdout ?? '').trim().split('\n').pop() ?? '';
  let out;
  try {
    out = JSON.parse(last);
  } catch {
    return { ok: false, skipped: `${script} failed (exit ${res.status ?? res.signal}): ${(res.stderr ?? '').trim().split('\n').slice(-3).join(' | ').slice(0, 400)}` };
  }
  let rss = out.selfPeakRssMb;
  if (HAS_TIME && existsSync(rssFile)) {
    const kb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
    if (Number.isFinite(kb)) rss = kb / 1024;
  }
  rmSync(rssFile, { force: true });
  // The CLI scenario measures the CLI process itself (the wrapper script is not what a user runs).
  return { ...out, peakRssMb: out.peakRssMb ?? rss };
}

async function linksFromNdjson(path) {
  const links = new Map();
  const rl = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) {
    if (line.trim() === '') continue;
    const r = JSON.parse(line);
    links.set(r.key, r.citizenId ?? '');
  }
  return links;
}

function linksFromCsv(path) {
  const links = new Map();
  const parsed = Papa.parse(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true });
  for (const r of parsed.data) links.set(r.key, r.citizenId ?? '');
  return links;
}

const SCENARIOS = [
  { name: 'floor', label: 'papaparse floor', script: 'floor.mjs' },
  { name: 'peer', label: 'DuckDB peer', script: 'duckdb-peer.mjs', links: (out) => ({ file: join(out, 'links.csv'), read: linksFromCsv }) },
  { name: 'library', label: 'library API', script: 'library.mjs', links: (out) => ({ file: join(out, 'results.ndjson'), read: linksFromNdjson }) },
  // As a user runs it: `--workers auto` (two workers for large inputs, see autoWorkerCount), worklist, statistics,
  // summary and report, no results.ndjson. Its worklist and statistics are the same bytes as the `--results`
  // run's (checked below), whose results give the link quality.
  { name: 'cli', label: 'CLI end to end', script: 'cli.mjs' },
  { name: 'cli-results', label: 'CLI --results', script: 'cli.mjs', args: () => ['--results'], links: (out) => ({ file: join(out, 'results.ndjson'), read: linksFromNdjson }) },
  { name: 'cli-single', label: 'CLI --workers 1', script: 'cli.mjs', args: () => ['--workers', '1'] },
  // The reference index loaded from a cache made by an untimed first run (a second register against the same extract).
  { name: 'cli-cached', label: 'CLI, cached reference', script: 'cli.mjs', args: (dir) => ['--reference-cache', join(dir, 'reference.doisoat-cache')], warm: true },
];

const fmtS = (ms) => (ms === undefined ? '–' : `${(ms / 1000).toFixed(2)} s`);
const fmtMb = (mb) => (mb === undefined ? '–' : mb >= 1024 ? `${(mb / 1024).toFixed(2)} GB` : `${Math.round(mb)} MB`);
const fmtRatio = (a, b) => (a === undefined || b === undefined || b === 0 ? '–' : `${(a / b).toFixed(2)}×`);
const fmtPct = (x) => (x === undefined ? '–' : `${(100 * x).toFixed(2)}%`);
const fmtRate = (rows, ms) => (ms === undefined ? '–' : `${fmtCount(Math.round(rows / (ms / 1000) / 1000) * 1000)}/s`);
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? pad(c, widths[i]) : lpad(c, widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const report = { date: new Date().toISOString(), machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version }, repeat, dist: DIST_DIR, sizes: [] };
const print = (s = '') => process.stdout.write(`${s}\n`);

for (const size of sizes) {
  const dir = ensureData(size.citizens, size.records, seed, log);
  const truth = loadTruth(join(dir, 'truth.csv'));
  const runs = {};
  const quality = {};
  // A cache from an earlier build may describe an index this build lays out differently.
  rmSync(join(dir, 'reference.doisoat-cache'), { force: true });
  for (let rep = 0; rep < repeat; rep++) {
    for (const sc of SCENARIOS) {
      if (!only.has(sc.name)) continue;
      if (rep > 0 && runs[sc.name]?.[0]?.ok === false) continue; // skipped once, skipped always
      const out = join(dir, `out-${sc.name}`);
      rmSync(out, { recursive: true, force: true });
      const args = sc.name === 'floor' ? [dir] : [dir, out, ...(sc.args?.(dir) ?? [])];
      if (sc.warm === true && rep === 0) {
        log(`${size.label}: ${sc.label} untimed first run …`);
        runScenario(sc.script, args);
        rmSync(out, { recursive: true, force: true });
      }
      log(`${size.label}: ${sc.label} run ${rep + 1}/${repeat} …`);
      const r = runScenario(sc.script, args);
      (runs[sc.name] ??= []).push(r);
      log(`  ${r.ok ? `${fmtS(r.totalMs)}, peak RSS ${fmtMb(r.peakRssMb)}` : r.skipped}`);
      if (r.ok && rep === 0 && sc.links !== undefined) {
        const { file, read } = sc.links(out);
        if (existsSync(file)) quality[sc.name] = linkQuality(truth, await read(file), FUZZY_KINDS);
      }
    }
  }
  const med = (name, f) => median((runs[name] ?? []).filter((r) => r.ok).map(f));
  const floorMs = med('floor', (r) => r.totalMs);
  const peerMs = med('peer', (r) => r.totalMs);
  const rowsTotal = size.citizens + size.records;
  print();
  print(`== ${fmtCount(size.citizens)} citizens × ${fmtCount(size.records)} records (median of ${repeat}; ratios are time / time) ==`);
  const mainRows = [];
  const notes = [];
  for (const sc of SCENARIOS) {
    if (!only.has(sc.name)) continue;
    const rs = runs[sc.name] ?? [];
    if (rs.length === 0 || rs.every((r) => !r.ok)) {
      mainRows.push([sc.label, 'n/a', '', '', '', '', '', '', '', '']);
      notes.push(`${sc.label}: ${rs[0]?.skipped ?? 'not run'}`);
      continue;
    }
    const ms = med(sc.name, (r) => r.totalMs);
    const q = quality[sc.name];
    mainRows.push([
      sc.label,
      fmtS(ms),
      fmtRate(rowsTotal, ms),
      fmtMb(med(sc.name, (r) => r.peakRssMb)),
      fmtRatio(ms, floorMs),
      fmtRatio(ms, peerMs),
      fmtPct(q?.all.precision),
      fmtPct(q?.all.recall),
      fmtPct(q?.fuzzy.precision),
      fmtPct(q?.fuzzy.recall),
    ]);
  }
  const headers = ['scenario', 'time', 'rows/s', 'peak RSS', 'vs floor', 'vs peer', 'precision', 'recall', 'fuzzy P', 'fuzzy R'];
  print(table(headers, mainRows));
  for (const n of notes) print(n);
  for (const sc of SCENARIOS) {
    const ok = (runs[sc.name] ?? []).filter((r) => r.ok);
    if (ok.length === 0 || ok[0].phases === undefined || Object.keys(ok[0].phases).length === 0) continue;
    const phases = Object.keys(ok[0].phases)
      .map((p) => `${p} ${fmtS(median(ok.map((r) => r.phases[p])))}`)
      .join(' · ');
    print(`${pad(sc.label, 16)} phases: ${phases}`);
  }
  for (const sc of SCENARIOS) {
    const r = (runs[sc.name] ?? []).find((x) => x.ok && x.byStatus !== undefined);
    if (r === undefined) continue;
    const st = Object.entries(r.byStatus).map(([k, v]) => `${k} ${v}`).join(', ');
    const lb = r.linkedBy !== undefined && Object.keys(r.linkedBy).length > 0 ? ` | linked by: ${Object.entries(r.linkedBy).map(([k, v]) => `${k} ${v}`).join(', ')}` : '';
    print(`${pad(sc.label, 16)} statuses: ${st}${lb}`);
  }
  // Each scenario's folder holds its last run's outputs: compare those whose last run succeeded.
  const OUTPUTS = ['worklist.csv', 'stats.json'];
  const cliRan = SCENARIOS.filter((sc) => sc.script === 'cli.mjs' && only.has(sc.name) && (runs[sc.name] ?? []).length > 0);
  const cliOuts = cliRan.filter((sc) => runs[sc.name].at(-1).ok && OUTPUTS.every((f) => existsSync(join(dir, `out-${sc.name}`, f))));
  const notCompared = cliRan.filter((sc) => !cliOuts.includes(sc)).map((sc) => sc.label);
  if (cliOuts.length > 1) {
    const bytes = (sc, f) => readFileSync(join(dir, `out-${sc.name}`, f));
    const differ = cliOuts.slice(1).flatMap((sc) => OUTPUTS.filter((f) => !bytes(sc, f).equals(bytes(cliOuts[0], f))).map((f) => `${sc.label}: ${f}`));
    print(differ.length === 0 ? `worklist.csv and stats.json: the same bytes in every CLI scenario compared (${cliOuts.map((sc) => sc.label).join(', ')}).` : `OUTPUTS DIFFER from ${cliOuts[0].label}'s: ${differ.join('; ')}`);
  }
  if (notCompared.length > 0) print(`not compared (last run failed): ${notCompared.join(', ')}`);
  print('every scenario runs in its own Node process with --max-semi-space-size=64 (what the CLI gives itself; its worker threads get 32).');
  print('the CLI scenarios but --workers 1 run as the CLI does by default (--workers auto, see autoWorkerCount): two worker threads at 1M x 1M, one at 100k x 100k.');
  print('precision = correct links / links made; recall = correct links / records whose person is in the reference;');
  print(`"fuzzy" = the ${truth.size > 0 ? [...truth.values()].filter((t) => FUZZY_KINDS.has(t.kind)).length : 0} records whose ID is missing, mistyped or unusable (${[...FUZZY_KINDS].join(', ')}).`);
  report.sizes.push({ size, runs, quality, medians: { floorMs, peerMs } });
}

if (referenceOnly !== undefined) {
  const n = parseCount(referenceOnly);
  const dir = ensureReferenceOnly(n, seed, log);
  const file = join(dir, 'reference.csv');
  log(`reference-only ${fmtCount(n)}: parse floor …`);
  const parse = runScenario('reference-index.mjs', [file, '--parse-only']);
  log(`reference-only ${fmtCount(n)}: buildReference …`);
  const build = runScenario('reference-index.mjs', [file, '--expected', String(n)]);
  log(`reference-only ${fmtCount(n)}: buildReference + fuzzy indexes …`);
  const withFuzzy = runScenario('reference-index.mjs', [file, '--expected', String(n), '--fuzzy']);
  const stepName = (r) => (r.scenario === 'reference-parse' ? 'parse only (floor)' : r.scenario === 'reference-index' ? 'parse + buildReference' : '+ fuzzy indexes');
  print();
  print(`== reference only: ${fmtCount(n)} citizens, streamed from disk into buildReference (one run) ==`);
  print(
    table(
      ['step', 'time', 'peak RSS', 'retained heap after GC', 'citizens'],
      [parse, build, withFuzzy].map((r) =>
        r.ok ? [stepName(r), fmtS(r.totalMs), fmtMb(r.peakRssMb), fmtMb(r.retainedMb?.heapUsed), r.citizens] : ['?', r.skipped, '', '', ''],
      ),
    ),
  );
  if (parse.ok && build.ok) print(`index build time beyond parsing: ${fmtS(build.totalMs - parse.totalMs)}`);
  if (withFuzzy.ok && withFuzzy.fuzzyMs !== undefined) print(`fuzzy linker's structures (name table, term frequencies, blocking indexes): ${fmtS(withFuzzy.fuzzyMs)}`);
  report.referenceOnly = { citizens: n, parse, build, withFuzzy };
}

if (!argv.includes('--no-eval')) {
  // The fuzzy-linking evaluation (from the fuzzy issue), run as the CLI exposes it, so quality is checked in the same run.
  const cli = join(DIST_DIR, 'cli.js');
  const res = spawnSync(process.execPath, [cli, 'eval'], { encoding: 'utf8', timeout: 600_000 });
  print();
  if (res.status === 0 && !/usage:/i.test(res.stdout.slice(0, 200))) {
    print('== fuzzy linking evaluation (doisoat eval) ==');
    print(res.stdout.trim().split('\n').slice(-25).join('\n'));
  } else print('fuzzy linking evaluation: not available (`doisoat eval` missing or failed)');
}

if (jsonOut !== undefined) writeFileSync(jsonOut, JSON.stringify(report, null, 2));
