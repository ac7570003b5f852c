// Indexes a large reference (e.g. 10M citizens) read streaming from disk: time and memory of buildReference,
// and with --fuzzy also of the fuzzy linker's structures (name table, term frequencies, blocking indexes),
// which a CLI run builds before its first record.
// The file is read synchronously in 4 MiB blocks cut at line ends (the generated file has no quoted line
// breaks) and parsed per block with papaparse, so only the index is held, never the rows.
// Usage: node --expose-gc bench/reference-index.mjs <reference.csv> [--parse-only] [--expected N] [--fuzzy]
import { closeSync, openSync, readSync } from 'node:fs';
import Papa from 'papaparse';
import { LIB_URL, REFERENCE_COLUMNS, emit, since } from './common.mjs';

const lib = await import(LIB_URL);
const [path] = process.argv.slice(2);
const parseOnly = process.argv.includes('--parse-only');
const fuzzy = process.argv.includes('--fuzzy');
const ei = process.argv.indexOf('--expected');
const expectedSize = ei < 0 ? undefined : Number(process.argv[ei + 1]);

function* rows(file) {
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(4 << 20);
  let carry = '';
  let header;
  const fields = REFERENCE_COLUMNS.map(([, f]) => f);
  for (;;) {
    const n = readSync(fd, buf, 0, buf.length, null);
    const text = carry + buf.toString('utf8', 0, n);
    const cut = n === 0 ? text.length : text.lastIndexOf('\n') + 1;
    carry = text.slice(cut);
    const block = text.slice(0, cut);
    if (block.length > 0) {
      const parsed = Papa.parse(block, { header: false, skipEmptyLines: true }).data;
      let start = 0;
      if (header === undefined) {
        header = parsed[0];
        start = 1;
      }
      for (let i = start; i < parsed.length; i++) {
        const cells = parsed[i];
        const o = {};
        for (let j = 0; j < fields.length; j++) o[fields[j]] = cells[j] ?? '';
        yield o;
      }
    }
    if (n === 0) break;
  }
  closeSync(fd);
}

const t0 = performance.now();
let count = 0;
let index;
if (parseOnly) for (const _ of rows(path)) count++;
else {
  index = lib.buildReference(rows(path), expectedSize === undefined ? {} : { expectedSize });
  count = index.size;
}
let fuzzyMs;
if (fuzzy && index !== undefined) {
  const t1 = performance.now();
  lib.prepareFuzzyIndexes(index);
  fuzzyMs = since(t1);
}
const totalMs = since(t0);
globalThis.gc?.();
const mem = process.memoryUsage();
emit({
  scenario: parseOnly ? 'reference-parse' : fuzzy ? 'reference-index-fuzzy' : 'reference-index',
  ok: true,
  totalMs,
  ...(fuzzyMs === undefined ? {} : { fuzzyMs }),
  citizens: count,
  problems: index?.problems.length ?? 0,
  retainedMb: { rss: mem.rss / 2 ** 20, heapUsed: mem.heapUsed / 2 ** 20, external: mem.external / 2 ** 20, arrayBuffers: mem.arrayBuffers / 2 ** 20 },
});
