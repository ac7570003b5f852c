// Writes generated benchmark data as CSV files with Vietnamese headers under bench/data/ (gitignored):
//   reference.csv, records.csv, truth.csv and meta.json (the cache marker: sizes, seed and the generator's kinds and shares).
// Usage: node bench/generate.mjs <citizens> <records> [seed]      e.g. 100k 100k, 1m 1m
//        node bench/generate.mjs --reference-only <citizens> [seed] e.g. 10m (reference.csv only, in chunks)
import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
const { generateSample, SAMPLE_KINDS } = await import(LIB_URL);
// Data made by a generator with other kinds or shares is made again (the seed alone does not identify it).
const GENERATOR = Object.entries(SAMPLE_KINDS).map(([k, v]) => `${k}:${v.share}`).join(',');
import {
  DEFAULT_SEED,
  RECORD_COLUMNS,
  REFERENCE_COLUMNS,
  TRUTH_COLUMNS,
  csvLine,
  dataDirFor,
  parseCount,
  readJson,
  DATA_DIR,
  fmtCount,
  LIB_URL,
} from './common.mjs';

const ROWS_PER_WRITE = 20_000;

/** Writes rows (objects with model field names) to an open fd, in chunks so no giant string is built. */
function writeRows(fd, rows, fields) {
  for (let i = 0; i < rows.length; i += ROWS_PER_WRITE) {
    const end = Math.min(rows.length, i + ROWS_PER_WRITE);
    let s = '';
    for (let j = i; j < end; j++) s += `${csvLine(fields.map((f) => rows[j][f]))}\n`;
    writeSync(fd, s);
  }
}

function writeCsv(path, columns, rows) {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  writeSync(fd, `${csvLine(columns.map(([h]) => h))}\n`);
  writeRows(
    fd,
    rows,
    columns.map(([, f]) => f),
  );
  closeSync(fd);
  renameSync(tmp, path);
}

/** Generates (or reuses) the data set; returns its directory. */
export function ensureData(citizens, records, seed = DEFAULT_SEED, log = () => {}) {
  const dir = dataDirFor(citizens, records, seed);
  const marker = join(dir, 'meta.json');
  const meta = readJson(marker);
  if (meta !== undefined && meta.citizens === citizens && meta.records === records && meta.seed === seed && meta.generator === GENERATOR && meta.complete) {
    log(`data: reusing ${dir}`);
    return dir;
  }
  mkdirSync(dir, { recursive: true });
  log(`data: generating ${fmtCount(citizens)} citizens × ${fmtCount(records)} records (seed ${seed}) …`);
  const t0 = performance.now();
  const sample = generateSample({ citizens, records, seed });
  const tGen = performance.now() - t0;
  writeCsv(join(dir, 'reference.csv'), REFERENCE_COLUMNS, sample.citizens);
  writeCsv(join(dir, 'records.csv'), RECORD_COLUMNS, sample.records);
  writeCsv(
    join(dir, 'truth.csv'),
    TRUTH_COLUMNS.map((c) => [c, c]),
    sample.truth,
  );
  writeFileSync(
    marker,
    JSON.stringify({ citizens, records, seed, generator: GENERATOR, asOf: sample.asOf, complete: true, generateMs: Math.round(tGen), writtenMs: Math.round(performance.now() - t0) }, null, 2),
  );
  log(`data: generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return dir;
}

/**
 * A large reference alone, generated in chunks of 100k citizens (different seeds) so the generator never holds
 * more than one chunk. IDs repeated across chunks are dropped so the file holds unique IDs.
 */
export function ensureReferenceOnly(citizens, seed = DEFAULT_SEED, log = () => {}) {
  const dir = join(DATA_DIR, `ref-c${fmtCount(citizens)}-s${seed}`);
  const marker = join(dir, 'meta.json');
  const meta = readJson(marker);
  if (meta !== undefined && meta.citizens === citizens && meta.seed === seed && meta.complete) {
    log(`data: reusing ${dir}`);
    return dir;
  }
  mkdirSync(dir, { recursive: true });
  log(`data: generating a reference of ${fmtCount(citizens)} citizens in chunks (seed ${seed}) …`);
  const t0 = performance.now();
  const path = join(dir, 'reference.csv');
  const fd = openSync(`${path}.tmp`, 'w');
  writeSync(fd, `${csvLine(REFERENCE_COLUMNS.map(([h]) => h))}\n`);
  const fields = REFERENCE_COLUMNS.map(([, f]) => f);
  const seen = new Set();
  const CHUNK = 100_000;
  let written = 0;
  let dropped = 0;
  for (let c = 0; written < citizens; c++) {
    const n = Math.min(CHUNK, citizens - written);
    const { citizens: rows } = generateSample({ citizens: n, records: 0, seed: seed + c });
    const keep = [];
    for (const r of rows) {
      if (seen.has(r.id) || (r.formerIds !== '' && seen.has(r.formerIds))) {
        dropped++;
        continue;
      }
      seen.add(r.id);
      if (r.formerIds !== '') seen.add(r.formerIds);
      keep.push(r);
    }
    writeRows(fd, keep, fields);
    written += keep.length;
    if (c % 10 === 9) log(`data: ${fmtCount(Math.round(written / 1e5) * 1e5)} written`);
  }
  closeSync(fd);
  renameSync(`${path}.tmp`, path);
  writeFileSync(marker, JSON.stringify({ citizens, seed, complete: true, droppedDuplicateIds: dropped, writtenMs: Math.round(performance.now() - t0) }, null, 2));
  log(`data: generated in ${((performance.now() - t0) / 1000).toFixed(1)} s (${dropped} cross-chunk duplicate IDs dropped)`);
  return dir;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const log = (m) => process.stderr.write(`${m}\n`);
  if (args[0] === '--reference-only') {
    process.stdout.write(`${ensureReferenceOnly(parseCount(args[1] ?? '10m'), Number(args[2] ?? DEFAULT_SEED), log)}\n`);
  } else {
    const dir = ensureData(parseCount(args[0] ?? '100k'), parseCount(args[1] ?? args[0] ?? '100k'), Number(args[2] ?? DEFAULT_SEED), log);
    process.stdout.write(`${dir}\n`);
  }
}
