// The peer: the same reconciliation written as DuckDB SQL through @duckdb/node-api (the engine Splink runs on).
//   load: read_csv both files (all text), fold names (lower, strip_accents, đ→d), split dates, clean IDs
//   exact: join on ID, then on former ID
//   fuzzy: for records still unlinked that have a name and a birth year, block on birth year + given-name
//          skeleton, score jaro_winkler_similarity on the full folded name (≥ threshold) with the date rules
//          (same day and month, day/month swapped, or the record holds the year only); best candidate per record
//   classify: missing / stale (deceased, former ID, moved with a newer reference) / mismatched / matched
//   write: links.csv (key, citizenId, method, status)
// Usage: node bench/duckdb-peer.mjs <data dir> <out dir> [--threshold 0.9] [--threads 2]
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { emit, since } from './common.mjs';

const [dir, out] = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? dflt : process.argv[i + 1];
};
const threshold = Number(arg('--threshold', '0.9'));
const threads = Number(arg('--threads', '2'));

let duckdb;
try {
  duckdb = await import('@duckdb/node-api');
} catch {
  emit({ scenario: 'peer', ok: false, skipped: 'DuckDB peer skipped: @duckdb/node-api is not installed (npm install --save-dev @duckdb/node-api)' });
  process.exit(0);
}

mkdirSync(out, { recursive: true });
const q = (s) => `'${s.replace(/'/g, "''")}'`;
const t0 = performance.now();
let t = t0;
const phases = {};
const lap = (name) => {
  phases[name] = since(t);
  t = performance.now();
};

const instance = await duckdb.DuckDBInstance.create(':memory:', { threads: String(threads) });
const db = await instance.connect();
const run = (sql) => db.run(sql);
const all = async (sql) => (await db.runAndReadAll(sql)).getRowObjects();

// Folded name: lower case, accents stripped, đ → d, spaces collapsed (strip_accents leaves đ alone).
const fold = (col) => `trim(regexp_replace(replace(strip_accents(lower(${col})), 'đ', 'd'), '\\s+', ' ', 'g'))`;
// Display-level name: case and spaces only, accents kept (a name differing only in accents is a mismatch).
const clean = (col) => `trim(regexp_replace(lower(nfc_normalize(${col})), '\\s+', ' ', 'g'))`;
const dateParts = (col, p) => `
  try_cast(regexp_extract(${col}, '(\\d{4})\\s*$', 1) AS INTEGER) AS ${p}y,
  try_cast(nullif(regexp_extract(${col}, '^\\s*(\\d{1,2})/(\\d{1,2})/\\d{4}', 2), '') AS INTEGER) AS ${p}m,
  try_cast(nullif(regexp_extract(${col}, '^\\s*(\\d{1,2})/(\\d{1,2})/\\d{4}', 1), '') AS INTEGER) AS ${p}d`;
const packed = (col) =>
  `try_cast(regexp_extract(${col}, '(\\d{4})$', 1) AS INTEGER) * 10000 + coalesce(try_cast(nullif(regexp_extract(${col}, '^(\\d{1,2})/(\\d{1,2})/', 2), '') AS INTEGER), 0) * 100 + coalesce(try_cast(nullif(regexp_extract(${col}, '^(\\d{1,2})/', 1), '') AS INTEGER), 0)`;

await run(`CREATE TABLE ref AS SELECT *, regexp_extract(name_f, '(\\S+)$', 1) AS given FROM (
  SELECT trim("Số định danh cá nhân") AS id, nullif(trim("Số CMND"), '') AS former_id,
         "Họ và tên" AS full_name, ${fold('"Họ và tên"')} AS name_f, ${clean('"Họ và tên"')} AS name_c,
         ${dateParts('"Ngày sinh"', 'b')}, "Giới tính" AS gender, "Mã tỉnh" AS province,
         "Trạng thái" AS status, ${packed('"Ngày cập nhật"')} AS updated
  FROM read_csv(${q(join(dir, 'reference.csv'))}, header = true, all_varchar = true, delim = ',', quote = '"'))`);
await run(`CREATE TABLE rec AS SELECT *, regexp_extract(name_f, '(\\S+)$', 1) AS given FROM (
  SELECT "Mã hồ sơ" AS key, trim("Số CCCD") AS id_raw,
         CASE WHEN regexp_full_match(trim("Số CCCD"), '\\d{9}|\\d{12}') THEN trim("Số CCCD")
              WHEN regexp_full_match(trim("Số CCCD"), '\\d{11}') THEN '0' || trim("Số CCCD") END AS id_n,
         coalesce(${fold('"Họ và tên"')}, '') AS name_f, ${clean('"Họ và tên"')} AS name_c,
         ${dateParts('"Ngày sinh"', 'b')}, "Giới tính" AS gender, nullif("Mã tỉnh", '') AS province,
         ${packed('"Ngày cập nhật"')} AS updated
  FROM read_csv(${q(join(dir, 'records.csv'))}, header = true, all_varchar = true, delim = ',', quote = '"'))`);
lap('load');

await run(`CREATE TABLE link_exact AS
  SELECT r.key, coalesce(a.id, b.id) AS cid, CASE WHEN a.id IS NOT NULL THEN 'id' WHEN b.id IS NOT NULL THEN 'former-id' END AS method
  FROM rec r LEFT JOIN ref a ON r.id_n = a.id LEFT JOIN ref b ON r.id_n = b.former_id`);
lap('linkExact');

await run(`CREATE TABLE link_fuzzy AS
  SELECT r.key, f.id AS cid, 'fuzzy' AS method, jaro_winkler_similarity(r.name_f, f.name_f) AS jw
  FROM rec r
  JOIN link_exact e ON e.key = r.key AND e.cid IS NULL
  JOIN ref f ON f.by = r.by AND f.given = r.given
  WHERE r.name_f <> '' AND r.by IS NOT NULL
    AND jaro_winkler_similarity(r.name_f, f.name_f) >= ${threshold}
    AND (r.bm IS NULL OR r.bm = 0 OR (r.bm = f.bm AND r.bd = f.bd) OR (r.bm = f.bd AND r.bd = f.bm))
  QUALIFY row_number() OVER (PARTITION BY r.key ORDER BY jw DESC, (r.bm = f.bm AND r.bd = f.bd) DESC, (r.gender = f.gender) DESC, f.id) = 1`);
lap('linkFuzzy');

await run(`CREATE TABLE res AS
  SELECT r.key, coalesce(e.cid, z.cid) AS cid, coalesce(e.method, z.method) AS method,
    CASE
      WHEN coalesce(e.cid, z.cid) IS NULL THEN 'missing'
      WHEN f.status = 'Đã mất' OR e.method = 'former-id'
        OR (r.updated < f.updated AND r.province IS NOT NULL AND r.province <> f.province) THEN 'stale'
      WHEN r.name_c <> f.name_c OR r.gender <> f.gender
        OR NOT (r.by = f.by AND (r.bm IS NULL OR r.bm = 0 OR (r.bm = f.bm AND r.bd = f.bd)))
        OR (z.cid IS NOT NULL AND r.id_raw <> '' AND r.id_raw <> f.id) THEN 'mismatched'
      ELSE 'matched'
    END AS status
  FROM rec r JOIN link_exact e USING (key) LEFT JOIN link_fuzzy z USING (key) LEFT JOIN ref f ON f.id = coalesce(e.cid, z.cid)`);
const counts = await all(`SELECT status, count(*)::INTEGER AS n FROM res GROUP BY status ORDER BY status`);
const methods = await all(`SELECT coalesce(method, 'none') AS method, count(*)::INTEGER AS n FROM res GROUP BY 1 ORDER BY 1`);
lap('classify');

await run(`COPY (SELECT key, coalesce(cid, '') AS citizenId, coalesce(method, '') AS method, status FROM res ORDER BY key)
  TO ${q(join(out, 'links.csv'))} (HEADER, DELIMITER ',')`);
lap('write');

const sizes = await all(`SELECT (SELECT count(*) FROM ref)::INTEGER AS citizens, (SELECT count(*) FROM rec)::INTEGER AS records`);
const version = (await all(`SELECT version() AS v`))[0].v;
emit({
  scenario: 'peer',
  ok: true,
  totalMs: since(t0),
  phases,
  citizens: sizes[0].citizens,
  records: sizes[0].records,
  byStatus: Object.fromEntries(counts.map((c) => [c.status, c.n])),
  linkedBy: Object.fromEntries(methods.map((c) => [c.method, c.n])),
  duckdb: version,
  threads,
  threshold,
});
