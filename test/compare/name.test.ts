import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNames, NAME_LEVELS, type NameLevel } from '../../src/compare/name.js';
import { normaliseName, type NormalisedName } from '../../src/normalise/name.js';

function name(raw: string): NormalisedName {
  const n = normaliseName(raw);
  if (n === undefined) throw new Error('test name did not normalise');
  return n;
}

function level(a: string, b: string): NameLevel {
  return compareNames(name(a), name(b)).level;
}

const syllables = ['Nguyễn', 'Nguyen', 'Trần', 'Lê', 'Văn', 'Van', 'Thị', 'T.', 'Thu', 'Hoà', 'Hòa', 'Hùng', 'Hùnh', 'Lan', 'Đức', 'Duc', 'Anh', 'Tôn', 'Nữ', "H'Hen", 'Niê', 'Mai'];
const vietnameseIsh = fc
  .array(fc.constantFrom(...syllables), { minLength: 1, maxLength: 5 })
  .chain((words) => fc.constantFrom(words.join(' '), words.join(' ').toUpperCase(), words.join(' ').normalize('NFD')));
const nameLike = fc
  .oneof(vietnameseIsh, fc.string({ unit: 'binary', maxLength: 20 }), fc.string({ maxLength: 20 }))
  .map(normaliseName)
  .filter((n): n is NormalisedName => n !== undefined);

describe('compareNames', () => {
  it('runs the documented example', () => {
    expect(compareNames(normaliseName('Nguyen Van Duc')!, normaliseName('Nguyễn Văn Đức')!)).toEqual({
      level: 'diacritics',
      similarity: 1,
      edits: 0,
    });
  });

  it('finds identical names exact', () => {
    expect(compareNames(name('Nguyễn Văn An'), name('Nguyễn Văn An'))).toEqual({ level: 'exact', similarity: 1, edits: 0 });
  });

  it('treats NFD against NFC input as the same name', () => {
    expect(level('Nguyễn Thị Hương'.normalize('NFD'), 'Nguyễn Thị Hương')).toBe('exact');
  });

  it('calls ALL-CAPS and a different tone-mark style a case-or-spacing difference at most', () => {
    // Normalisation already unifies case and tone style, so the display forms coincide.
    expect(['exact', 'case-or-spacing']).toContain(level('Nguyễn Thị Hoà', 'NGUYỄN THỊ HÒA'));
    expect(['exact', 'case-or-spacing']).toContain(level('Lê  Thị Thủy', 'le thi thuỷ'.replace('le thi', 'lê thị')));
  });

  it('reports case-or-spacing when only the display capitalisation differs', () => {
    // "ß" has no single-letter upper case, so it survives capitalisation while "ss" does not.
    const a = name('ßa Lan');
    const b: NormalisedName = { ...a, display: 'ßA Lan' };
    expect(compareNames(a, b).level).toBe('case-or-spacing');
  });

  it('recognises lost diacritics, including Đ written as D', () => {
    expect(level('Nguyen Van Duc', 'Nguyễn Văn Đức')).toBe('diacritics');
    expect(level('Đào Thị Lan', 'Dao Thi Lan')).toBe('diacritics');
    expect(level('Lê Văn Hải', 'Lê Văn Hài')).toBe('diacritics');
  });

  it('recognises a missing or abbreviated middle name', () => {
    expect(level('Nguyễn Lan', 'Nguyễn Thị Lan')).toBe('middle-name');
    expect(level('Nguyễn T. Lan', 'Nguyễn Thị Lan')).toBe('middle-name');
    expect(level('Nguyễn T Lan', 'Nguyễn Thị Lan')).toBe('middle-name');
    expect(level('Trần Thị Thu Hà', 'Trần Thu Hà')).toBe('middle-name');
    expect(level('Nguyen T. Lan', 'Nguyễn Thị Lan')).toBe('middle-name');
  });

  it('still sees a middle-name difference when only one side has a compound surname', () => {
    expect(level('Nguyễn Phước Lộc', 'Nguyễn Lộc')).toBe('middle-name');
    expect(level('Tôn Nữ Hoàng Anh', 'Tôn Nữ Anh')).toBe('middle-name');
  });

  it('does not call a different middle name a middle-name difference', () => {
    expect(level('Nguyễn Văn An', 'Nguyễn Thị An')).not.toBe('middle-name');
    expect(level('Nguyễn Lan', 'Trần Thị Lan')).not.toBe('middle-name');
  });

  it('recognises the same words in a different order', () => {
    expect(level('Văn An Nguyễn', 'Nguyễn Văn An')).toBe('token-order');
    expect(level('Niê H’Hen', "H'Hen Niê")).toBe('token-order');
  });

  it('recognises a typo of one or two edits', () => {
    expect(compareNames(name('Nguyễn Văn Hùnh'), name('Nguyễn Văn Hùng'))).toMatchObject({ level: 'typo', edits: 1 });
    expect(level('Nguyễn Thị Xuân', 'Nguyễn Thị Suân')).toBe('typo');
  });

  it('grades larger spelling differences by Jaro–Winkler', () => {
    const high = compareNames(name('Trần Thị Thanh Huyền'), name('Trần Thị Thanh Hương'));
    expect(high.edits).toBeGreaterThan(2);
    expect(high.level).toBe('jaro-winkler-high');
    const mid = compareNames(name('Phạm Thị Ngọc Bích'), name('Phạm Thị Ngọc Hạnh'));
    expect(mid.level).toBe('jaro-winkler-mid');
  });

  it('calls unrelated names different', () => {
    const c = compareNames(name('Trần Thị Mai'), name('Lê Văn Hùng'));
    expect(c.level).toBe('different');
    expect(c.similarity).toBeLessThan(0.88);
  });

  it('lists the levels in the order they are tested', () => {
    expect(NAME_LEVELS).toEqual(['exact', 'case-or-spacing', 'diacritics', 'middle-name', 'token-order', 'typo', 'jaro-winkler-high', 'jaro-winkler-mid', 'different']);
  });

  it('is symmetric', () => {
    fc.assert(
      fc.property(nameLike, nameLike, (a, b) => {
        expect(compareNames(a, b)).toEqual(compareNames(b, a));
        return true;
      }),
      { numRuns: 3000 },
    );
  });

  it('finds every name exact against itself', () => {
    fc.assert(fc.property(nameLike, (a) => compareNames(a, a).level === 'exact'), { numRuns: 1000 });
  });

  it('keeps similarity and edits consistent with the level', () => {
    fc.assert(
      fc.property(nameLike, nameLike, (a, b) => {
        const c = compareNames(a, b);
        expect(c.similarity).toBeGreaterThanOrEqual(0);
        expect(c.similarity).toBeLessThanOrEqual(1);
        expect(c.edits === 0).toBe(a.skeleton === b.skeleton);
        if (c.level === 'different') expect(c.similarity).toBeLessThan(0.88);
        if (c.level === 'typo') expect(c.edits).toBeLessThanOrEqual(2);
        return true;
      }),
      { numRuns: 2000 },
    );
  });
});
