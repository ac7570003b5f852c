// The library API from parsed arrays, per phase:
//   parse (papaparse, streamed from disk, Vietnamese headers mapped to model names)
//   → index (buildReference: normalise + index the reference)
//   → normalise (parseSectorRow per record) → link exact (linkById) → check exact links against identity
//   (linkRecord: a mistyped ID can be another person's) → link ID typo → link fuzzy (the default linkers,
//   each only for the records the previous stages left) → classify (finishRecord) → summarise
//   (markDuplicates + summarize) → write (results.ndjson).
// The same steps `reconcile()` runs, split so each can be timed; `--whole` times one `reconcile()` call instead.
// Usage: node --expose-gc bench/library.mjs <data dir> <out dir> [--whole]
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
const lib = await import(LIB_URL);
import { AS_OF, LIB_URL, RECORD_HEADER_MAP, REFERENCE_HEADER_MAP, emit, since, streamCsv } from './common.mjs';

const [dir, out] = process.argv.slice(2);
const whole = process.argv.includes('--whole');
mkdirSync(out, { recursive: true });
const phases = {};
const t0 = performance.now();
let t = t0;
const lap = (name) => {
  phases[name] = since(t);
  t = performance.now();
};

const citizenRows = [];
await streamCsv(join(dir, 'reference.csv'), (rows) => {
  for (const r of rows) citizenRows.push(r);
}, REFERENCE_HEADER_MAP);
const recordRows = [];
await streamCsv(join(dir, 'records.csv'), (rows) => {
  for (const r of rows) recordRows.push(r);
}, RECORD_HEADER_MAP);
lap('parse');

const reference = lib.buildReference(citizenRows, { expectedSize: citizenRows.length });
lap('index');
const nCitizens = citizenRows.length;
citizenRows.length = 0;

let results;
let stats;
const linkedBy = {};
if (whole) {
  const output = lib.reconcile(reference, recordRows, { asOf: AS_OF });
  results = output.results;
  stats = output.stats;
  lap('reconcile');
} else {
  const options = lib.resolveOptions({ asOf: AS_OF, idScheme: reference.idScheme });
  const parsed = new Array(recordRows.length);
  for (let i = 0; i < recordRows.length; i++) parsed[i] = lib.parseSectorRow(recordRows[i], i + 1, options);
  lap('normalise');
  const outcomes = new Array(parsed.length);
  for (let i = 0; i < parsed.length; i++) {
    const link = lib.linkById(reference, parsed[i]);
    if (link !== undefined) outcomes[i] = { link };
  }
  lap('linkExact');
  // What linkRecord adds to an exact link, as reconcile does (the exact lookup again is cheap): candidates
  // when the linked citizen's identity conflicts with the record's.
  for (let i = 0; i < parsed.length; i++) if (outcomes[i] !== undefined) outcomes[i] = lib.linkRecord(reference, parsed[i], options);
  lap('linkConflicts');
  // The default fallback linkers in their order, the first outcome winning, as linkRecord runs them.
  const typoLinker = lib.createIdTypoLinker(options.fuzzy ?? {});
  const fuzzyLinker = lib.createFuzzyLinker(options.fuzzy ?? {});
  for (let i = 0; i < parsed.length; i++) if (outcomes[i] === undefined) outcomes[i] = typoLinker(reference, parsed[i]);
  lap('linkTypo');
  for (let i = 0; i < parsed.length; i++) if (outcomes[i] === undefined) outcomes[i] = fuzzyLinker(reference, parsed[i]) ?? {};
  lap('linkFuzzy');
  const raw = new Array(parsed.length);
  for (let i = 0; i < parsed.length; i++) raw[i] = lib.finishRecord(reference, parsed[i], outcomes[i], options).result;
  lap('classify');
  results = lib.markDuplicates(raw);
  stats = lib.summarize(results);
  lap('summarise');
  for (const o of outcomes) {
    const m = o.link?.linkedBy ?? 'none';
    linkedBy[m] = (linkedBy[m] ?? 0) + 1;
  }
}

const fd = openSync(join(out, 'results.ndjson'), 'w');
for (let i = 0; i < results.length; i += 10_000) {
  let s = '';
  for (let j = i; j < Math.min(results.length, i + 10_000); j++) s += `${JSON.stringify(results[j])}\n`;
  writeSync(fd, s);
}
closeSync(fd);
writeFileSync(join(out, 'stats.json'), JSON.stringify(stats));
lap('write');

const byStatus = {};
for (const r of results) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
emit({ scenario: whole ? 'library-whole' : 'library', ok: true, totalMs: since(t0), phases, citizens: nCitizens, records: recordRows.length, byStatus, linkedBy, referenceProblems: reference.problems.length });
