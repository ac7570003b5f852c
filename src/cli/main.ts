import { Command, Option, CommanderError } from 'commander';
import { mkdtempSync, readFileSync, writeFileSync, appendFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { VERSION as version } from '../version.js';
import { EXIT, UsageError } from './errors.js';
import { createProgress } from './progress.js';
import { respawn, shouldRespawn, tuneHeapForWorkers, watchParent } from './tuneHeap.js';
import { ENCODING_CHOICES, loadConfig, type Config, type EncodingChoice } from './config.js';
import { writeSampleFiles } from './sampleFiles.js';
import { reconcileFiles } from '../node/reconcileFiles.js';
import { resolveWorkerCount, type WorkerRequest } from '../node/workerCount.js';
import { ReadError, readTable } from '../node/readFile.js';
import { WorkerStoppedError } from '../node/workerStopped.js';
import { PROFILES, getProfile } from '../profiles/index.js';
import { parseColumnOverrides } from '../read/mapColumns.js';
import { parseMaxStatusList, parseThresholdList, evaluateGate, type GateResult, type GateThresholds } from '../stats/gate.js';
import { statsSchema, type ReconcileStats } from '../stats/stats.js';
import { mergeAllStats } from '../stats/mergeStats.js';
import { formatSummary } from '../write/summaryText.js';
import { formatMarkdownSummary } from '../write/summaryMarkdown.js';
import { statsJson } from '../write/statsJson.js';
import { parsePartition } from '../reconcile/partition.js';
import { OptionsError } from '../reconcile/options.js';
import { formatEvaluation, runEvaluation } from '../sample/evaluate.js';

const out = (text: string): void => {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
};
const err = (text: string): void => {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
};

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function thresholdsFrom(flags: { failUnder?: string; maxStatus?: string }, config: Config): GateThresholds {
  const t: { failUnder?: GateThresholds['failUnder']; maxStatus?: GateThresholds['maxStatus'] } = {};
  if (config.failUnder !== undefined) t.failUnder = config.failUnder;
  if (config.maxStatus !== undefined) t.maxStatus = config.maxStatus;
  if (flags.failUnder !== undefined) {
    const r = parseThresholdList(flags.failUnder);
    if (!r.ok) throw new UsageError(`--fail-under: ${r.error}`);
    t.failUnder = r.value;
  }
  if (flags.maxStatus !== undefined) {
    const r = parseMaxStatusList(flags.maxStatus);
    if (!r.ok) throw new UsageError(`--max-status: ${r.error}`);
    t.maxStatus = r.value;
  }
  return t;
}

function printGate(gate: GateResult): void {
  if (gate.checks.length === 0) return;
  err('');
  err(gate.passed ? 'Thresholds: all passed' : 'Thresholds: FAILED');
  for (const c of gate.checks) err(`  ${c.passed ? 'PASS' : 'FAIL'}  ${c.message}`);
}

function appendStepSummary(markdown: string): void {
  const file = process.env['GITHUB_STEP_SUMMARY'];
  if (file !== undefined && file !== '') appendFileSync(file, `${markdown}\n`);
}

interface ReconcileFlags {
  reference?: string;
  records?: string;
  profile?: string;
  map?: string[];
  referenceMap?: string[];
  asOf?: string;
  out?: string;
  idScheme?: 'vn' | 'opaque';
  encoding?: EncodingChoice;
  referenceEncoding?: EncodingChoice;
  sheet?: string;
  headerRow?: string;
  revealPersonalData?: boolean;
  failUnder?: string;
  maxStatus?: string;
  partition?: string;
  config?: string;
  report?: boolean;
  results?: boolean;
  quiet?: boolean;
  workers?: string;
  referenceCache?: string;
}

async function runReconcile(flags: ReconcileFlags): Promise<number> {
  const config = loadConfig(flags.config);
  const reference = flags.reference ?? config.reference;
  const records = flags.records ?? config.records;
  if (reference === undefined) throw new UsageError('missing --reference <file> (the reference citizen dataset)');
  if (records === undefined) throw new UsageError('missing --records <file> (the sector register to check)');
  const profileName = flags.profile ?? config.profile ?? 'generic';
  if (getProfile(profileName) === undefined || getProfile(profileName)?.kind === 'reference') {
    throw new UsageError(`unknown profile "${profileName}"; choose one of: ${Object.keys(PROFILES).filter((p) => p !== 'reference').join(', ')}`);
  }
  const partitionText = flags.partition ?? config.partition;
  const partition = partitionText === undefined ? undefined : parsePartition(partitionText);
  if (partitionText !== undefined && partition === undefined) throw new UsageError('--partition must be k/N with 1 ≤ k ≤ N, e.g. 2/8');
  const map = flags.map === undefined ? config.map : parseColumnOverrides(flags.map);
  const referenceMap = flags.referenceMap === undefined ? config.referenceMap : parseColumnOverrides(flags.referenceMap);
  const outDir = flags.out ?? config.out ?? 'doisoat-out';
  const quiet = flags.quiet === true;
  const bars = {
    reference: createProgress('Reading reference', { quiet }),
    records: createProgress('Reconciling', { quiet }),
  };
  const asOf = flags.asOf ?? config.asOf;
  const encoding = flags.encoding ?? config.encoding;
  const referenceEncoding = flags.referenceEncoding ?? config.referenceEncoding;
  const idScheme = flags.idScheme ?? config.idScheme;
  const referenceCache = flags.referenceCache ?? config.referenceCache;
  const requested: WorkerRequest = flags.workers === undefined ? (config.workers ?? 'auto') : workerRequest(flags.workers);
  // Resolved here rather than in reconcileFiles: the heap flag must be set before any worker starts.
  const workers = resolveWorkerCount(requested, reference, records);
  tuneHeapForWorkers(workers);
  const result = await reconcileFiles({
    reference,
    records,
    out: outDir,
    profile: profileName,
    ...(map === undefined ? {} : { map }),
    ...(referenceMap === undefined ? {} : { referenceMap }),
    ...(asOf === undefined ? {} : { asOf }),
    ...(encoding === undefined ? {} : { encoding }),
    ...(referenceEncoding === undefined ? {} : { referenceEncoding }),
    ...(idScheme === undefined ? {} : { idScheme }),
    ...(flags.sheet === undefined ? {} : { sheet: /^\d+$/.test(flags.sheet) ? Number(flags.sheet) : flags.sheet }),
    ...(partition === undefined ? {} : { partition }),
    ...(flags.headerRow === undefined ? {} : { headerRow: positiveInt(flags.headerRow, '--header-row') }),
    workers,
    ...(referenceCache === undefined ? {} : { referenceCache }),
    revealPersonalData: flags.revealPersonalData ?? config.revealPersonalData ?? false,
    thresholds: thresholdsFrom(flags, config),
    report: flags.report !== false,
    results: flags.results ?? config.results ?? false,
    meta: { version, generatedAt: new Date().toISOString(), title: `doisoat: ${profileName}` },
    onProgress: (phase, rows, fraction) => {
      if (phase === 'reference') bars.reference.done(rows);
      else if (phase === 'records') {
        if (fraction === 1) bars.records.done(rows);
        else bars.records.update(rows, fraction);
      }
    },
  });
  if (result.referenceCache === 'unwritable') err('Warning: the reference cache could not be written; the next run will index the reference again.');
  if (result.referenceCache === 'changed') err('Warning: the reference file changed while it was read; it was not cached. Run again once the file is complete.');
  if (!quiet) {
    if (result.referenceCache === 'hit') err('Reference index loaded from the cache (the reference file is unchanged).');
    if (requested === 'auto' && result.workers > 1) err(`Used ${result.workers} worker threads (--workers 1 keeps to one thread and uses less memory).`);
    out(formatSummary(result.stats));
    if (result.referenceProblems > 0) err(`Note: ${result.referenceProblems} problems in the reference rows (duplicate or invalid IDs); see the report.`);
    if (result.recordsReport.broken.length > 0) err(`Note: ${result.recordsReport.broken.length} malformed lines in the records file${byCode(result.recordsReport.broken)}; they are in the worklist with their problems.`);
    if (result.referenceReport.broken.length > 0) err(`Note: ${result.referenceReport.broken.length} malformed lines in the reference file${byCode(result.referenceReport.broken)}; "doisoat inspect" lists them.`);
    for (const [name, report] of [['records', result.recordsReport], ['reference', result.referenceReport]] as const) {
      // Detection of a legacy single-byte encoding rests on statistics: say so, with the way to check.
      if (report.encodingConfidence === 'guess') err(`Note: the ${name} file's encoding was guessed as ${report.encoding}; if names look wrong in the report, check it with "doisoat inspect" and set it (${name === 'records' ? '--encoding' : '--reference-encoding'}).`);
    }
    err('');
    // A script that read an earlier run's results.ndjson should learn why it is gone, not just find it missing.
    for (const name of result.removed) err(`Removed ${name} left by an earlier run in the output folder: this run did not write it${name === 'results.ndjson' ? ' (it is written only with --results)' : ''}.`);
    err(`Wrote ${Object.values(result.paths).filter((p) => p !== undefined).length} files to ${resolve(outDir)}`);
    if (result.paths.report !== undefined) err(`Report: ${resolve(result.paths.report)}`);
  }
  printGate(result.gate);
  appendStepSummary(result.summaryMarkdown);
  return result.gate.passed ? EXIT.ok : EXIT.thresholdFailed;
}

async function runInspect(file: string, flags: { profile?: string; encoding?: ReconcileFlags['encoding']; sheet?: string; map?: string[]; headerRow?: string }): Promise<number> {
  const profiles = flags.profile === undefined ? Object.keys(PROFILES) : [flags.profile];
  for (const name of profiles) if (getProfile(name) === undefined) throw new UsageError(`unknown profile "${name}"`);
  let shownFile = false;
  for (const name of profiles) {
    try {
      const t = await readTable(file, {
        profile: name,
        ...(flags.encoding === undefined ? {} : { encoding: flags.encoding }),
        ...(flags.sheet === undefined ? {} : { sheet: /^\d+$/.test(flags.sheet) ? Number(flags.sheet) : flags.sheet }),
        ...(flags.map === undefined ? {} : { map: parseColumnOverrides(flags.map) }),
        ...(flags.headerRow === undefined ? {} : { headerRow: positiveInt(flags.headerRow, '--header-row') }),
      });
      let rows = 0;
      for await (const _ of t.rows) rows++;
      const r = t.report;
      if (!shownFile) {
        out(`File: ${file}`);
        out(`  format ${r.format}${r.encoding === undefined ? '' : `, encoding ${r.encoding} (${r.encodingConfidence ?? 'given'})`}${r.delimiter === undefined ? '' : `, delimiter ${JSON.stringify(r.delimiter)}`}${r.sheet === undefined ? '' : `, sheet "${r.sheet}"`}`);
        out(`  header on line ${r.headerRow ?? '?'}${r.titleRows > 0 ? ` below ${r.titleRows} title line(s)` : ''}; ${rows} data rows, ${r.blankLines} blank lines skipped`);
        for (const f of r.legacyFonts) out(`  column ${f.field}: ${f.converted} cells converted from ${f.font}`);
        if (r.broken.length > 0) {
          out(`  ${r.broken.length} malformed lines (kept, with their problem):`);
          for (const b of r.broken.slice(0, 20)) out(`    line ${b.line}: ${b.code} — ${b.message}`);
        }
        shownFile = true;
      }
      out(`Profile ${name}:`);
      for (const c of r.columns) out(`  ${JSON.stringify(c.header).padEnd(32)} → ${c.field ?? '(kept as extra)'}`);
    } catch (e) {
      if (e instanceof ReadError) out(`Profile ${name}: not usable — ${e.message}`);
      else throw e;
    }
  }
  return EXIT.ok;
}

/** " (undecodable_text: 3, ragged_row: 1)": how many broken lines of each kind. */
function byCode(broken: readonly { readonly code: string }[]): string {
  const counts = new Map<string, number>();
  for (const b of broken) counts.set(b.code, (counts.get(b.code) ?? 0) + 1);
  return ` (${[...counts].map(([code, n]) => `${code}: ${n}`).join(', ')})`;
}

function readStats(path: string): ReconcileStats {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new UsageError(`cannot read statistics file ${path} (missing or not JSON)`);
  }
  const parsed = statsSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`${path} is not a doisoat stats.json (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''})`);
  return parsed.data;
}

/** Builds the command-line program. */
export function program(): Command {
  const cli = new Command('doisoat')
    .description('Reconcile sector registers against a reference citizen dataset: đúng, đủ, sạch, sống.')
    .version(version)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) });

  cli
    .command('reconcile')
    .description('Reconcile a register file against a reference file; write worklist, statistics, summary and report (and results with --results).')
    .option('-r, --reference <file>', 'reference citizen dataset (CSV, Excel .xlsx, JSON, NDJSON)')
    .option('-s, --records <file>', 'sector register to check')
    .option('-p, --profile <name>', `sector profile: ${Object.keys(PROFILES).filter((p) => p !== 'reference').join(', ')} (default generic)`)
    .option('-m, --map <column=field>', 'map a records column to a field (repeatable), e.g. --map "Số thẻ=cardNumber"', collect)
    .option('--reference-map <column=field>', 'map a reference column to a field (repeatable)', collect)
    .option('--as-of <date>', 'the date the reconciliation speaks for (deaths, card expiry), e.g. 2026-01-01')
    .option('-o, --out <dir>', 'output folder (default doisoat-out)')
    .addOption(new Option('--id-scheme <scheme>', 'vn: Vietnamese personal IDs; opaque: any other key').choices(['vn', 'opaque']))
    .addOption(new Option('--encoding <name>', 'text encoding of the records file').choices(ENCODING_CHOICES))
    .addOption(new Option('--reference-encoding <name>', 'text encoding of the reference file').choices(ENCODING_CHOICES))
    .option('--sheet <name|n>', 'Excel sheet of the records file (default the first)')
    .option('--header-row <line>', 'line of the records header row, when it cannot be detected')
    .option('--reveal-personal-data', 'show IDs and names in clear in the worklist and report (default masked)')
    .option('--fail-under <list>', 'exit 1 when a scorecard value is below its threshold, e.g. dung=0.95,song=0.99')
    .option('--max-status <list>', 'exit 1 when a status exceeds a share of rows, e.g. missing=0.02')
    .option('--partition <k/N>', 'reconcile only partition k of N (merge the stats with `doisoat merge`)')
    .option('-w, --workers <n>', 'worker threads for linking: 1 to 64, or auto (default: 2 on a multi-core machine for large files with memory to spare, else 1)')
    .option('--reference-cache <file>', 'keep the built reference index in this file and reuse it while the reference is unchanged (holds personal data: keep it where the reference is)')
    .option('-c, --config <file>', 'settings file (default ./doisoat.config.json when present)')
    .option('--no-report', 'do not write report.html')
    .option('--results', 'also write results.ndjson: the full, unmasked result of every record, for programs (~340 bytes a record; overrides "results": false in the config file)')
    .option('--no-results', 'do not write results.ndjson (the default; overrides "results": true in the config file)')
    .option('-q, --quiet', 'print nothing but errors and threshold failures')
    .addHelpText(
      'after',
      `
Examples:
  doisoat reconcile -r dan-cu.csv -s bhyt.xlsx -p healthInsurance --as-of 2026-01-01
  doisoat reconcile -r ref.csv -s hoi-nong-dan.csv -p association -o out --fail-under dung=0.95,song=0.99 --max-status missing=0.02
  doisoat reconcile -r ref.csv -s records.csv --map "Số thẻ=cardNumber" --partition 3/8 -q

Exit codes: 0 ran and every threshold passed; 1 ran and a threshold failed; 2 usage or input error;
3 the run could not finish (a worker thread stopped, or an internal error).`,
    )
    .action(async (flags: ReconcileFlags) => {
      process.exitCode = await runReconcile(flags);
    });

  cli
    .command('inspect <file>')
    .description('Show what doisoat sees in a file: encoding, delimiter, header, rows, and how the columns map for each profile.')
    .option('-p, --profile <name>', 'only this profile (default all)')
    .addOption(new Option('--encoding <name>', 'text encoding').choices(ENCODING_CHOICES))
    .option('--sheet <name|n>', 'Excel sheet')
    .option('-m, --map <column=field>', 'column override (repeatable)', collect)
    .option('--header-row <line>', 'line of the header row, when it cannot be detected')
    .addHelpText('after', '\nExamples:\n  doisoat inspect bhyt.xlsx\n  doisoat inspect hoi-vien.csv --profile association --encoding windows-1258')
    .action(async (file: string, flags: { profile?: string; encoding?: ReconcileFlags['encoding']; sheet?: string; map?: string[]; headerRow?: string }) => {
      process.exitCode = await runInspect(file, flags);
    });

  cli
    .command('sample')
    .description('Write generated sample data (reference.csv, records.csv, truth.csv) with Vietnamese headers.')
    .option('-n, --size <n>', 'number of sector records', '5000')
    .option('--citizens <n>', 'number of reference citizens (default twice the records)')
    .option('--seed <n>', 'random seed', '20250701')
    .option('-o, --out <dir>', 'output folder', 'doisoat-sample')
    .addHelpText('after', '\nExample:\n  doisoat sample --size 100000 --out data')
    .action((flags: { size: string; citizens?: string; seed: string; out: string }) => {
      const records = positiveInt(flags.size, '--size');
      const files = writeSampleFiles(flags.out, {
        records,
        ...(flags.citizens === undefined ? {} : { citizens: positiveInt(flags.citizens, '--citizens') }),
        seed: positiveInt(flags.seed, '--seed'),
      });
      out(`Wrote ${files.reference}, ${files.records} and ${files.truth} (as-of date of the truth: ${files.asOf})`);
    });

  cli
    .command('demo')
    .description('Generate sample data, reconcile it and write the report: what `npm run demo` runs.')
    .option('-o, --out <dir>', 'folder (default a new temporary folder)')
    .option('-n, --size <n>', 'number of sector records', '5000')
    .option('-q, --quiet', 'print only where the report is')
    .addHelpText('after', '\nExamples:\n  doisoat demo\n  doisoat demo --out demo --size 20000')
    .action(async (flags: { out?: string; size: string; quiet?: boolean }) => {
      const dir = flags.out ?? mkdtempSync(join(tmpdir(), 'doisoat-demo-'));
      const files = writeSampleFiles(join(dir, 'input'), { records: positiveInt(flags.size, '--size') });
      if (flags.quiet !== true) err(`Sample data: ${resolve(files.reference)}, ${resolve(files.records)}`);
      process.exitCode = await runReconcile({
        reference: files.reference,
        records: files.records,
        out: join(dir, 'out'),
        asOf: files.asOf,
        ...(flags.quiet === true ? { quiet: true } : {}),
      });
      if (flags.quiet === true) out(resolve(join(dir, 'out', 'report.html')));
    });

  cli
    .command('merge <stats...>')
    .description('Merge stats.json files of partitions or provinces into one (the statistics add up exactly).')
    .option('-o, --out <file>', 'write the merged stats.json here')
    .option('--summary <file>', 'also write a Markdown summary')
    .option('--fail-under <list>', 'thresholds on the merged scorecard, e.g. dung=0.95')
    .option('--max-status <list>', 'maximum status shares, e.g. missing=0.02')
    .addHelpText('after', '\nExample:\n  doisoat merge out-*/stats.json -o national/stats.json --fail-under dung=0.95')
    .action((files: string[], flags: { out?: string; summary?: string; failUnder?: string; maxStatus?: string }) => {
      const merged = mergeAllStats(files.map(readStats));
      const gate = evaluateGate(merged, thresholdsFrom(flags, {}));
      if (flags.out !== undefined) {
        mkdirSync(resolve(flags.out, '..'), { recursive: true });
        writeFileSync(flags.out, statsJson(merged));
      }
      const md = formatMarkdownSummary(merged, { gate, meta: { version, title: `doisoat: ${files.length} merged` } });
      if (flags.summary !== undefined) writeFileSync(flags.summary, md);
      out(formatSummary(merged));
      printGate(gate);
      appendStepSummary(md);
      process.exitCode = gate.passed ? EXIT.ok : EXIT.thresholdFailed;
    });

  cli
    .command('eval')
    .description('Measure linking quality on generated data with known truth: precision, recall and F1 of links, status confusion matrix.')
    .option('-n, --records <n>', 'sector records', '100000')
    .option('--citizens <n>', 'reference citizens (default twice the records)')
    .option('--seed <n>', 'random seed', '20250701')
    .option('--json <file>', 'also write the evaluation as JSON')
    .addHelpText('after', '\nExample:\n  doisoat eval --records 100000')
    .action((flags: { records: string; citizens?: string; seed: string; json?: string }) => {
      const records = positiveInt(flags.records, '--records');
      const started = performance.now();
      const report = runEvaluation({
        records,
        citizens: flags.citizens === undefined ? records * 2 : positiveInt(flags.citizens, '--citizens'),
        seed: positiveInt(flags.seed, '--seed'),
      });
      out(formatEvaluation(report));
      err(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
      if (flags.json !== undefined) writeFileSync(flags.json, `${JSON.stringify(report, null, 2)}\n`);
    });

  return cli;
}

function workerRequest(text: string): WorkerRequest {
  if (text.trim().toLowerCase() === 'auto') return 'auto';
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError('--workers must be a whole number from 1 to 64, or auto');
  return n;
}

function positiveInt(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive whole number`);
  return n;
}

/** Runs the CLI; returns the exit code. Errors print one line without personal data. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    await program().parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (e instanceof UsageError || e instanceof ReadError || e instanceof OptionsError) {
      err(`doisoat: ${e.message}`);
      return EXIT.usage;
    }
    if (e instanceof WorkerStoppedError) {
      err(`doisoat: ${e.message}`);
      return 3;
    }
    const code = (e as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
      err(`doisoat: cannot open ${(e as NodeJS.ErrnoException).path ?? 'a file'} (${code})`);
      return EXIT.usage;
    }
    err(`doisoat: unexpected error (${e instanceof Error ? e.name : 'unknown'}); please report it with the command you ran, without the data`);
    return 3;
  }
}

watchParent();
const argv = process.argv.slice(2);
const script = process.argv[1];
(script !== undefined && shouldRespawn(argv, process.execArgv, process.env) ? respawn(script, argv) : main(argv)).then((code) => {
  process.exitCode = code;
});
