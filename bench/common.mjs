// Shared helpers of the benchmark harness (bench/). Plain Node ESM, no build step.
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Papa from 'papaparse';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(BENCH_DIR, '..');
export const DATA_DIR = join(BENCH_DIR, 'data');
export const DEFAULT_SEED = 20250701;
export const AS_OF = '2026-01-01';
/** The built library; DOISOAT_DIST points elsewhere (e.g. a snapshot of dist/ while others rebuild). */
export const DIST_DIR = resolve(process.env.DOISOAT_DIST ?? join(ROOT, 'dist'));
export const LIB_URL = pathToFileURL(join(DIST_DIR, 'index.js')).href;

/** Vietnamese headers of the generated reference export, in order, with the model field each maps to. */
export const REFERENCE_COLUMNS = [
  ['Số định danh cá nhân', 'id'],
  ['Số CMND', 'formerIds'],
  ['Họ và tên', 'fullName'],
  ['Ngày sinh', 'birthDate'],
  ['Giới tính', 'gender'],
  ['Mã tỉnh', 'provinceCode'],
  ['Mã xã', 'communeCode'],
  ['Địa chỉ', 'address'],
  ['Trạng thái', 'status'],
  ['Ngày mất', 'deathDate'],
  ['Ngày cập nhật', 'updatedAt'],
];

/** Vietnamese headers of the generated sector register. */
export const RECORD_COLUMNS = [
  ['Mã hồ sơ', 'key'],
  ['Số CCCD', 'citizenId'],
  ['Họ và tên', 'fullName'],
  ['Ngày sinh', 'birthDate'],
  ['Giới tính', 'gender'],
  ['Mã tỉnh', 'provinceCode'],
  ['Mã xã', 'communeCode'],
  ['Địa chỉ', 'address'],
  ['Ngày cập nhật', 'updatedAt'],
];

export const TRUTH_COLUMNS = ['key', 'citizenId', 'kind', 'status'];

/** "100k" → 100000, "1m" → 1000000, "10M" → 10000000, "2500" → 2500. */
export function parseCount(s) {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(String(s).trim());
  if (m === null) throw new Error(`not a count: ${s}`);
  const mult = { '': 1, k: 1e3, m: 1e6 }[m[2].toLowerCase()];
  return Math.round(Number(m[1]) * mult);
}

/** "100k" → {citizens: 1e5, records: 1e5}; "1mx100k" → {citizens: 1e6, records: 1e5}. */
export function parseSize(s) {
  const [c, r] = String(s).toLowerCase().split('x');
  return { label: s, citizens: parseCount(c), records: parseCount(r ?? c) };
}

export function fmtCount(n) {
  if (n >= 1e6 && n % 1e5 === 0) return `${n / 1e6}M`;
  if (n >= 1e3 && n % 100 === 0) return `${n / 1e3}k`;
  return String(n);
}

export function dataDirFor(citizens, records, seed = DEFAULT_SEED) {
  return join(DATA_DIR, `c${fmtCount(citizens)}-r${fmtCount(records)}-s${seed}`);
}

/** Quotes a CSV cell only when needed (delimiter, quote, line break). */
export function csvCell(v) {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells) {
  return cells.map(csvCell).join(',');
}

export function median(xs) {
  const s = [...xs].filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return undefined;
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Milliseconds since an origin from `performance.now()`. */
export function since(t0) {
  return performance.now() - t0;
}

/** Peak RSS of this process in MB (Node reports kB). */
export function selfPeakRssMb() {
  return process.resourceUsage().maxRSS / 1024;
}

/**
 * Streams a CSV file from disk through papaparse (header: true) and calls `onRows(rows)` per chunk.
 * Headers are mapped with `headerMap` (Vietnamese → model names) when given.
 */
export function streamCsv(path, onRows, headerMap) {
  return new Promise((resolve, reject) => {
    let n = 0;
    Papa.parse(createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }), {
      header: true,
      skipEmptyLines: true,
      ...(headerMap === undefined ? {} : { transformHeader: (h) => headerMap.get(h.trim()) ?? h }),
      chunk: (res) => {
        n += res.data.length;
        onRows(res.data);
      },
      complete: () => resolve(n),
      error: reject,
    });
  });
}

export const REFERENCE_HEADER_MAP = new Map(REFERENCE_COLUMNS);
export const RECORD_HEADER_MAP = new Map(RECORD_COLUMNS);

/** Prints the scenario's result as the last stdout line (the parent reads it). */
export function emit(result) {
  process.stdout.write(`${JSON.stringify({ ...result, selfPeakRssMb: selfPeakRssMb() })}\n`);
}

/** Reads truth.csv into Map key → {citizenId, kind, status}. */
export function loadTruth(path) {
  const out = new Map();
  const parsed = Papa.parse(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true });
  for (const r of parsed.data) out.set(r.key, { citizenId: r.citizenId ?? '', kind: r.kind, status: r.status });
  return out;
}

/**
 * Link precision and recall against the truth, over all records and over the fuzzy-path kinds.
 * `links` is Map key → predicted citizenId ('' or absent when unlinked).
 * Precision = correct links / links made; recall = correct links / records whose person is in the reference.
 */
export function linkQuality(truth, links, fuzzyKinds) {
  const acc = () => ({ linked: 0, correct: 0, findable: 0 });
  const all = acc();
  const fuzzy = acc();
  for (const [key, t] of truth) {
    const pred = links.get(key) ?? '';
    for (const a of fuzzyKinds.has(t.kind) ? [all, fuzzy] : [all]) {
      if (t.citizenId !== '') a.findable++;
      if (pred !== '') {
        a.linked++;
        if (pred === t.citizenId) a.correct++;
      }
    }
  }
  const pr = (a) => ({
    precision: a.linked === 0 ? undefined : a.correct / a.linked,
    recall: a.findable === 0 ? undefined : a.correct / a.findable,
    linked: a.linked,
    correct: a.correct,
    findable: a.findable,
  });
  return { all: pr(all), fuzzy: pr(fuzzy) };
}

export function readJson(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}
