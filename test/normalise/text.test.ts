import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, cleanTextFully, foldDiacritics, unifyToneMarks } from '../../src/normalise/text.js';

// Arbitrary strings biased towards the characters these functions treat specially.
const special = fc.constantFrom(
  ' ', '\u00A0', '\u200B', '\uFEFF', '\u00AD', '\u2060', '\u200E', '\u202E', '\u2066', '\t', '\n', '\u0000', '\u0085',
  '\u3000', '\u2000', '\u1FFD', 'Ð', 'ð', 'Đ', 'đ', '’', '‘', 'ʼ', '`', '´', '\uFF11', '\uFF21', '\uFF40', '\u0300',
  '\u0301', '\u0302', '\u0303', '\u0306', '\u0309', '\u031B', '\u0323', '\u034F', 'a', 'e', 'o', 'u', 'y', 'i', 'q', 'g',
  'n', 'h', 'A', 'O', 'U', 'ơ', 'ư', 'ê', 'ă', "'", '.', '-', '1',
);
const tricky = fc.array(fc.oneof(special, fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 20 }).map((p) => p.join(''));
const anyString = fc.oneof(fc.string({ unit: 'binary' }), tricky);

describe('cleanText', () => {
  it('gives what the full cleaning gives, for every letter and pair of letters its shortcut accepts', () => {
    const units: number[] = [];
    for (let c = 0x20; c < 0x7f; c++) units.push(c);
    for (let c = 0xc0; c <= 0x24f; c++) units.push(c);
    for (let c = 0x1e00; c <= 0x1eff; c++) units.push(c);
    const differ: string[] = [];
    for (const a of units) {
      const one = String.fromCharCode(a);
      if (cleanText(one) !== cleanTextFully(one)) differ.push(one);
      for (const b of units) {
        const two = one + String.fromCharCode(b);
        if (cleanText(two) !== cleanTextFully(two)) differ.push(two);
      }
    }
    expect(differ).toEqual([]);
  });

  it('gives what the full cleaning gives on text mixing clean letters with what needs cleaning', () => {
    const unit = fc.constantFrom('a', 'N', 'ễ', 'Đ', 'ư', 'ơ', ' ', '  ', '\u0301', '\u0303', 'Ð', 'ð', '\u00a0', '`', '\t', '\u200b', 'Ａ', 'e\u0302', '´', '\u2019', 'ǅ', 'ẛ', '×');
    fc.assert(fc.property(fc.array(unit, { maxLength: 12 }), (parts) => {
      const s = parts.join('');
      return cleanText(s) === cleanTextFully(s);
    }), { numRuns: 20000 });
  });

  it('composes NFD input to NFC', () => {
    const nfd = 'Nguyễn Thị Hương'.normalize('NFD');
    expect(nfd).toHaveLength(21);
    expect(cleanText(nfd)).toBe('Nguyễn Thị Hương');
    expect(cleanText(nfd)).toHaveLength(16);
  });

  it('repairs "Unicode tổ hợp" (precomposed vowel + combining tone, as from Unikey/CP1258)', () => {
    expect(cleanText('Nguy\u00EA\u0303n Th\u0069\u0323 H\u01B0\u01A1ng')).toBe('Nguyễn Thị Hương');
  });

  it('runs the documented example', () => {
    expect(cleanText('  Nguy\u00EA\u0303n\u00A0\u00A0Thị\u200B ')).toBe('Nguyễn Thị');
  });

  it('maps the look-alike Icelandic Eth to Vietnamese Đ', () => {
    expect(cleanText('\u00D0\u1EB7ng V\u0103n \u00F0\u00E0o')).toBe('\u0110\u1EB7ng V\u0103n \u0111\u00E0o');
  });

  it('removes zero-width, BOM, soft-hyphen, word-joiner and bidi characters', () => {
    expect(cleanText('\uFEFFNguy\u200Bễn\u00AD V\u200Căn\u200D A\u2060\u200E\u200F\u202A\u202E\u2066\u2069')).toBe('Nguyễn Văn A');
  });

  it('turns non-breaking and other Unicode spaces into one plain space', () => {
    expect(cleanText('Lê\u00A0Văn\u2003Tám\u3000Hai\u202FBa\tBốn\nNăm')).toBe('Lê Văn Tám Hai Ba Bốn Năm');
  });

  it('maps full-width digits and letters to ASCII', () => {
    expect(cleanText('\uFF10\uFF10\uFF11\uFF10\uFF18\uFF19 \uFF2E\uFF47')).toBe('001089 Ng');
  });

  it("normalises apostrophe variants in ethnic-minority names to '", () => {
    for (const a of ['’', '‘', 'ʼ', '`', '´', "'"]) expect(cleanText(`H${a}Hen Niê`)).toBe("H'Hen Niê");
  });

  it('removes control characters and collapses whitespace', () => {
    expect(cleanText('  Trần\u0000\u0007  \r\n Thị\u007F\u0090 Mai  ')).toBe('Trần Thị Mai');
  });

  it('leaves already clean text untouched', () => {
    expect(cleanText('Tôn Nữ Hoàng Anh')).toBe('Tôn Nữ Hoàng Anh');
    expect(cleanText('')).toBe('');
  });

  it('is idempotent on arbitrary strings', () => {
    fc.assert(fc.property(anyString, (s) => cleanText(cleanText(s)) === cleanText(s)), { numRuns: 3000 });
  });

  it('always returns NFC with no leading, trailing or doubled spaces', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const c = cleanText(s);
        return c === c.normalize('NFC') && c === c.trim() && !c.includes('  ') && !/[\u200B\uFEFF\u00A0\u00AD]/.test(c);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('foldDiacritics', () => {
  it('runs the documented example', () => {
    expect(foldDiacritics('Đặng Thị Hương')).toBe('Dang Thi Huong');
  });

  it('folds Đ/đ and the look-alike Ð/ð to D/d', () => {
    expect(foldDiacritics('Đào đức Ðông ðạt')).toBe('Dao duc Dong dat');
  });

  it('removes every Vietnamese tone and vowel-shape mark, whatever the Unicode form', () => {
    const s = 'Nguyễn Văn Đức Trường Quỳnh Thuỷ Hoà Ứng Ỷ';
    expect(foldDiacritics(s)).toBe('Nguyen Van Duc Truong Quynh Thuy Hoa Ung Y');
    expect(foldDiacritics(s.normalize('NFD'))).toBe('Nguyen Van Duc Truong Quynh Thuy Hoa Ung Y');
  });

  it('returns ASCII input unchanged', () => {
    expect(foldDiacritics('Nguyen Van A 123')).toBe('Nguyen Van A 123');
  });

  it('agrees with the plain NFD → strip → map Đ → NFC definition on arbitrary strings', () => {
    const reference = (s: string): string =>
      s.normalize('NFD').replace(/[\u0300-\u036F]/g, '').replace(/[\u0110\u00D0]/g, 'D').replace(/[\u0111\u00F0]/g, 'd').normalize('NFC');
    fc.assert(fc.property(anyString, (s) => foldDiacritics(s) === reference(s)), { numRuns: 3000 });
  });

  it('is idempotent and leaves no marks in U+0300–U+036F', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const f = foldDiacritics(s);
        return foldDiacritics(f) === f && !/[\u0300-\u036F\u0110\u0111]/.test(f);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('unifyToneMarks', () => {
  it('runs the documented example', () => {
    expect(unifyToneMarks('Hòa')).toBe('Hoà');
  });

  it('moves the tone to the main vowel in open oa/oe/uy syllables (QĐ 1989 style)', () => {
    const pairs: [string, string][] = [
      ['hòa', 'hoà'], ['Hóa', 'Hoá'], ['thủy', 'thuỷ'], ['Thúy', 'Thuý'], ['khỏe', 'khoẻ'], ['Tùy', 'Tuỳ'],
      ['xòe', 'xoè'], ['lũy', 'luỹ'], ['ủy', 'uỷ'], ['hoà', 'hoà'], ['thuỷ', 'thuỷ'],
    ];
    for (const [from, to] of pairs) expect(unifyToneMarks(from)).toBe(to);
  });

  it('leaves syllables that are the same in both styles unchanged', () => {
    for (const w of ['Hoàng', 'Toàn', 'Quỳnh', 'Nguyễn', 'Thị', 'Hương', 'Trường', 'Người', 'Khuyến', 'Đức', 'Mai', 'Tuấn', 'Mùa', 'Mía', 'Hải', 'Ngoài', 'Khuya', 'Giữ', 'Gì']) {
      expect(unifyToneMarks(w)).toBe(w);
    }
  });

  it('repairs a tone typed on the u of qu- or the i of gi-', () => {
    expect(unifyToneMarks('Qúy')).toBe('Quý');
    expect(unifyToneMarks('qúa')).toBe('quá');
    expect(unifyToneMarks('gìa')).toBe('già');
  });

  it('puts the tone on the shape-marked vowel (ơ in ươ), wherever it was typed', () => {
    expect(unifyToneMarks('Trừơng')).toBe('Trường');
    expect(unifyToneMarks('Ngừơi')).toBe('Người');
    expect(unifyToneMarks('Tùân')).toBe('Tuần');
    expect(unifyToneMarks('Nguỹên')).toBe('Nguyễn');
  });

  it('puts the tone on the last vowel of a closed syllable', () => {
    expect(unifyToneMarks('Hòang')).toBe('Hoàng');
    expect(unifyToneMarks('Qùynh')).toBe('Quỳnh');
  });

  it('preserves case', () => {
    expect(unifyToneMarks('HÒA')).toBe('HOÀ');
    expect(unifyToneMarks('THỦY')).toBe('THUỶ');
    expect(unifyToneMarks('hÒa')).toBe('hOà');
  });

  it('accepts NFD input and returns NFC', () => {
    expect(unifyToneMarks('hòa'.normalize('NFD'))).toBe('hoà');
    expect(unifyToneMarks('Nguyễn'.normalize('NFD'))).toBe('Nguyễn');
  });

  it('handles each syllable of an apostrophe-joined word separately', () => {
    expect(unifyToneMarks("H'Thùy")).toBe("H'Thuỳ");
  });

  it('returns non-Vietnamese words unchanged', () => {
    for (const w of ['José', 'Müller', 'Lan2', 'ñ', 'xyz', 'Hòá', 'ÀÀ', 'Ksơr', '']) expect(unifyToneMarks(w)).toBe(w);
  });

  it('makes old-style and new-style spellings identical', () => {
    const oldStyle = ['hòa', 'hóa', 'họa', 'thủy', 'thúy', 'thùy', 'thụy', 'khỏe', 'tùy', 'xòe', 'hỏa', 'lòe', 'quý'];
    for (const w of oldStyle) {
      const modern = unifyToneMarks(w);
      expect(unifyToneMarks(modern)).toBe(modern);
    }
    expect(new Set(['Hòa', 'Hoà'].map(unifyToneMarks)).size).toBe(1);
  });

  it('is idempotent and total on arbitrary strings', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const u = unifyToneMarks(s);
        return unifyToneMarks(u) === u;
      }),
      { numRuns: 3000 },
    );
  });

  it('only ever moves tone marks: the folded form and the length in NFD are unchanged', () => {
    const syllable = fc
      .array(fc.constantFrom('q', 'u', 'g', 'i', 'o', 'a', 'e', 'y', 'n', 'h', 'ư', 'ơ', 'ê', 'â', 'ă', 'ô', 't', 'c', 'ng'), { minLength: 1, maxLength: 5 })
      .chain((letters) =>
        fc.tuple(fc.constant(letters), fc.nat(letters.length - 1), fc.constantFrom('\u0300', '\u0301', '\u0303', '\u0309', '\u0323')),
      )
      .map(([letters, at, tone]) => letters.map((l, i) => (i === at ? l + tone : l)).join('').normalize('NFC'));
    fc.assert(
      fc.property(syllable, (w) => {
        const u = unifyToneMarks(w);
        return foldDiacritics(u) === foldDiacritics(w) && u.normalize('NFD').length === w.normalize('NFD').length && unifyToneMarks(u) === u;
      }),
      { numRuns: 3000 },
    );
  });
});
