import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildReference } from '../../../src/index.js';
import { CITIZEN_ROW, ID_DIGITS, ID_HAS_FORMER, nameTable, ROW } from '../../../src/link/fuzzy/termFrequency.js';
import { nameSkeleton } from '../../../src/normalise/name.js';

// Names of 0 to 7 words (the table holds up to four tokens inline per distinct name), repeated, with
// spellings that share a skeleton; IDs of the vn scheme and opaque ones.
const word = fc.constantFrom('Nguyễn', 'nguyen', 'Thị', 'Văn', 'An', 'Bình', 'Tôn', 'Nữ', 'Hoàng', 'Lan', 'A');
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
        // Vocabulary in order of first use over the distinct names; sequences equal exactly for equal
        // skeletons; middle sequences counted per citizen.
        const skeletons = ref.columns.names.map((raw) => nameSkeleton(raw)).filter((k) => k !== '');
        expect(t.vocab).toEqual([...new Set(skeletons.flatMap((k) => k.split(' ')))]);
        expect(t.sequences).toBe(new Set(skeletons).size);
        const sequenceOf = new Map<string, number>();
        const middles = new Map<number, number>();
        for (let i = 0; i < ref.size; i++) {
          const raw = ref.columns.fullNames[i];
          const k = raw === undefined ? '' : nameSkeleton(raw);
          const q = t.rows[i * CITIZEN_ROW + ROW.sequence]!;
          if (k === '') expect(q).toBe(-1);
          else {
            if (!sequenceOf.has(k)) sequenceOf.set(k, q);
            expect(q).toBe(sequenceOf.get(k));
            middles.set(t.middle[i]!, (middles.get(t.middle[i]!) ?? 0) + 1);
          }
        }
        expect(new Set(sequenceOf.values()).size).toBe(sequenceOf.size);
        for (const [m, n] of middles) expect(t.middleCount[m]).toBe(n);
      }),
      { numRuns: 300 },
    );
  });
});
