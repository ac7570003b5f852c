import { readFileSync } from 'node:fs';
import { csvLine } from '../../src/write/csvCell.js';
import { markWorklistLine } from '../../src/write/worklistCsv.js';
import { markMember } from '../../src/reconcile/duplicates.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildReference,
  emptyStats,
  parseCsv,
  reconcile,
  referenceUpdatesCsv,
  resultsNdjson,
  statsJson,
  statsJsonSchema,
  statsSchema,
  worklistCsv,
  worklistLine,
  maskId,
  maskName,
  type RecordResult,
} from '../../src/index.js';

const reference = buildReference([
  { id: '001089012345', fullName: 'Nguyễn Văn An', birthDate: '05/07/1989', gender: 'Nam' },
  { id: '079190004567', fullName: 'Trần Thị Hoà', birthDate: '12/03/1990', gender: 'Nữ' },
]);
const { results, stats } = reconcile(
  reference,
  [
    { key: 'A1', citizenId: '001089012345', fullName: 'Nguyen Van An', birthDate: '05/07/1989' },
    { key: '=HYPERLINK("http://evil")', citizenId: '079190004567', fullName: '+Trần Thị Hoà', birthDate: '12/03/1990' },
    { key: 'A3', citizenId: '999999999999', fullName: 'Ai Đó' },
  ],
  { asOf: '2026-01-01' },
);

describe('worklistCsv', () => {
  it('writes a UTF-8 BOM, a header and one line per record in input order', () => {
    const csv = worklistCsv(results);
    expect(csv.startsWith('\uFEFFkey,row,status,reasons')).toBe(true);
    const rows = parseCsv(csv.slice(1)).records;
    expect(rows).toHaveLength(4);
    expect(rows.slice(1).map((r) => r.cells.slice(1, 3))).toEqual(results.map((r) => [String(r.row), r.status]));
    expect(rows[3]?.cells[2]).toBe('missing');
  });

  it('shows the record value and the suggested correction, masked by default', () => {
    const [, first] = parseCsv(worklistCsv(results).slice(1)).records;
    const header = parseCsv(worklistCsv(results).slice(1)).records[0]!.cells;
    const cell = (name: string): string | undefined => first!.cells[header.indexOf(name)];
    expect(cell('linked_id')).toBe('001******345');
    expect(cell('fullName_record')).toBe('Nguyen V. A.');
    expect(cell('fullName_reference')).toBe('Nguyễn V. A.');
    expect(cell('differences')).toContain('fullName:diacritics');
    const revealed = parseCsv(worklistCsv(results, { revealPersonalData: true }).slice(1)).records[1]!.cells;
    expect(revealed[header.indexOf('fullName_reference')]).toBe('Nguyễn Văn An');
    expect(revealed[header.indexOf('linked_id')]).toBe('001089012345');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    const csv = worklistCsv(results, { revealPersonalData: true });
    const row = parseCsv(csv.slice(1)).records[2]!.cells;
    expect(row[0]).toBe(`'=HYPERLINK("http://evil")`);
    expect(row.every((c) => !/^[=+\-@\t\r]/.test(c))).toBe(true);
  });

  it('round-trips any key through write and read', () => {
    fc.assert(
      fc.property(fc.string(), (key) => {
        const r: RecordResult = { key, row: 1, status: 'missing', diffs: [], reasons: [], problems: [], missingFields: [], duplicate: false };
        const back = parseCsv(worklistLine(r)).records[0]!.cells[0]!;
        expect(back === key || back === `'${key}`).toBe(true);
      }),
    );
  });
});

const text = fc.string({ unit: fc.constantFrom('a', 'Ễ', ',', '"', '\n', '\r', '=', '-', '+', '@', ' ', '1') });
const worklistFields = ['citizenId', 'fullName', 'birthDate', 'gender', 'provinceCode', 'communeCode', 'address'] as const;
const anyResult = fc.record({
  key: text,
  row: fc.integer(),
  status: fc.constantFrom('matched', 'mismatched', 'missing', 'stale'),
  reasons: fc.array(text, { maxLength: 3 }),
  citizenId: fc.option(text, { nil: undefined }),
  linkedBy: fc.option(fc.constantFrom('id', 'fuzzy'), { nil: undefined }),
  score: fc.option(fc.double({ noNaN: true }), { nil: undefined }),
  diffs: fc.array(fc.record({ field: fc.constantFrom(...worklistFields), kind: text, record: text, reference: text }), { maxLength: 4 }),
  problems: fc.array(fc.record({ field: text, code: text, message: text }), { maxLength: 2 }),
  duplicateOf: fc.option(fc.array(text, { maxLength: 2 }), { nil: undefined }),
});

describe('worklistLine', () => {
  it('writes the cells csvLine writes, for any values in every column', () => {
    const fields = worklistFields;
    const result = anyResult;
    fc.assert(
      fc.property(result, fc.boolean(), (r, reveal) => {
        const full = { ...r, missingFields: [], duplicate: false } as unknown as RecordResult;
        const show = (f: string, v: string): string => (reveal || v === '' ? v : f === 'citizenId' ? maskId(v) : f === 'fullName' ? maskName(v) : v);
        const cells = [
          full.key, String(full.row), full.status, full.reasons.join(' '), show('citizenId', full.citizenId ?? ''), full.linkedBy ?? '',
          full.score === undefined ? '' : String(Math.round(full.score * 1000) / 1000),
          ...fields.flatMap((f) => {
            const d = full.diffs.find((x) => x.field === f);
            return d === undefined ? ['', ''] : [show(f, d.record), show(f, d.reference)];
          }),
          full.diffs.map((d) => `${d.field}:${d.kind}`).join(' '),
          full.problems.map((p) => `${p.field}:${p.code}`).join(' '),
          (full.duplicateOf ?? []).join(' '),
        ];
        expect(worklistLine(full, reveal ? { revealPersonalData: true } : {})).toBe(csvLine(cells));
      }),
      { numRuns: 300 },
    );
  });

  it('marks a duplicate group member exactly as worklistLine writes the marked result (markWorklistLine)', () => {
    fc.assert(
      fc.property(anyResult, fc.array(text, { minLength: 1, maxLength: 25 }), fc.nat(30), fc.boolean(), (r, keys, rank, reveal) => {
        const unmarked = { ...r, missingFields: [], duplicate: false, duplicateOf: undefined } as unknown as RecordResult;
        delete (unmarked as { duplicateOf?: unknown }).duplicateOf;
        const at = rank % keys.length;
        const options = reveal ? { revealPersonalData: true } : {};
        expect(markWorklistLine(worklistLine(unmarked, options), keys, at, unmarked.reasons.length > 0)).toBe(worklistLine(markMember(unmarked, keys, at), options));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('resultsNdjson', () => {
  it('writes one parseable line per result', () => {
    const lines = resultsNdjson(results).trimEnd().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as RecordResult).key)).toEqual(results.map((r) => r.key));
  });
});

describe('statsJson', () => {
  it('writes versioned stats that validate against the schema', () => {
    const parsed = JSON.parse(statsJson(stats)) as Record<string, unknown>;
    expect(parsed['version']).toBe(1);
    expect(statsSchema.safeParse(parsed).success).toBe(true);
    expect(JSON.parse(statsJson(emptyStats())).total).toBe(0);
  });

  it('keeps docs/stats.schema.json up to date (regenerate with scripts/build-stats-schema.mjs)', () => {
    const committed = readFileSync('docs/stats.schema.json', 'utf8');
    expect(committed).toBe(`${JSON.stringify(statsJsonSchema(), null, 2)}\n`);
  });
});

describe('referenceUpdatesCsv', () => {
  it('writes suggestions with masked IDs', () => {
    const csv = referenceUpdatesCsv([{ citizenId: '001058000222', recordKey: 'KT-12', reason: 'reference-missing-death', field: 'status', current: 'alive', suggested: 'deceased' }]);
    expect(parseCsv(csv.slice(1)).records[1]?.cells).toEqual(['001******222', 'KT-12', 'reference-missing-death', 'status', 'alive', 'deceased']);
  });
});

describe('maskId', () => {
  it('keeps the first and last three characters of a long ID and only the last of a short one', () => {
    expect(maskId(' 001089012345 ')).toBe('001******345');
    expect(maskId('B1234567')).toBe('B12**567');
    expect(maskId('123456')).toBe('*****6');
    expect(maskId('7')).toBe('7');
    expect(maskId('   ')).toBe('');
    expect(maskId('x'.repeat(40))).toBe(`xxx${'*'.repeat(34)}xxx`);
  });

  it('hides every other character and keeps the length, for any ID', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 50 }), (id) => {
        const s = id.trim();
        const m = maskId(id);
        expect(m.length).toBe(s.length);
        const kept = s.length <= 6 ? [s.length - 1] : [0, 1, 2, s.length - 3, s.length - 2, s.length - 1];
        for (let k = 0; k < s.length; k++) expect(m[k]).toBe(kept.includes(k) ? s[k] : '*');
      }),
    );
  });
});
