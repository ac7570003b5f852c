import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { configSchema } from '../../src/node.js';
import { doisoat, cleanup, tempDir } from './helpers.js';

let dir = '';

function config(obj: unknown): void {
  writeFileSync(join(dir, 'doisoat.config.json'), JSON.stringify(obj, null, 2));
}

beforeAll(() => {
  dir = tempDir();
  expect(doisoat(['sample', '--size', '80', '--out', 'data'], { cwd: dir }).status).toBe(0);
});

afterAll(cleanup);

describe('doisoat.config.json', () => {
  it('is picked up from the current folder', () => {
    config({ $schema: './config.schema.json', reference: 'data/reference.csv', records: 'data/records.csv', asOf: '2026-01-01', out: 'from-config' });
    const r = doisoat(['reconcile', '-q'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(dir, 'from-config', 'stats.json'))).toBe(true);
  });

  it('applies its thresholds: a failing failUnder exits 1', () => {
    config({ reference: 'data/reference.csv', records: 'data/records.csv', out: 'gated', failUnder: { dung: 0.999 } });
    const r = doisoat(['reconcile', '-q'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('99.9%');
  });

  it('is overridden by flags', () => {
    config({ reference: 'data/reference.csv', records: 'data/records.csv', out: 'gated', failUnder: { dung: 0.999 } });
    const r = doisoat(['reconcile', '-q', '--out', 'flag-out', '--fail-under', 'dung=0.01'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(dir, 'flag-out', 'stats.json'))).toBe(true);
  });

  it('results: true writes results.ndjson, --no-results overrides it, and a run removes what it no longer writes', () => {
    config({ reference: 'data/reference.csv', records: 'data/records.csv', asOf: '2026-01-01', out: 'lean' });
    const files = (): boolean[] => ['results.ndjson', 'report.html', 'worklist.csv'].map((f) => existsSync(join(dir, 'lean', f)));
    expect(doisoat(['reconcile', '-q'], { cwd: dir }).status).toBe(0);
    expect(files()).toEqual([false, true, true]);
    config({ reference: 'data/reference.csv', records: 'data/records.csv', asOf: '2026-01-01', out: 'lean', results: true });
    expect(doisoat(['reconcile', '-q'], { cwd: dir }).status).toBe(0);
    expect(files()).toEqual([true, true, true]);
    // Not quiet: the run says why an earlier run's results.ndjson is gone.
    const overridden = doisoat(['reconcile', '--no-results'], { cwd: dir });
    expect(overridden.status, overridden.stderr).toBe(0);
    expect(files()).toEqual([false, true, true]);
    expect(overridden.stderr).toContain('Removed results.ndjson left by an earlier run in the output folder: this run did not write it (it is written only with --results).');
    expect(overridden.stderr).not.toMatch(/Removed report\.html/);
    expect(doisoat(['reconcile', '-q'], { cwd: dir }).status).toBe(0);
    expect(files()).toEqual([true, true, true]);
    // An earlier run's unmasked results and report must not stay beside a run that did not write them.
    config({ reference: 'data/reference.csv', records: 'data/records.csv', asOf: '2026-01-01', out: 'lean', results: false });
    const lean = doisoat(['reconcile', '-q', '--no-report'], { cwd: dir });
    expect(lean.status, lean.stderr).toBe(0);
    expect(files()).toEqual([false, false, true]);
    const full = doisoat(['reconcile', '-q', '--results'], { cwd: dir });
    expect(full.status, full.stderr).toBe(0);
    expect(files()).toEqual([true, true, true]);
  });

  it('can be given with --config from another path', () => {
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ reference: 'data/reference.csv', records: 'data/records.csv', out: 'other-out', profile: 'association' }));
    const r = doisoat(['reconcile', '-q', '-c', 'other.json'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'other-out', 'summary.md'), 'utf8')).toContain('association');
  });

  it('exits 2 naming the key of a wrong value', () => {
    config({ reference: 'data/reference.csv', records: 'data/records.csv', failUnder: { dung: 1.5 } });
    const r = doisoat(['reconcile', '-q'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/config file doisoat\.config\.json: failUnder\.dung: /);
  });

  it('exits 2 naming an unknown key', () => {
    config({ reference: 'data/reference.csv', records: 'data/records.csv', thresholds: { failUnder: { dung: 0.9 } } });
    const r = doisoat(['reconcile', '-q'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/config file doisoat\.config\.json: .*"thresholds"/);
  });

  it('takes workers as a number or "auto", and names the key of anything else', () => {
    for (const workers of ['auto', 1, 2]) {
      config({ reference: 'data/reference.csv', records: 'data/records.csv', out: `workers-${workers}`, workers });
      const r = doisoat(['reconcile', '-q'], { cwd: dir });
      expect(r.status, r.stderr).toBe(0);
    }
    expect(readFileSync(join(dir, 'workers-2', 'stats.json'), 'utf8')).toBe(readFileSync(join(dir, 'workers-auto', 'stats.json'), 'utf8'));
    for (const workers of ['many', 1.5, 0, 65, '2']) {
      config({ reference: 'data/reference.csv', records: 'data/records.csv', workers });
      const r = doisoat(['reconcile', '-q'], { cwd: dir });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/config file doisoat\.config\.json: workers: a whole number from 1 to 64, or "auto"/);
    }
  });

  it('exits 2 naming a key of the wrong type', () => {
    config({ reference: 'data/reference.csv', records: 'data/records.csv', revealPersonalData: 'yes' });
    const r = doisoat(['reconcile', '-q'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/revealPersonalData: .*boolean/);
  });
});

describe('docs/config.schema.json', () => {
  it('is up to date with configSchema (regenerate with scripts/build-config-schema.mjs after npm run build)', () => {
    const committed = readFileSync(new URL('../../docs/config.schema.json', import.meta.url), 'utf8');
    const expected = { title: 'doisoat configuration (doisoat.config.json)', ...z.toJSONSchema(configSchema, { io: 'input' }) };
    expect(committed).toBe(`${JSON.stringify(expected, null, 2)}\n`);
  });

  it('documents every setting and forbids unknown ones', () => {
    const schema = JSON.parse(readFileSync(new URL('../../docs/config.schema.json', import.meta.url), 'utf8')) as { properties: Record<string, unknown>; additionalProperties: unknown };
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(configSchema.shape).sort());
    expect(schema.additionalProperties).toBe(false);
  });

  it('accepts the example of docs/cli.md', () => {
    const doc = readFileSync(new URL('../../docs/cli.md', import.meta.url), 'utf8');
    const example = /### Config file[\s\S]*?```json\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    expect(configSchema.safeParse(JSON.parse(example ?? '')).success).toBe(true);
  });
});
