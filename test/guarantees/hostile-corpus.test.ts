// Promise "totality" (docs/guarantees.md): every hostile input goes through every normaliser, the row
// parsers, buildReference and reconcile without a throw, every row is accounted for, problems name a
// field, and nothing is written to Object.prototype.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildReference,
  cleanText,
  foldDiacritics,
  nameSkeleton,
  normaliseId,
  normaliseName,
  parseCitizenRow,
  parseCitizenStatus,
  parseGender,
  parsePartialDate,
  parseSectorRow,
  reconcile,
  toAsciiDigits,
  unifyToneMarks,
  type RowProblem,
} from '../../src/index.js';
import { createDecoder, decodeBytes, detectEncoding, isValidUtf8 } from '../../src/read/encoding/decode.js';
import { convertLegacyFont, detectLegacyFont, repairVietnamese } from '../../src/read/encoding/legacyFonts.js';
import { CORPUS_SIZE, HOSTILE_BYTES, HOSTILE_CELLS, HOSTILE_ROWS, HOSTILE_TEXTS } from '../fixtures/hostile/corpus.js';
import { CITIZENS } from '../helpers/build.js';

const MODEL_FIELDS = ['key', 'citizenId', 'id', 'formerIds', 'fullName', 'birthDate', 'gender', 'provinceCode', 'communeCode', 'address', 'status', 'deathDate', 'updatedAt'];

/** A sector/reference row holding the value in every model field and in an extra column. */
function rowOf(value: unknown): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const f of MODEL_FIELDS) row[f] = value;
  row['Ghi chú'] = value;
  return row;
}

function expectProblemsWellFormed(problems: readonly RowProblem[], input?: string): void {
  for (const p of problems) {
    expect(typeof p.field).toBe('string');
    expect(p.field.length).toBeGreaterThan(0);
    expect(p.code).toMatch(/^[a-z_]+$/);
    // A message never repeats the value (personal data); short values could occur by chance in prose.
    if (input !== undefined && input.trim().length >= 6) expect(p.message).not.toContain(input.trim());
  }
}

function protoSnapshot(): string {
  const own = (o: object) => Reflect.ownKeys(o).map(String).sort().join(',');
  return [own(Object.prototype), own(Array.prototype), own(String.prototype), own(Function.prototype)].join('|');
}

const PROTOTYPES: readonly object[] = [Object.prototype, Array.prototype, String.prototype, Function.prototype, Object];
let before = '';
let ownBefore: readonly (readonly (string | symbol)[])[] = [];
beforeAll(() => {
  before = protoSnapshot();
  ownBefore = PROTOTYPES.map((p) => Reflect.ownKeys(p));
});

/** Removes whatever the corpus added to the built-in prototypes, so one bug does not cascade into other tests. */
function restorePrototypes(): void {
  PROTOTYPES.forEach((p, i) => {
    for (const k of Reflect.ownKeys(p)) if (!ownBefore[i]!.includes(k)) Reflect.deleteProperty(p, k);
  });
}

const reference = buildReference(CITIZENS);

describe('the hostile corpus', () => {
  it('holds at least 50 hand-made inputs', () => {
    expect(CORPUS_SIZE).toBeGreaterThanOrEqual(50);
  });
});

describe.each(HOSTILE_TEXTS.map(([name, value]) => ({ name, value })))('hostile text: $name', ({ value }) => {
  it('passes every normaliser without throwing, with typed results', () => {
    const clean = cleanText(value);
    expect(typeof clean).toBe('string');
    expect(cleanText(clean)).toBe(clean);
    expect(typeof foldDiacritics(value)).toBe('string');
    expect(typeof unifyToneMarks(value)).toBe('string');
    expect(typeof toAsciiDigits(value)).toBe('string');
    const name = normaliseName(value);
    if (name !== undefined) expect(name.tokens.length).toBeGreaterThan(0);
    expect(typeof nameSkeleton(value)).toBe('string');
    for (const dateOrder of ['dmy', 'mdy', 'auto'] as const) {
      const d = parsePartialDate(value, { dateOrder });
      if (d.ok) {
        expect(Number.isInteger(d.value.year)).toBe(true);
        if (d.value.month !== undefined) expect(d.value.month).toBeGreaterThanOrEqual(1);
        if (d.value.day !== undefined) expect(d.value.day).toBeLessThanOrEqual(31);
      } else if (value.trim().length >= 6) expect(d.message).not.toContain(value.trim());
    }
    const g = parseGender(value);
    expect(typeof g.ok).toBe('boolean');
    for (const scheme of ['vn', 'opaque'] as const) {
      const id = normaliseId(value, { scheme });
      if (id !== undefined) expect(typeof id.value).toBe('string');
    }
    expect(typeof parseCitizenStatus(value).ok).toBe('boolean');
  });

  it('passes the row parsers, buildReference and reconcile, every row accounted for', () => {
    const row = rowOf(value);
    const record = parseSectorRow(row, 3);
    expect(record.row).toBe(3);
    expect(typeof record.key).toBe('string');
    expectProblemsWellFormed(record.problems, value);
    expectProblemsWellFormed(parseCitizenRow(row).problems, value);
    const ref = buildReference([row, ...CITIZENS]);
    expect(ref.rowsRead).toBe(CITIZENS.length + 1);
    const { results, stats } = reconcile(ref, [row, { citizenId: value, fullName: value, birthDate: value }], { asOf: '2026-01-01' });
    expect(results.map((r) => r.row)).toEqual([1, 2]);
    expect(stats.total).toBe(2);
    for (const r of results) expectProblemsWellFormed(r.problems, value);
  });
});

describe.each(HOSTILE_CELLS.map(([name, value]) => ({ name, value })))('hostile cell: $name', ({ value }) => {
  it('passes the normalisers that take any cell, the row parsers and reconcile', () => {
    expect(typeof parsePartialDate(value).ok).toBe('boolean');
    expect(typeof parseGender(value).ok).toBe('boolean');
    expect(typeof parseCitizenStatus(value).ok).toBe('boolean');
    normaliseId(value);
    normaliseId(value, { scheme: 'opaque' });
    const row = rowOf(value);
    expectProblemsWellFormed(parseSectorRow(row, 1).problems);
    expectProblemsWellFormed(parseCitizenRow(row).problems);
    const ref = buildReference([row, ...CITIZENS]);
    expect(ref.rowsRead).toBe(CITIZENS.length + 1);
    const { results, stats } = reconcile(reference, [row, { citizenId: value }, value], { asOf: '2026-01-01' });
    expect(results).toHaveLength(3);
    expect(stats.byStatus.matched + stats.byStatus.mismatched + stats.byStatus.missing + stats.byStatus.stale).toBe(3);
  });
});

describe.each(HOSTILE_ROWS.map(([name, value]) => ({ name, value })))('hostile row: $name', ({ value }) => {
  it('is parsed into one record with its problems, and reconciled as one result', () => {
    const record = parseSectorRow(value, 1);
    expect(record.row).toBe(1);
    expectProblemsWellFormed(record.problems);
    expectProblemsWellFormed(parseCitizenRow(value).problems);
    const ref = buildReference([value, ...CITIZENS, value]);
    expect(ref.rowsRead).toBe(CITIZENS.length + 2);
    for (const p of ref.problems) expect(p.row).toBeGreaterThan(0);
    const { results, stats } = reconcile(reference, [value, CITIZENS[0], value], { asOf: '2026-01-01' });
    expect(results.map((r) => r.row)).toEqual([1, 2, 3]);
    expect(stats.total).toBe(3);
    // Fields named like prototype members stay data: the record's own shape is unchanged.
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(record.extra)).toBe(Object.prototype);
  });
});

describe('hostile rows all together', () => {
  it('reconciles the whole corpus as one register: one result per row, counts add up', () => {
    const rows: unknown[] = [
      ...HOSTILE_TEXTS.map(([, v]) => rowOf(v)),
      ...HOSTILE_CELLS.map(([, v]) => rowOf(v)),
      ...HOSTILE_ROWS.map(([, v]) => v),
    ];
    const ref = buildReference([...rows, ...CITIZENS]);
    const { results, stats } = reconcile(ref, rows, { asOf: '2026-01-01' });
    expect(results).toHaveLength(rows.length);
    expect(new Set(results.map((r) => r.row)).size).toBe(rows.length);
    const { matched, mismatched, missing, stale } = stats.byStatus;
    expect(matched + mismatched + missing + stale).toBe(rows.length);
  });
});

describe('IDs written in other scripts\' digits', () => {
  it.each(['٠٠١٠٨٩٠١٢٣٤٥', '００１０８９０１２３４５', '००१०८९०१२३४५', '𝟎𝟎𝟏𝟎𝟖𝟗𝟎𝟏𝟐𝟑𝟒𝟓', '001\u200b089\u00a0012\u2060345'])('links %s to the citizen', (id) => {
    const { results } = reconcile(reference, [{ citizenId: id, fullName: 'Nguyễn Văn An', birthDate: '05/07/1989' }], { asOf: '2026-01-01' });
    expect(results[0]).toMatchObject({ citizenId: '001089012345', linkedBy: 'id' });
  });

  // Regression test for a bug the hostile corpus found in src/normalise/id.ts (fixed).
  it('links an ID carrying a right-to-left mark', () => {
    expect(normaliseId('\u200f001089012345')).toEqual({ value: '001089012345', kind: 'personal-id' });
  });
});

describe('maxFieldLength', () => {
  it('turns an over-long field into a field_too_long problem on that field, not a crash', () => {
    const record = parseSectorRow({ citizenId: '001089012345', fullName: 'Nguyễn Văn An', address: 'x'.repeat(101) }, 1, { maxFieldLength: 100 });
    expect(record.problems).toEqual([expect.objectContaining({ field: 'address', code: 'field_too_long' })]);
    expect(record.fullName).toBe('Nguyễn Văn An');
    expect(record.address).toBeUndefined();
  });

  it('applies the default limit of 10,000 characters to every field, IDs and dates included', () => {
    const long = '1'.repeat(10_001);
    const record = parseSectorRow({ citizenId: long, birthDate: long, fullName: long, note: long }, 1);
    expect(record.problems.map((p) => [p.field, p.code]).sort()).toEqual([
      ['birthDate', 'field_too_long'],
      ['citizenId', 'field_too_long'],
      ['fullName', 'field_too_long'],
      ['note', 'field_too_long'],
    ]);
  });
});

describe.each(HOSTILE_BYTES.map(([name, value]) => ({ name, value })))('hostile bytes: $name', ({ value }) => {
  it('decodes with detection, with each explicit encoding and chunk by chunk, then repairs, without throwing', () => {
    const auto = decodeBytes(value);
    expect(typeof auto.text).toBe('string');
    detectEncoding(value);
    isValidUtf8(value);
    isValidUtf8(value, true);
    for (const encoding of ['utf-8', 'utf-16le', 'utf-16be', 'windows-1258', 'windows-1252'] as const) {
      const whole = decodeBytes(value, { encoding }).text;
      // Streaming in odd-sized chunks gives the same text as decoding at once (BOM aside).
      const d = createDecoder(encoding);
      let streamed = '';
      const step = value.length > 4096 ? 4093 : 3;
      for (let i = 0; i < value.length; i += step) streamed += d.write(value.subarray(i, i + step));
      streamed += d.end();
      expect(streamed.replace(/^\ufeff/, '')).toBe(whole.replace(/^\ufeff/, ''));
    }
    const sample = auto.text.slice(0, 20_000);
    repairVietnamese(sample);
    detectLegacyFont(sample.split(/\r?\n|,/).slice(0, 100));
    for (const font of ['tcvn3', 'vni', 'viqr', 'utf8-mojibake'] as const) convertLegacyFont(sample, font);
    cleanText(sample);
    normaliseName(sample);
  });
});

describe('legacy-font repair of the hostile texts', () => {
  it('never throws on any text of the corpus', () => {
    const texts = HOSTILE_TEXTS.map(([, v]) => v);
    detectLegacyFont(texts);
    for (const t of texts) {
      expect(typeof repairVietnamese(t).text).toBe('string');
      // convertLegacyFont is linear but slow on 1 MB (≈ 0.5 s per font); 64 KB exercises the same paths.
      for (const font of ['tcvn3', 'vni', 'viqr', 'utf8-mojibake'] as const) expect(typeof convertLegacyFont(t.slice(0, 65_536), font)).toBe('string');
    }
  });
});

// Runs last (tests in a file run in order): the whole corpus above has been through every stage.
describe('prototype pollution', () => {
  it('never sets a "polluted" property on plain objects', () => {
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect((Object as unknown as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  // Regression test for a bug the hostile corpus found in src/stats/summarize.ts (fixed).
  it('leaves Object.prototype and the other built-in prototypes unchanged after the whole corpus', () => {
    try {
      expect(protoSnapshot()).toBe(before);
      for (const k of ['missing', 'matched', 'invalid_cell']) expect(Object.hasOwn(Object, k)).toBe(false);
    } finally {
      restorePrototypes();
    }
  });
});
