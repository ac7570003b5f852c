import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildReference, generateSample, linkRecord, parseSectorRow, resolveOptions, type PartialDate } from '../../../src/index.js';
import { compareAt, compareIds, compareNameAt, dateLevelIndex, prepareRecord } from '../../../src/link/fuzzy/comparisons.js';
import { blockCandidates, BLOCKING_RULES, DEFAULT_BLOCKING_RULES, emptyBlockingCounters } from '../../../src/link/fuzzy/blocking.js';
import { nameTable } from '../../../src/link/fuzzy/termFrequency.js';
import { compareNames as plainCompareNames, type NameComparison } from '../../../src/compare/name.js';
import type { NormalisedName } from '../../../src/normalise/name.js';
import { compareDates, DATE_LEVELS } from '../../../src/compare/date.js';
import { normaliseName } from '../../../src/normalise/name.js';
import { packDate } from '../../../src/reference/packedDate.js';

// The fast comparison path works on token ids, packed dates and code-unit buffers; these tests hold it to
// the plain comparators (compareNames on two normalised names, compareDates on two partial dates).

/** compareNames' level as the fuzzy model names it: `typo` at one edit is `one-edit`. */
function compareNames(a: NormalisedName, b: NormalisedName): { level: string } {
  const c: NameComparison = plainCompareNames(a, b);
  return { level: c.level === 'typo' && c.edits <= 1 ? 'one-edit' : c.level };
}

const partialDate = fc
  .record({ year: fc.integer({ min: 1, max: 9999 }), month: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }), day: fc.integer({ min: 1, max: 31 }) })
  .map(({ year, month, day }): PartialDate => (month === undefined ? { year } : { year, month, day }));
const nearDate = fc
  .record({ year: fc.integer({ min: 1988, max: 1991 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 12 }), precision: fc.integer({ min: 0, max: 4 }) })
  .map(({ year, month, day, precision }): PartialDate => (precision === 0 ? { year } : precision === 1 ? { year, month } : { year, month, day }));

describe('packed birth-date levels', () => {
  it('agree with compareDates on arbitrary partial dates', () => {
    fc.assert(
      fc.property(partialDate, partialDate, (a, b) => {
        expect(DATE_LEVELS[dateLevelIndex(packDate(a), packDate(b))]).toBe(compareDates(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('agree with compareDates on close dates (swaps, digit typos, years off by one)', () => {
    fc.assert(
      fc.property(nearDate, nearDate, (a, b) => {
        expect(DATE_LEVELS[dateLevelIndex(packDate(a), packDate(b))]).toBe(compareDates(a, b));
      }),
      { numRuns: 3000 },
    );
  });

  it('finds a day/month swap and a one-digit year typo', () => {
    expect(DATE_LEVELS[dateLevelIndex(19980705, 19980507)]).toBe('day-month-swapped');
    expect(DATE_LEVELS[dateLevelIndex(19890705, 19880705)]).toBe('digit-typo');
    expect(DATE_LEVELS[dateLevelIndex(19890705, 19800705)]).toBe('digit-typo');
    expect(DATE_LEVELS[dateLevelIndex(19890705, 19900705)]).toBe('year-off-by-one');
  });
});

const SYLLABLES = ['Nguyễn', 'Nguyen', 'Trần', 'Lê', 'Văn', 'Thị', 'T.', 'Thu', 'Hà', 'Ha', 'Hùng', 'Hung', 'Hug', 'An', 'Anh', 'Đức', 'Duc', 'Minh', 'Ngọc', 'Tôn', 'Nữ', 'H\'Hen', 'Niê'];
const nameArb = fc.array(fc.constantFrom(...SYLLABLES), { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));

describe('name levels on token ids', () => {
  it('agree with compareNames for arbitrary Vietnamese-like names', () => {
    fc.assert(
      fc.property(fc.array(nameArb, { minLength: 1, maxLength: 8 }), nameArb, (citizenNames, recordName) => {
        const ref = buildReference(citizenNames.map((fullName, k) => ({ id: `00108901${String(1000 + k)}`, fullName, birthDate: '05/07/1989' })));
        const rec = prepareRecord(ref, parseSectorRow({ fullName: recordName, birthDate: '05/07/1989' }, 1));
        const a = normaliseName(recordName)!;
        for (let i = 0; i < ref.size; i++) {
          const b = normaliseName(ref.columns.fullNames[i]!)!;
          expect(compareNameAt(ref, nameTable(ref), rec, i)).toBe(compareNames(a, b).level);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('agree with compareNames when two records are compared in turn (shared character counts are reloaded per record)', () => {
    fc.assert(
      fc.property(fc.array(nameArb, { minLength: 1, maxLength: 6 }), nameArb, nameArb, (citizenNames, nameA, nameB) => {
        const ref = buildReference(citizenNames.map((fullName, k) => ({ id: `00108901${String(1000 + k)}`, fullName, birthDate: '05/07/1989' })));
        const recs = [nameA, nameB].map((n, k) => prepareRecord(ref, parseSectorRow({ fullName: n, birthDate: '05/07/1989' }, k + 1)));
        const names = [normaliseName(nameA)!, normaliseName(nameB)!];
        for (let round = 0; round < 2; round++) {
          for (let i = 0; i < ref.size; i++) {
            const b = normaliseName(ref.columns.fullNames[i]!)!;
            for (const k of [0, 1, 0]) expect(compareNameAt(ref, nameTable(ref), recs[k]!, i)).toBe(compareNames(names[k]!, b).level);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('agree with compareNames on arbitrary strings (totality)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 30 }), { minLength: 1, maxLength: 5 }), fc.string({ maxLength: 30 }), (citizenNames, recordName) => {
        const ref = buildReference(citizenNames.map((fullName, k) => ({ id: `00108901${String(1000 + k)}`, fullName, birthDate: '05/07/1989' })));
        const rec = prepareRecord(ref, parseSectorRow({ fullName: recordName, birthDate: '05/07/1989' }, 1));
        const a = rec.name;
        for (let i = 0; i < ref.size; i++) {
          const raw = ref.columns.fullNames[i];
          const b = raw === undefined ? undefined : normaliseName(raw);
          const expected = a === undefined || b === undefined ? undefined : compareNames(a, b).level;
          expect(compareNameAt(ref, nameTable(ref), rec, i)).toBe(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('agree with the plain comparators on every blocked pair of a generated sample', () => {
    const sample = generateSample({ citizens: 4000, records: 1500, seed: 7 });
    const ref = buildReference(sample.citizens);
    let pairs = 0;
    for (const [k, row] of sample.records.entries()) {
      const record = parseSectorRow({ ...row, citizenId: '' }, k + 1);
      const rec = prepareRecord(ref, record);
      for (const i of blockCandidates(ref, rec, BLOCKING_RULES, 5000)) {
        pairs++;
        const v = compareAt(ref, rec, i);
        const a = record.fullName === undefined ? undefined : normaliseName(record.fullName);
        const b = normaliseName(ref.columns.fullNames[i] ?? '');
        expect(v.fullName).toBe(a === undefined || b === undefined ? undefined : compareNames(a, b).level);
        const citizenBirth = ref.citizen(i).birthDate;
        expect(v.birthDate).toBe(record.birthDate === undefined || citizenBirth === undefined ? undefined : compareDates(record.birthDate, citizenBirth));
      }
    }
    expect(pairs).toBeGreaterThan(1000);
  });
});

describe('blocking', () => {
  it('returns each candidate once across rules, and again for the next record', () => {
    const ref = buildReference([
      { id: '001089012345', fullName: 'Nguyễn Văn An', birthDate: '05/07/1989', provinceCode: '01' },
      { id: '001089012346', fullName: 'Trần Văn An', birthDate: '05/07/1989', provinceCode: '01' },
    ]);
    const rec = prepareRecord(ref, parseSectorRow({ fullName: 'Nguyễn Văn An', birthDate: '05/07/1989', provinceCode: '01' }, 1));
    expect(blockCandidates(ref, rec, BLOCKING_RULES, 5000).sort()).toEqual([0, 1]);
    expect(blockCandidates(ref, rec, BLOCKING_RULES, 5000).sort()).toEqual([0, 1]);
  });

  it('finds a citizen born that day by either end word of the name, in either position', () => {
    const ref = buildReference([
      { id: '001089012345', fullName: 'Nguyễn Văn An', birthDate: '05/07/1989', provinceCode: '01' },
      { id: '001089012346', fullName: 'Trần Thị Lan', birthDate: '05/07/1989', provinceCode: '01' },
      { id: '001089012347', fullName: 'Lê Văn Bình', birthDate: '05/07/1989', provinceCode: '01' },
      { id: '001089012348', fullName: 'Nguyễn Văn An', birthDate: '06/07/1989', provinceCode: '01' },
    ]);
    const candidates = (fullName: string): number[] =>
      blockCandidates(ref, prepareRecord(ref, parseSectorRow({ fullName, birthDate: '05/07/1989' }, 1)), ['birthDate+surnameOrGiven'], 5000);
    expect(DEFAULT_BLOCKING_RULES).toContain('birthDate+surnameOrGiven');
    expect(DEFAULT_BLOCKING_RULES).not.toContain('birthDate');
    expect(candidates('Nguyễn Văn Aan')).toEqual([0]); // given name mistyped: the surname finds it
    expect(candidates('Nguyen Van An')).toEqual([0]);
    expect(candidates('Ngyễn Văn An')).toEqual([0]); // surname mistyped: the given name finds it
    expect(candidates('An Nguyễn')).toEqual([0]); // swapped
    expect(candidates('Trần Bình')).toEqual([1, 2]); // one word each
    expect(candidates('Phạm Văn Hùng')).toEqual([]); // only the date (and a middle name) in common…
    expect(blockCandidates(ref, prepareRecord(ref, parseSectorRow({ fullName: 'Phạm Văn Hùng', birthDate: '05/07/1989' }, 2)), ['birthDate'], 5000)).toEqual([0, 1, 2]); // …but with `birthDate`
  });

  it('caps the date-and-word rule on the citizens it keeps, not on everyone born that day', () => {
    const ref = buildReference([
      { id: '001089012345', fullName: 'Nguyễn Văn An', birthDate: '05/07/1989' },
      { id: '001089012346', fullName: 'Trần Thị Lan', birthDate: '05/07/1989' },
      { id: '001089012347', fullName: 'Lê Văn Bình', birthDate: '05/07/1989' },
    ]);
    const rec = prepareRecord(ref, parseSectorRow({ fullName: 'Nguyễn Văn Ân', birthDate: '05/07/1989' }, 1));
    const counters = emptyBlockingCounters();
    expect(blockCandidates(ref, rec, ['birthDate+surnameOrGiven'], 1, counters)).toEqual([0]);
    expect(counters).toMatchObject({ cappedBlocks: 0, pairs: { 'birthDate+surnameOrGiven': 1 } });
    expect(blockCandidates(ref, rec, ['birthDate'], 1, counters)).toEqual([]);
    expect(counters.cappedBlocks).toBe(1);
    // Kept over the cap: nothing of that rule reaches the next one's candidates.
    const two = prepareRecord(ref, parseSectorRow({ fullName: 'Nguyễn Văn Bình', birthDate: '05/07/1989' }, 2));
    expect(blockCandidates(ref, two, ['birthDate+surnameOrGiven'], 2)).toEqual([0, 2]);
    expect(blockCandidates(ref, two, ['birthDate+surnameOrGiven', 'birthYear+surname+given'], 1)).toEqual([]);
    expect(blockCandidates(ref, two, ['birthDate+surnameOrGiven', 'given+dayMonth'], 1)).toEqual([2]);
  });

  it('skips a date shared by more than ten times the cap without scanning it, and never matches unknown or absent words', () => {
    const citizens = Array.from({ length: 40 }, (_, k) => ({ id: `0010890${String(12345 + k).padStart(5, '0')}`, fullName: k === 0 ? 'Lan' : k === 1 ? '' : `Trần Thị Hoa${String.fromCharCode(97 + (k % 26))}`, birthDate: '01/01/1960' }));
    const ref = buildReference(citizens);
    const record = (fullName: string) => prepareRecord(ref, parseSectorRow({ fullName, birthDate: '01/01/1960' }, 1));
    const counters = emptyBlockingCounters();
    expect(blockCandidates(ref, record('Lan'), ['birthDate+surnameOrGiven'], 4, counters)).toEqual([0]); // one word: surname and given alike
    expect(blockCandidates(ref, record('Phạm Xuân'), ['birthDate+surnameOrGiven'], 4, counters)).toEqual([]); // words no citizen uses
    expect(counters.cappedBlocks).toBe(0);
    expect(blockCandidates(ref, record('Lan'), ['birthDate+surnameOrGiven'], 3, counters)).toEqual([]); // 1 kept, but 40 born that day > 10 × 3
    expect(counters.cappedBlocks).toBe(1);
    expect(blockCandidates(ref, record('Lan'), ['birthDate+surnameOrGiven'], 4)).toEqual([0]); // 40 ≤ 10 × 4: scanned
  });

  it('returns exactly the citizens that share a key with the record under some rule (each rule, and all together)', () => {
    // Enough citizens that every rule's key table grows several times from its initial 1024 slots.
    const sample = generateSample({ citizens: 6000, records: 900, seed: 23 });
    const ref = buildReference(sample.citizens);
    const facts = (name: string | undefined, birth: number, province: string | undefined) => {
      const tokens = name === undefined ? [] : (normaliseName(name)?.skeletonTokens ?? []);
      return { surname: tokens[0], given: tokens[tokens.length - 1], year: Math.floor(birth / 10000), md: birth % 10000, birth, province };
    };
    const citizens = Array.from({ length: ref.size }, (_, i) => facts(ref.columns.fullNames[i], ref.columns.birth[i]!, ref.citizen(i).provinceCode));
    type Facts = (typeof citizens)[number];
    const shares: Record<(typeof BLOCKING_RULES)[number], (r: Facts, c: Facts) => boolean> = {
      'birthYear+surname+given': (r, c) => r.year > 0 && r.surname !== undefined && r.surname === c.surname && r.given === c.given && r.year === c.year,
      birthDate: (r, c) => r.md % 100 > 0 && r.md >= 100 && r.birth === c.birth,
      'birthDate+surnameOrGiven': (r, c) =>
        r.md % 100 > 0 &&
        r.md >= 100 &&
        r.birth === c.birth &&
        [r.surname, r.given].some((w) => w !== undefined && (w === c.surname || w === c.given)),
      'surname+given+province': (r, c) => r.surname !== undefined && r.province !== undefined && r.surname === c.surname && r.given === c.given && r.province === c.province,
      'surname+given+province-undated': (r, c) =>
        !(r.md % 100 > 0 && r.md >= 100 && r.md !== 101) && r.surname !== undefined && r.province !== undefined && r.surname === c.surname && r.given === c.given && r.province === c.province,
      'given+dayMonth': (r, c) => r.given !== undefined && r.md % 100 > 0 && r.md >= 100 && r.given === c.given && r.md === c.md,
    };
    let pairs = 0;
    for (const [k, row] of sample.records.entries()) {
      const record = parseSectorRow({ ...row, citizenId: '' }, k + 2);
      const rec = prepareRecord(ref, record);
      const r = facts(record.fullName, rec.birth, record.provinceCode);
      for (const rules of [...BLOCKING_RULES.map((rule) => [rule]), BLOCKING_RULES]) {
        const expected = citizens.flatMap((c, i) => (rules.some((rule) => shares[rule](r, c)) ? [i] : []));
        expect(blockCandidates(ref, rec, rules, 1e9)).toEqual(expected);
        pairs += expected.length;
      }
    }
    expect(pairs).toBeGreaterThan(2000);
  });
});

describe('evidence that separates people', () => {
  const ref = buildReference([
    { id: '001089012345', fullName: 'Nguyễn Văn Hùng', birthDate: '05/07/1989', gender: 'Nam', provinceCode: '01' },
    { id: '001089055555', fullName: 'Nguyễn Văn Hải', birthDate: '05/07/1989', gender: 'Nam', provinceCode: '01' },
  ]);

  it('tells one edit ("Hùg") from two edits in the name', () => {
    const one = prepareRecord(ref, parseSectorRow({ fullName: 'Nguyễn Văn Hùg', birthDate: '05/07/1989' }, 1));
    expect(compareNameAt(ref, nameTable(ref), one, 0)).toBe('one-edit');
    const two = prepareRecord(ref, parseSectorRow({ fullName: 'Nguyễn Văn Hg', birthDate: '05/07/1989' }, 2));
    expect(compareNameAt(ref, nameTable(ref), two, 0)).toBe('typo');
  });

  it('counts an unknown ID two edits from the candidate as evidence against it, one edit as strong support', async () => {
    const { scoreCitizen, resolveFuzzyConfig } = await import('../../../src/index.js');
    const config = resolveFuzzyConfig();
    const idWeight = (citizenId: string): number | undefined => {
      const rec = prepareRecord(ref, parseSectorRow({ citizenId, fullName: 'Nguyễn Văn Hùng', birthDate: '05/07/1989', gender: 'Nam' }, 3));
      return scoreCitizen(ref, rec, 0, config).evidence.find((e) => e.field === 'citizenId')?.weight;
    };
    expect(idWeight('001089012346')).toBeGreaterThan(15); // one-edit
    expect(idWeight('001089099999')).toBeLessThan(0); // same-prefix-year: a namesake's ID looks like this
  });
});

describe('ID level against packed reference IDs', () => {
  // The fuzzy linker compares all-digit IDs on digits unpacked from the name table's rows; it must give
  // compareIds' level on the strings, for every kind of near-miss and with or without former IDs.
  const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
  const variant = (id: string) =>
    fc.oneof(
      fc.constant(id),
      fc.tuple(fc.nat(id.length - 1), fc.integer({ min: 0, max: 9 })).map(([k, d]) => id.slice(0, k) + d + id.slice(k + 1)),
      fc.nat(id.length - 2).map((k) => id.slice(0, k) + id[k + 1] + id[k] + id.slice(k + 2)),
      fc.constant(id.startsWith('0') ? id.slice(1) : `0${id}`),
      digits(id.length),
      digits(id.length === 12 ? 9 : 12),
    );
  const pair = fc.oneof(digits(12), digits(9), fc.constant('001089012345'), fc.constant('012345678')).chain((id) => fc.tuple(fc.constant(id), variant(id), fc.option(digits(9), { nil: undefined })));
  it('equals compareIds on the ID strings', () => {
    fc.assert(
      fc.property(pair, fc.constantFrom('vn', 'opaque') as fc.Arbitrary<'vn' | 'opaque'>, ([citizenId, recordId, former], scheme) => {
        const ref = buildReference([{ id: citizenId, fullName: 'Nguyễn Văn An', ...(former === undefined ? {} : { formerIds: former }) }], { idScheme: scheme });
        fc.pre(ref.size === 1);
        const rec = prepareRecord(ref, parseSectorRow({ citizenId: recordId, fullName: 'Trần Thị Bích' }, 1, { idScheme: scheme }));
        fc.pre(rec.id !== undefined);
        const ids = [ref.columns.ids[0]!, ...ref.columns.formerIds];
        expect(compareAt(ref, rec, 0).citizenId).toBe(compareIds(rec.id!, ids, scheme));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the per-record memo of name levels', () => {
  it('gives every record the levels a fresh comparison gives, with two records scored in turn against 600 distinct names', () => {
    // Records taken in turn (as EM's sampling does) once filled the memo's every slot, and a probe for a
    // name not held never ended.
    const given = ['An', 'Bình', 'Cường', 'Dũng', 'Em', 'Giang', 'Hà', 'Khánh', 'Lan', 'Minh', 'Nam', 'Oanh', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Uyên', 'Vinh', 'Xuân', 'Yến'];
    const middle = ['Văn', 'Thị', 'Đức', 'Hữu', 'Ngọc', 'Minh', 'Thanh', 'Quốc', 'Kim', 'Bảo', 'Gia', 'Xuân', 'Thu', 'Hoài', 'Phương', 'Trọng', 'Đình', 'Công', 'Mạnh', 'Tuấn', 'Hồng', 'Diệu', 'Anh', 'Khắc', 'Duy', 'Trung', 'Như', 'Cẩm', 'Bích', 'Tường'];
    const citizens = Array.from({ length: 600 }, (_, k) => ({ id: String(1e11 + k).padStart(12, '0'), fullName: `Trần ${middle[k % 30]} ${given[Math.floor(k / 30)]}` }));
    const ref = buildReference(citizens);
    const table = nameTable(ref);
    const records = ['Trần Văn An', 'Tran Thi Binh'].map((fullName, i) => parseSectorRow({ fullName }, i + 1));
    const prepared = records.map((r) => prepareRecord(ref, r));
    const fresh = (which: number, i: number): string | undefined => {
      const copy = { ...records[which]! }; // a new record object: prepared afresh, with a memo of its own
      return compareNameAt(ref, table, prepareRecord(ref, copy), i);
    };
    const expected = [0, 1].map((which) => Array.from({ length: 600 }, (_, i) => fresh(which, i)));
    // Long runs of one record between short runs of the other, then both in a random order.
    const steps: [number, number][] = [];
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 300; i++) steps.push([0, (round * 97 + i) % 600]);
      for (let i = 0; i < 3; i++) steps.push([1, (round * 31 + i) % 600]);
    }
    let seed = 7;
    for (let step = 0; step < 6000; step++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      steps.push([seed % 2, (seed >>> 3) % 600]);
    }
    for (const [which, i] of steps) expect(compareNameAt(ref, table, prepared[which]!, i)).toBe(expected[which]![i]);
  });
});

describe('prepareRecord', () => {
  const sample = generateSample({ citizens: 300, records: 50, seed: 21 });
  const reference = buildReference(sample.citizens);
  const other = buildReference(sample.citizens.slice(0, 150));

  it('remembers the record prepared last, and prepares again for another record or another reference', () => {
    const [a, b] = sample.records.slice(0, 2).map((r, i) => parseSectorRow(r, i + 1));
    const first = prepareRecord(reference, a!);
    expect(prepareRecord(reference, a!)).toBe(first);
    const forB = prepareRecord(reference, b!);
    expect(forB.record).toBe(b);
    const again = prepareRecord(reference, a!);
    expect(again).not.toBe(first);
    expect({ ...again, serial: 0 }).toEqual({ ...first, serial: 0 });
    expect(prepareRecord(other, a!)).not.toBe(again);
    expect(prepareRecord(other, a!).record).toBe(a);
  });

  it('is forgotten once linkRecord has run the stages for the record (nothing of it outlives its linking)', () => {
    const record = parseSectorRow({ ...sample.records[3], citizenId: undefined }, 4);
    const before = prepareRecord(reference, record);
    expect(prepareRecord(reference, record)).toBe(before);
    linkRecord(reference, record, resolveOptions({ asOf: sample.asOf }));
    expect(prepareRecord(reference, record)).not.toBe(before);
  });
});
