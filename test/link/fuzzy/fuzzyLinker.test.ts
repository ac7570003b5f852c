import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildReference,
  createFuzzyLinker,
  decide,
  emptyBlockingCounters,
  generateSample,
  idVariants,
  parseSectorRow,
  probabilityFromWeight,
  reconcileRecord,
  resolveFuzzyConfig,
  searchCitizens,
  weightFromProbability,
  type RecordResult,
} from '../../../src/index.js';

const CITIZENS = [
  { id: '001089012345', fullName: 'Nguyễn Văn An', birthDate: '05/07/1989', gender: 'Nam', provinceCode: '01', communeCode: '00004' },
  { id: '079190004567', fullName: 'Trần Thị Hoà', birthDate: '12/03/1990', gender: 'Nữ', provinceCode: '79' },
  { id: '087084000999', fullName: 'Phạm Minh Đức', birthDate: '20/11/1984', gender: 'Nam', provinceCode: '87' },
  // Namesakes: same name, birth date and gender, different provinces.
  { id: '001185000111', fullName: 'Lê Thị Thu Hà', birthDate: '02/02/1985', gender: 'Nữ', provinceCode: '01' },
  { id: '048185000222', fullName: 'Lê Thị Thu Hà', birthDate: '02/02/1985', gender: 'Nữ', provinceCode: '48' },
  { id: '036072000333', fullName: 'Hoàng Quốc Việt', birthDate: '15/06/1972', gender: 'Nam', provinceCode: '36' },
];
const ref = buildReference(CITIZENS);
const check = (row: Record<string, unknown>, fuzzy = {}): RecordResult => reconcileRecord(ref, row, { asOf: '2026-01-01', fuzzy });

function logOdds(r: { score?: number }): number {
  return weightFromProbability(r.score ?? 0);
}

describe('fuzzy linking', () => {
  it('links a record without ID by name and birth date, explaining the score', () => {
    const r = check({ fullName: 'Nguyễn Văn An', birthDate: '05/07/1989', gender: 'Nam', provinceCode: '01' });
    expect(r).toMatchObject({ status: 'matched', linkedBy: 'fuzzy', citizenId: '001089012345' });
    expect(r.score).toBeGreaterThanOrEqual(0.99);
    const fields = r.evidence?.map((e) => `${e.field}:${e.level}`);
    expect(fields).toEqual(['prior:odds 1:1111', 'fullName:exact', 'birthDate:exact', 'gender:agree', 'provinceCode:agree']);
  });

  it('makes the evidence weights sum to the log-odds of the score', () => {
    const r = check({ fullName: 'Nguyen Van An', birthDate: '07/05/1989', gender: 'Nam', provinceCode: '01' });
    expect(r.linkedBy).toBe('fuzzy');
    const sum = (r.evidence ?? []).reduce((s, e) => s + e.weight, 0);
    expect(sum).toBeCloseTo(logOdds(r), 6);
    expect(r.evidence?.find((e) => e.field === 'birthDate')?.level).toBe('day-month-swapped');
    expect(r.evidence?.find((e) => e.field === 'fullName')?.level).toBe('diacritics');
  });

  it('reports the name and date differences of a fuzzy link as a mismatch', () => {
    const r = check({ fullName: 'Phạm Đức', birthDate: '20/11/1984', gender: 'Nam' });
    expect(r).toMatchObject({ status: 'mismatched', linkedBy: 'fuzzy', citizenId: '087084000999' });
    expect(r.diffs.map((d) => d.kind)).toContain('middle-name');
  });

  it('does not link namesakes without other evidence: ambiguous, both listed', () => {
    const r = check({ fullName: 'Lê Thị Thu Hà', birthDate: '02/02/1985', gender: 'Nữ' });
    expect(r.status).toBe('missing');
    expect(r.reasons).toContain('ambiguous');
    expect(r.candidates?.map((c) => c.citizenId).sort()).toEqual(['001185000111', '048185000222']);
  });

  it('separates namesakes by province', () => {
    const r = check({ fullName: 'Lê Thị Thu Hà', birthDate: '02/02/1985', gender: 'Nữ', provinceCode: '48' });
    expect(r).toMatchObject({ linkedBy: 'fuzzy', citizenId: '048185000222' });
    expect(r.evidence?.at(-1)?.field).toBe('competition');
  });

  it('separates namesakes by the structure of a mistyped ID', () => {
    const r = check({ citizenId: '048185999999', fullName: 'Lê Thị Thu Hà', birthDate: '02/02/1985', gender: 'Nữ' });
    const top = r.candidates?.[0] ?? { citizenId: r.citizenId };
    expect(top.citizenId).toBe('048185000222');
  });

  it('puts a weak candidate in the review band with needs-review', () => {
    const r = check({ fullName: 'Nguyễn Văn An', birthDate: '1989', gender: 'Nam' });
    expect(r.status).toBe('missing');
    expect(r.reasons).toContain('needs-review');
    expect(r.candidates?.[0]?.citizenId).toBe('001089012345');
  });

  it('finds nobody for an unrelated person', () => {
    const r = check({ fullName: 'Đỗ Văn Tùng', birthDate: '01/01/1960' });
    expect(r).toMatchObject({ status: 'missing', reasons: ['no-candidate'] });
    expect(r.candidates).toBeUndefined();
  });

  it('can be turned off', () => {
    const r = reconcileRecord(ref, { fullName: 'Nguyễn Văn An', birthDate: '05/07/1989' }, { fuzzy: false });
    expect(r.status).toBe('missing');
  });

  it('counts candidate pairs per blocking rule', () => {
    const counters = emptyBlockingCounters();
    check({ fullName: 'Nguyễn Văn An', birthDate: '05/07/1989', provinceCode: '01' }, { counters });
    expect(counters.records).toBe(1);
    // A dated record is not searched by province: its date errors are caught by the other rules.
    expect(counters.pairs).toEqual({ 'birthYear+surname+given': 1, 'birthDate+surnameOrGiven': 1, 'given+dayMonth': 1 });
    expect(counters.uniquePairs).toBe(1);
  });

  it('searches a record without a full birth date by name and province', () => {
    for (const birthDate of [undefined, '1989', '00/00/1989', '07/1989', '01/01/1989']) {
      const counters = emptyBlockingCounters();
      check({ fullName: 'Nguyễn Văn An', ...(birthDate === undefined ? {} : { birthDate }), provinceCode: '01' }, { counters });
      expect(counters.pairs['surname+given+province-undated']).toBe(1);
      expect(counters.uniquePairs).toBe(1);
    }
    // Explicitly chosen, the rule of every record.
    const counters = emptyBlockingCounters();
    check({ fullName: 'Nguyễn Văn An', birthDate: '05/07/1990', provinceCode: '01' }, { counters, blockingRules: ['surname+given+province'] });
    expect(counters.pairs).toEqual({ 'surname+given+province': 1 });
    // Both chosen: the block is searched once.
    const both = emptyBlockingCounters();
    check({ fullName: 'Nguyễn Văn An', provinceCode: '01' }, { counters: both, blockingRules: ['surname+given+province', 'surname+given+province-undated'] });
    expect(both.pairs).toEqual({ 'surname+given+province': 1 });
  });
});

describe('ID-typo recovery', () => {
  it('recovers one substituted digit when name and birth date support it', () => {
    const r = check({ citizenId: '001089012346', fullName: 'Nguyễn Văn An', birthDate: '05/07/1989' });
    expect(r).toMatchObject({ status: 'mismatched', linkedBy: 'id-typo', citizenId: '001089012345' });
    expect(r.diffs[0]).toMatchObject({ field: 'citizenId', kind: 'digit-typo' });
    expect(r.evidence?.find((e) => e.field === 'citizenId')?.level).toBe('one-edit');
  });

  it('recovers a transposition of adjacent digits', () => {
    const r = check({ citizenId: '079190005467', fullName: 'Trần Thị Hoà', birthDate: '12/03/1990' });
    expect(r).toMatchObject({ linkedBy: 'id-typo', citizenId: '079190004567' });
  });

  it('refuses a typo candidate whose name and birth date disagree', () => {
    const r = check({ citizenId: '001089012346', fullName: 'Đỗ Văn Tùng', birthDate: '01/01/1960' });
    expect(r.status).toBe('missing');
    expect(r.reasons).toContain('id-not-in-reference');
  });

  it('generates 119 variants for a 12-digit ID', () => {
    expect(idVariants('001089012345')).toHaveLength(12 * 9 + 10 + 1);
    expect(idVariants('12')).toEqual(expect.arrayContaining(['21', '012', '02']));
  });

  it('never returns the ID itself and is total on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }), (s) => !idVariants(s).includes(s)));
  });
});

describe('exact ID links that conflict with the identity', () => {
  it('keeps the link, flags it and offers the citizen who fits', () => {
    // Phạm Minh Đức's ID, but Hoàng Quốc Việt's name and birth date.
    const r = check({ citizenId: '087084000999', fullName: 'Hoàng Quốc Việt', birthDate: '15/06/1972', gender: 'Nam', provinceCode: '36' });
    expect(r).toMatchObject({ linkedBy: 'id', citizenId: '087084000999' });
    expect(r.reasons).toContain('id-conflicts-with-identity');
    expect(r.candidates?.[0]?.citizenId).toBe('036072000333');
  });
});

describe('opaque IDs and addresses', () => {
  const people = [
    { id: 'AB-1234-X', fullName: 'John Smith', birthDate: '1980-04-02', address: '12 High Street, Leeds' },
    { id: 'CD-5678-Y', fullName: 'John Smith', birthDate: '1980-04-02', address: '3 Mill Lane, York' },
    { id: 'EF-9012-Z', fullName: 'Mary Jones', birthDate: '1975-11-30', address: '8 Church Road, Bath' },
  ];
  const opaque = buildReference(people, { idScheme: 'opaque' });
  const run = (row: Record<string, unknown>) => reconcileRecord(opaque, row, { idScheme: 'opaque', compare: ['fullName', 'birthDate', 'address'] });

  it('recovers a typo in an opaque ID', () => {
    const r = run({ citizenId: 'EF-9013-Z', fullName: 'Mary Jones', birthDate: '1975-11-30' });
    expect(r).toMatchObject({ linkedBy: 'id-typo', citizenId: 'EF-9012-Z' });
  });

  it('uses the address as a weak field to separate namesakes', () => {
    const r = run({ fullName: 'John Smith', birthDate: '1980-04-02', address: '12 High St Leeds' });
    const withAddress = r.candidates?.[0]?.citizenId ?? r.citizenId;
    expect(withAddress).toBe('AB-1234-X');
    const e = (r.candidates?.[0] ?? r).evidence?.find((x) => x.field === 'address');
    expect(e?.level).toMatch(/similar|overlap/);
  });
});

describe('decision bands', () => {
  const config = resolveFuzzyConfig({});
  const c = (index: number, p: number) => ({ index, weight: weightFromProbability(p), evidence: [], levels: {} });

  it('links a single candidate above accept', () => {
    expect(decide([c(0, 0.9999)], config).link?.candidate.index).toBe(0);
  });
  it('sends a single candidate between review and accept to review', () => {
    expect(decide([c(0, 0.9)], config)).toMatchObject({ reason: 'needs-review' });
  });
  it('calls two strong, close candidates ambiguous', () => {
    expect(decide([c(0, 0.99999), c(1, 0.99998)], config)).toMatchObject({ reason: 'ambiguous' });
  });
  it('ignores candidates below review', () => {
    expect(decide([c(0, 0.2)], config)).toEqual({ candidates: [] });
  });
  it('includes the competition in the linked evidence so the sum stays the score', () => {
    const d = decide([c(0, 0.999999), c(1, 0.6)], config);
    const sum = d.link?.evidence.reduce((s, e) => s + e.weight, 0) ?? 0;
    expect(probabilityFromWeight(sum + c(0, 0.999999).weight)).toBeGreaterThan(0);
    expect(d.link?.weight).toBeCloseTo(c(0, 0.999999).weight - Math.log2(1 + 2 ** c(1, 0.6).weight), 9);
  });
});

describe('the fuzzy linker on its own', () => {
  it('returns undefined when the record has neither name nor birth date', () => {
    expect(createFuzzyLinker()(ref, parseSectorRow({ gender: 'Nam' }, 1))).toBeUndefined();
  });
});

describe('the fuzzy linker against its reference implementation', () => {
  // The linker scores candidates into plain numbers, sums the competition as products of level odds and
  // compares weights with the thresholds' weights; decide(searchCitizens(…)) builds every scored candidate,
  // sums powers of 2 and compares probabilities. Same decisions; the competition equal up to rounding.
  const sample = generateSample({ citizens: 3000, records: 400, seed: 11 });
  const reference = buildReference(sample.citizens);
  const records = sample.records.map((row, k) => parseSectorRow(k % 2 === 0 ? { ...row, citizenId: '' } : row, k + 2));
  const threshold = fc.oneof(
    fc.constantFrom(0.5, 0.9, 0.99, 1e-7, 1 - 1e-9, 0.999999, 1e-6),
    fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }),
  );

  it('links, reviews and lists candidates exactly as decide(searchCitizens(…))', () => {
    fc.assert(
      fc.property(threshold, threshold, fc.integer({ min: 0, max: records.length - 1 }), (a, b, start) => {
        const options = { acceptThreshold: Math.max(a, b), reviewThreshold: Math.min(a, b) };
        const config = resolveFuzzyConfig(options);
        const linker = createFuzzyLinker(options);
        for (const record of records.slice(start, start + 25)) {
          const decision = decide(searchCitizens(reference, record, config), config);
          const outcome = linker(reference, record);
          const link = decision.link;
          if (link === undefined && decision.candidates.length === 0) {
            expect(outcome).toBeUndefined();
            continue;
          }
          expect(outcome?.link?.index).toBe(link?.candidate.index);
          if (link !== undefined) {
            expect(outcome?.link?.score).toBeCloseTo(probabilityFromWeight(link.weight), 12);
            const evidence = outcome?.link?.evidence ?? [];
            expect(evidence.map((e) => [e.field, e.level])).toEqual(link.evidence.map((e) => [e.field, e.level]));
            evidence.forEach((e, k) => expect(e.weight).toBeCloseTo(link.evidence[k]!.weight, 9));
          } else expect(outcome?.reasons).toEqual(decision.reason === undefined ? undefined : [decision.reason]);
          const listed = decision.candidates.filter((c) => c !== link?.candidate).map((c) => [reference.columns.ids[c.index], probabilityFromWeight(c.weight)]);
          expect((outcome?.candidates ?? []).map((c) => [c.citizenId, c.score])).toEqual(listed);
        }
      }),
      { numRuns: 60 },
    );
  });
});
