import { describe, expect, it, beforeAll } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSample, prepareFuzzyIndexes, reconcile, snapshotReference } from '../../src/index.js';
import { readReferenceCached } from '../../src/node/referenceCache.js';
import { readReference } from '../../src/node/readFile.js';
import { reference as referenceProfile } from '../../src/profiles/reference.js';
import type { Profile } from '../../src/profiles/types.js';

const root = new URL('../../', import.meta.url).pathname;
const cli = join(root, 'dist/cli.js');

const sample = generateSample({ citizens: 2000, records: 800, seed: 11 });
const header = 'id,fullName,birthDate,gender,provinceCode,communeCode,address,formerIds';
const csvOf = (citizens: typeof sample.citizens) =>
  [header, ...citizens.map((c) => [c.id, c.fullName, c.birthDate, c.gender, c.provinceCode, c.communeCode, c.address, c.formerIds].map((v) => `"${String(v ?? '').replace(/"/g, '""')}"`).join(','))].join('\n');

function setup(): { dir: string; ref: string; cache: string } {
  const dir = mkdtempSync(join(tmpdir(), 'doisoat-cache-'));
  const ref = join(dir, 'reference.csv');
  writeFileSync(ref, csvOf(sample.citizens));
  return { dir, ref, cache: join(dir, 'reference.doisoat-cache') };
}

describe('reference cache', () => {
  it('is written once, then loaded: same index, same linking, owner-only file', async () => {
    const { ref, cache } = setup();
    const first = await readReferenceCached(ref, {}, cache, (r) => prepareFuzzyIndexes(r));
    expect(first.cache).toBe('written');
    if (process.platform !== 'win32') expect(statSync(cache).mode & 0o777).toBe(0o600);
    const second = await readReferenceCached(ref, {}, cache);
    expect(second.cache).toBe('hit');
    expect(second.report).toEqual(first.report);
    // The fuzzy linker's structures come from the cache, not rebuilt.
    expect(second.reference.internals().derived.has('fuzzy:block:birthDate+surnameOrGiven')).toBe(true);
    const plain = (await readReference(ref)).reference;
    expect(second.reference.problems).toEqual(plain.problems);
    for (let i = 0; i < plain.size; i += 97) expect(second.reference.citizen(i)).toEqual(plain.citizen(i));
    const a = reconcile(plain, sample.records, { asOf: sample.asOf });
    const b = reconcile(second.reference, sample.records, { asOf: sample.asOf });
    expect(b.results).toEqual(a.results);
  });

  it('loads into shared memory when asked, so a snapshot for workers copies no table', async () => {
    const { ref, cache } = setup();
    await readReferenceCached(ref, {}, cache, (r) => prepareFuzzyIndexes(r));
    const { reference, cache: outcome } = await readReferenceCached(ref, {}, cache, undefined, { shared: true });
    expect(outcome).toBe('hit');
    expect(reference.columns.birth.buffer).toBeInstanceOf(SharedArrayBuffer);
    const snap = snapshotReference(reference, { shared: true });
    expect(snap.birth).toBe(reference.columns.birth);
    expect(snap.byId.keys).toBe(reference.internals().byId.toData().keys);
  });

  it('takes the build option that puts tables in shared memory as no change to the index', async () => {
    const { ref, cache } = setup();
    expect((await readReferenceCached(ref, { shared: true }, cache)).cache).toBe('written');
    expect((await readReferenceCached(ref, {}, cache)).cache).toBe('hit');
    expect((await readReferenceCached(ref, { shared: false, expectedSize: 10 }, cache)).cache).toBe('hit');
  });

  it('is rebuilt when the reference content or the reading options change, a custom profile included', async () => {
    const { ref, cache } = setup();
    expect((await readReferenceCached(ref, {}, cache)).cache).toBe('written');
    expect((await readReferenceCached(ref, { idScheme: 'opaque' }, cache)).cache).toBe('written');
    appendFileSync(ref, '\n"001099000001","Lê Văn Mới","01/01/1999","Nam","01","00004","",""');
    const changed = await readReferenceCached(ref, { idScheme: 'opaque' }, cache);
    expect(changed.cache).toBe('written');
    expect(changed.reference.findById('001099000001')).toBeGreaterThanOrEqual(0);
    expect((await readReferenceCached(ref, { idScheme: 'opaque' }, cache)).cache).toBe('hit');
    // A custom profile under the built-in name, with two columns' aliases swapped, is another index.
    const swapped = { ...referenceProfile, columns: { ...referenceProfile.columns, fullName: referenceProfile.columns['address']!, address: referenceProfile.columns['fullName']! } };
    const custom = await readReferenceCached(ref, { idScheme: 'opaque', profile: swapped as Profile }, cache);
    expect(custom.cache).toBe('written');
  });

  it('refuses a damaged cache with a clear error, and never overwrites a file that is not a cache', async () => {
    const { dir, ref, cache } = setup();
    await readReferenceCached(ref, {}, cache);
    truncateSync(cache, statSync(cache).size - 1000);
    await expect(readReferenceCached(ref, {}, cache)).rejects.toThrow(/reference cache is damaged/);
    // Damage that keeps the length: bytes zeroed inside the ID column are caught by the checksum.
    await readReferenceCached(ref, {}, join(dir, 'fresh.cache'));
    const bytes = readFileSync(join(dir, 'fresh.cache'));
    bytes.fill(0, bytes.length - 20_000, bytes.length - 19_000);
    writeFileSync(join(dir, 'fresh.cache'), bytes);
    const damaged = readReferenceCached(ref, {}, join(dir, 'fresh.cache'));
    await expect(damaged).rejects.toThrow(/reference cache is damaged \(its checksum does not match\)/);
    // A header that no longer parses is reported without quoting it (it holds names).
    const header = readFileSync(cache.replace('reference.doisoat-cache', 'fresh.cache'));
    header[28 + header.readUInt32LE(24) - 3] = 0x7b;
    writeFileSync(join(dir, 'header.cache'), header);
    const error = await readReferenceCached(ref, {}, join(dir, 'header.cache')).catch((e: unknown) => e as Error);
    expect(String(error)).toMatch(/reference cache is damaged/);
    for (const c of sample.citizens.slice(0, 200)) for (const w of (c.fullName ?? '').split(' ')) if (w.length > 3) expect(String(error)).not.toContain(w);
    await expect(readReferenceCached(ref, {}, dir)).rejects.toThrow(/not a file/);
    const other = join(dir, 'important.csv');
    writeFileSync(other, 'do,not,overwrite\n');
    await expect(readReferenceCached(ref, {}, other)).rejects.toThrow(/not a doisoat reference cache/);
    expect(readFileSync(other, 'utf8')).toBe('do,not,overwrite\n');
  });

  it('does not fail the run when it cannot be written', async () => {
    const { dir, ref } = setup();
    const out = await readReferenceCached(ref, {}, join(dir, 'no-such-folder', 'cache'));
    expect(out.cache).toBe('unwritable');
    expect(out.reference.size).toBe(sample.citizens.length);
  });
});

describe('reference cache from the CLI', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'dist/worker.js'))) execFileSync('npx', ['tsup'], { cwd: root, stdio: 'ignore' });
  }, 120_000);

  it('gives the same outputs from a cached index, single-threaded and with workers, and says it used the cache', () => {
    const dir = mkdtempSync(join(tmpdir(), 'doisoat-cache-cli-'));
    execFileSync('node', [cli, 'sample', '--size', '2000', '--out', join(dir, 'in')]);
    const cache = join(dir, 'ref.cache');
    const run = (out: string, ...extra: string[]) =>
      spawnSync('node', [cli, 'reconcile', '-r', join(dir, 'in/reference.csv'), '-s', join(dir, 'in/records.csv'), '-o', join(dir, out), '--as-of', '2026-01-01', '--no-report', '--results', ...extra], { encoding: 'utf8' });
    const plain = run('plain', '-q');
    expect(plain.status).toBe(0);
    const cold = run('cold', '--reference-cache', cache);
    expect(cold.stderr).not.toMatch(/loaded from the cache/);
    const warm = run('warm', '--reference-cache', cache);
    expect(warm.stderr).toMatch(/Reference index loaded from the cache/);
    const warmWorkers = run('warm-workers', '--reference-cache', cache, '--workers', '2', '-q');
    expect(warmWorkers.status).toBe(0);
    // A cache written by workers (its fuzzy tables built in shared memory), then read single-threaded.
    const workersCache = join(dir, 'workers.cache');
    const coldWorkers = run('cold-workers', '--reference-cache', workersCache, '--workers', '2', '-q');
    expect(coldWorkers.status).toBe(0);
    const fromWorkersCache = run('from-workers-cache', '--reference-cache', workersCache, '--workers', '1');
    expect(fromWorkersCache.stderr).toMatch(/Reference index loaded from the cache/);
    expect(readFileSync(workersCache)).toEqual(readFileSync(cache));
    for (const out of ['cold', 'warm', 'warm-workers', 'cold-workers', 'from-workers-cache']) {
      for (const f of ['stats.json', 'results.ndjson', 'worklist.csv']) {
        expect(readFileSync(join(dir, out, f), 'utf8'), `${out}/${f}`).toBe(readFileSync(join(dir, 'plain', f), 'utf8'));
      }
    }
    writeFileSync(join(dir, 'notes.txt'), 'keep me');
    const foreign = run('foreign', '--reference-cache', join(dir, 'notes.txt'), '-q');
    expect(foreign.status).toBe(2);
    expect(foreign.stderr).toMatch(/not a doisoat reference cache/);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('keep me');
    const before = readFileSync(join(dir, 'in/reference.csv'), 'utf8');
    const onInput = run('on-input', '--reference-cache', join(dir, 'in/reference.csv'), '-q');
    expect(onInput.status).toBe(2);
    expect(onInput.stderr).toMatch(/one of the input or output files/);
    expect(readFileSync(join(dir, 'in/reference.csv'), 'utf8')).toBe(before);
  }, 120_000);
});
