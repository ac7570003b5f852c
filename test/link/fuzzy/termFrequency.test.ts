import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildReference } from '../../../src/index.js';
import { CITIZEN_ROW, ID_DIGITS, ID_HAS_FORMER, nameTable, ROW, stagedNameTable } from '../../../src/link/fuzzy/termFrequency.js';
import { BLOCKING_RULES, blockingInputs, buildRuleIndex, indexedRules, installRuleIndex, prepareBlockingIndexes } from '../../../src/link/fuzzy/blocking.js';
import { newTable } from '../../../src/reference/sharedTables.js';
import { nameSkeleton } from '../../../src/normalise/name.js';

// Names of 0 to 7 words (the table holds up to four tokens inline per distinct name), repeated, with
// spellings that share a skeleton; IDs of the vn scheme and opaque ones.
const word = fc.constantFrom('Nguyễn', 'nguyen', 'NGUYỄN', 'Thị', 'Văn', 'An', 'Bình', 'Tôn', 'Nữ', 'Hoàng', 'Lan', 'A', "H'Hen", 'T.', "'", 'Ðặng', 'A1', '-', 'Lê-Văn');
const name = fc.oneof(fc.constant(''), fc.array(word, { minLength: 1, maxLength: 7 }).map((w) => w.join(' ')));
const citizen = fc.record({
  id: fc.oneof(fc.stringMatching(/^[0-9]{12}$/), fc.stringMatching(/^[0-9]{9}$/), fc.stringMatching(/^[A-Z]{2}[0-9]{4}$/)),
  fullName: name,
  formerIds: fc.oneof(fc.constant(''), fc.stringMatching(/^[0-9]{9}$/)),
});

describe('the name table', () => {
  it("holds each citizen's skeleton tokens, their counts and ID digits, as a plain reading of the reference does (property)", () => {
    fc.assert(
      fc.property(fc.array(citizen, { maxLength: 30 }), fc.constantFrom<'vn' | 'opaque'>('vn', 'opaque'), (rows, idScheme) => {
        const ref = buildReference(rows, { idScheme });
        const t = nameTable(ref);
        const surname = new Map<string, number>();
        const given = new Map<string, number>();
        let named = 0;
        for (let i = 0; i < ref.size; i++) {
          const raw = ref.columns.fullNames[i];
          const words = raw === undefined || nameSkeleton(raw) === '' ? [] : nameSkeleton(raw).split(' ');
          const tokens = [...t.tokens.subarray(t.start[i], t.start[i + 1])].map((k) => t.vocab[k]);
          expect(tokens).toEqual(words);
          const row = t.rows.subarray(i * CITIZEN_ROW, (i + 1) * CITIZEN_ROW);
          expect(row[ROW.tokens]).toBe(words.length);
          expect([...row.subarray(ROW.token0, ROW.token0 + Math.min(4, words.length))].map((k) => t.vocab[k])).toEqual(words.slice(0, 4));
          expect(t.middle[i]).toBe(words.length > 2 ? t.middleId.get(words.slice(1, -1).join(' ')) : 0);
          if (words.length > 0) {
            named++;
            surname.set(words[0]!, (surname.get(words[0]!) ?? 0) + 1);
            given.set(words.at(-1)!, (given.get(words.at(-1)!) ?? 0) + 1);
          }
          const id = ref.idAt(i);
          const digits = /^[0-9]{1,15}$/.test(id);
          const meta = (digits ? ID_DIGITS | id.length : 0) | (ref.columns.formerStart[i + 1]! > ref.columns.formerStart[i]! ? ID_HAS_FORMER : 0);
          expect(row[ROW.idMeta]).toBe(meta);
          if (digits) expect(row[ROW.idHigh]! * 1e6 + row[ROW.idLow]!).toBe(Number(id));
        }
        expect(t.named).toBe(named);
        for (const [w, n] of surname) expect(t.surnameCount[t.tokenId.get(w)!]).toBe(n);
        for (const [w, n] of given) expect(t.givenCount[t.tokenId.get(w)!]).toBe(n);
        // Vocabulary in order of first use over the distinct names; each citizen's row names its spelling;
        // middle sequences counted per citizen.
        const skeletons = ref.columns.names.map((raw) => nameSkeleton(raw)).filter((k) => k !== '');
        expect(t.vocab).toEqual([...new Set(skeletons.flatMap((k) => k.split(' ')))]);
        // Middle names numbered from 1 in order of first use ('' is 0).
        const middleKeys = [...new Set(skeletons.map((k) => k.split(' ')).filter((w) => w.length > 2).map((w) => w.slice(1, -1).join(' ')))];
        expect([...t.middleId]).toEqual([['', 0], ...middleKeys.map((k, m) => [k, m + 1])]);
        const middles = new Map<number, number>();
        for (let i = 0; i < ref.size; i++) {
          const raw = ref.columns.fullNames[i];
          const k = raw === undefined ? '' : nameSkeleton(raw);
          const q = t.rows[i * CITIZEN_ROW + ROW.nameCode]!;
          if (k === '') expect(q).toBe(-1);
          else {
            expect(ref.columns.names[q]).toBe(raw);
            middles.set(t.middle[i]!, (middles.get(t.middle[i]!) ?? 0) + 1);
          }
        }
        for (const [m, n] of middles) expect(t.middleCount[m]).toBe(n);
      }),
      { numRuns: 300 },
    );
  });

  it('numbers many distinct middle names once each, in order of first use', () => {
    const words = ['Văn', 'Thị', 'Đức', 'Hữu', 'Ngọc', 'Minh', 'Thanh', 'Quốc', 'Kim', 'Bảo'];
    const middles = words.flatMap((a) => words.map((b) => `${a} ${b}`));
    // Each middle name in two names, the second after every other: a table that lost one would number it again.
    const rows = [...middles, ...middles].map((m, k) => ({ id: String(1e11 + k), fullName: `Trần ${m} ${k < middles.length ? 'An' : 'Lan'}` }));
    const t = nameTable(buildReference(rows));
    const keys = middles.map((m) => nameSkeleton(m));
    expect([...t.middleId]).toEqual([['', 0], ...keys.map((k, i) => [k, i + 1])]);
    expect([...t.middle]).toEqual([...keys, ...keys].map((_, k) => (k % middles.length) + 1));
  });

  it('is the same table built in two stages, and blocking indexes built from the first stage in shared memory are those built on first use (property)', () => {
    // How the worker that indexes the reference builds them with a helper thread.
    fc.assert(
      fc.property(
        fc.array(fc.record({ citizen, birthDate: fc.constantFrom('', '05/07/1989', '01/01/1990', '1975', '12/1960'), provinceCode: fc.constantFrom('', '01', '79') }), { maxLength: 30 }),
        fc.subarray([...BLOCKING_RULES]),
        (rows, rules) => {
          const input = rows.map((r) => ({ ...r.citizen, birthDate: r.birthDate, provinceCode: r.provinceCode }));
          const direct = buildReference(input);
          const staged = buildReference(input);
          const stages = stagedNameTable(staged);
          const inputs = blockingInputs(staged, stages.tokens);
          const shared = indexedRules(rules).map((rule) => [rule, buildRuleIndex(inputs, rule, (Ctor, length) => newTable(Ctor, length, true))] as const);
          expect(stages.finish()).toEqual(nameTable(direct));
          for (const [rule, index] of shared) {
            expect(index.postings.buffer).toBeInstanceOf(SharedArrayBuffer);
            installRuleIndex(staged, rule, index);
          }
          prepareBlockingIndexes(direct, rules);
          prepareBlockingIndexes(staged, rules); // all installed: builds nothing
          for (const [rule, index] of shared) expect(staged.internals().derived.get(`fuzzy:block:${rule}`)).toBe(index);
          const blocks = (ref: typeof direct) => [...ref.internals().derived].filter(([k]) => k.startsWith('fuzzy:block:'));
          // Plain and shared typed arrays compare by their values.
          const plain = (entries: ReturnType<typeof blocks>) => entries.map(([k, v]) => [k, JSON.parse(JSON.stringify(v, (_, x: unknown) => (ArrayBuffer.isView(x) ? [...(x as Int32Array)] : x instanceof Map ? [...x] : x))) as unknown]);
          expect(plain(blocks(staged))).toEqual(plain(blocks(direct)));
          expect(blocks(staged).map(([k]) => k)).toEqual(indexedRules(rules).map((r) => `fuzzy:block:${r}`));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('indexes the undated province rule as the province rule, once', () => {
    expect(indexedRules(['surname+given+province-undated', 'given+dayMonth', 'surname+given+province'])).toEqual(['surname+given+province', 'given+dayMonth']);
  });
});
