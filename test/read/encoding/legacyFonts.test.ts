import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isVietnameseSyllable } from '../../../src/read/encoding/detect.js';
import { convertLegacyFont, detectLegacyFont, repairVietnamese } from '../../../src/read/encoding/legacyFonts.js';
import { WINDOWS_1252_HIGH } from '../../../src/read/encoding/tables.js';
import { LETTERS, TCVN3_BYTES } from '../../fixtures/encoding/letters.js';

const col = (l: Record<string, string>, k: string): string => l[k] ?? '';
const encodeWith = (text: string, column: string): string =>
  Array.from(text, (ch) => { const l = LETTERS.find((x) => x['char'] === ch); return l ? col(l, column) : ch; }).join('');
/** UTF-8 bytes of the text read back as Windows-1252 (undefined bytes as C1 controls). */
const mojibake = (text: string): string =>
  Array.from(new TextEncoder().encode(text), (b) => (b < 0x80 ? String.fromCharCode(b) : WINDOWS_1252_HIGH[b - 0x80] ?? '')).join('');

describe('convertLegacyFont — TCVN3 (ABC)', () => {
  it('converts names typed in .VnTime', () => {
    expect(convertLegacyFont('NguyÔn V¨n An', 'tcvn3')).toBe('Nguyễn Văn An');
    expect(convertLegacyFont('NguyÔn ThÞ H\u00AD¬ng', 'tcvn3')).toBe('Nguyễn Thị Hương');
    expect(convertLegacyFont('§µo', 'tcvn3')).toBe('Đào');
    expect(convertLegacyFont('NguyÔn V¨n §øc', 'tcvn3')).toBe('Nguyễn Văn Đức');
  });
  it('upper-cases toned letters of words typed in an all-caps H font', () => {
    expect(convertLegacyFont('NGUYÔN', 'tcvn3')).toBe('NGUYỄN');
    expect(convertLegacyFont('NGUYÔN THÞ H\u00AD¥NG', 'tcvn3')).toBe('NGUYỄN THỊ HƯƠNG');
    expect(convertLegacyFont('Tõ V¡N', 'tcvn3')).toBe('TỪ VĂN');
  });
  it('keeps title case when the rest of the word is lower case', () => {
    expect(convertLegacyFont('Tõ', 'tcvn3')).toBe('Từ');
    expect(convertLegacyFont('¢u Thanh', 'tcvn3')).toBe('Âu Thanh');
  });
  it('round-trips every letter TCVN3 can represent (all 74 of the 134, plus H-font capitals)', () => {
    let n = 0;
    for (const l of LETTERS) {
      if (col(l, 'tcvn3_as_cp1252') !== '') {
        expect(convertLegacyFont(col(l, 'tcvn3_as_cp1252'), 'tcvn3'), col(l, 'codepoint_nfc')).toBe(col(l, 'char'));
        n++;
      } else {
        // A toned capital: only the H fonts have it, on the lower-case byte, inside an upper-case word.
        const byte = parseInt(col(l, 'tcvn3_H_font_byte_hex'), 16);
        const seen = WINDOWS_1252_HIGH[byte - 0x80] ?? '';
        expect(convertLegacyFont(`X${seen}X`, 'tcvn3'), col(l, 'codepoint_nfc')).toBe(`X${col(l, 'char')}X`);
      }
    }
    expect(n).toBe(74);
  });
  it('maps every VN3 byte of the byte table to its letter', () => {
    for (const r of TCVN3_BYTES.filter((x) => x['in_vn3'] === 'yes')) {
      expect(convertLegacyFont(col(r, 'as_cp1252_char'), 'tcvn3'), col(r, 'byte_hex')).toBe(col(r, 'vn3_char'));
    }
  });
});

describe('convertLegacyFont — VNI-Windows', () => {
  it('converts names typed in VNI-Times', () => {
    expect(convertLegacyFont('Nguyeãn Thò Höông', 'vni')).toBe('Nguyễn Thị Hương');
    expect(convertLegacyFont('Nguyeãn Vaên Ñöùc', 'vni')).toBe('Nguyễn Văn Đức');
    expect(convertLegacyFont('NGUYEÃN VAÊN ÑÖÙC', 'vni')).toBe('NGUYỄN VĂN ĐỨC');
  });
  it('lets the base letter decide the case when Excel changed only the modifier', () => {
    expect(convertLegacyFont('Aø', 'vni')).toBe('À');
  });
  it('round-trips all 134 letters, alone and inside a word', () => {
    for (const l of LETTERS) {
      expect(convertLegacyFont(col(l, 'vni_win_as_cp1252'), 'vni'), col(l, 'codepoint_nfc')).toBe(col(l, 'char'));
      expect(convertLegacyFont(`th${col(l, 'vni_win_as_cp1252')}ng`, 'vni'), col(l, 'codepoint_nfc')).toBe(`th${col(l, 'char')}ng`);
    }
  });
});

describe('convertLegacyFont — VIQR', () => {
  it('converts RFC 1456 text', () => {
    expect(convertLegacyFont('Nguye^~n Thi. Hu+o+ng', 'viqr')).toBe('Nguyễn Thị Hương');
    expect(convertLegacyFont('DDa(.ng Va(n DDu+\'c', 'viqr')).toBe('Đặng Văn Đức');
    expect(convertLegacyFont('ddo^ng', 'viqr')).toBe('đông');
  });
  it('treats a second tone mark in a syllable as punctuation', () => {
    expect(convertLegacyFont('Ha` No^.i.', 'viqr')).toBe('Hà Nội.');
  });
  it('keeps escaped marks literally', () => {
    expect(convertLegacyFont('Ba\\.', 'viqr')).toBe('Ba.');
  });
  it('round-trips all 134 letters', () => {
    for (const l of LETTERS) {
      expect(convertLegacyFont(col(l, 'viqr'), 'viqr'), col(l, 'codepoint_nfc')).toBe(col(l, 'char'));
    }
  });
});

describe('convertLegacyFont — UTF-8 read as Windows-1252', () => {
  it('re-encodes and decodes as UTF-8', () => {
    expect(convertLegacyFont('Nguyá»…n Thá»‹ HÆ°Æ¡ng', 'utf8-mojibake')).toBe('Nguyễn Thị Hương');
  });
  it('recovers bytes undefined in Windows-1252 kept as C1 controls', () => {
    expect(convertLegacyFont('Ä\u0090ặng Ngá»\u008dc', 'utf8-mojibake')).toBe('Đặng Ngọc');
  });
  it('restores Đ from "Ä?" and marks other lost bytes with U+FFFD', () => {
    expect(convertLegacyFont('Ä?ào Nguyá»?n', 'utf8-mojibake')).toBe('Đào Nguy\uFFFDn');
  });
  it('round-trips all 134 letters', () => {
    for (const l of LETTERS) {
      expect(convertLegacyFont(mojibake(col(l, 'char')), 'utf8-mojibake'), col(l, 'codepoint_nfc')).toBe(col(l, 'char'));
    }
  });
});

describe('repairVietnamese', () => {
  it.each([
    ['NguyÔn ThÞ H\u00AD¬ng', 'Nguyễn Thị Hương', 'tcvn3'],
    ['NGUYÔN V¡N AN', 'NGUYỄN VĂN AN', 'tcvn3'],
    ['Nguyeãn Vaên Ñöùc', 'Nguyễn Văn Đức', 'vni'],
    ['Nguye^~n Thi. Hu+o+ng', 'Nguyễn Thị Hương', 'viqr'],
    ['Nguyá»…n Thá»‹ HÆ°Æ¡ng', 'Nguyễn Thị Hương', 'utf8-mojibake'],
    ['Ä\u0090ặng', 'Đặng', 'utf8-mojibake'],
  ])('repairs %s', (input, text, font) => {
    expect(repairVietnamese(input)).toEqual({ text, font });
  });
  it.each(['Hélène Dupont', 'José', 'Noël Müller', 'François Lê', 'Nguyễn Thị Hương', 'Trần Văn Bình', 'Hello world', "I'm here", 'Go?', 'Le Van A.', '', 'Ksor H\'Hen', 'Ê Đê'])(
    'leaves %j unchanged',
    (input) => {
      expect(repairVietnamese(input)).toEqual({ text: input });
    },
  );
});

describe('detectLegacyFont', () => {
  it('settles a VNI column that one ambiguous cell could not', () => {
    // "Hoà" is valid Unicode and also VNI for "Hồ"; the rest of the column decides.
    expect(repairVietnamese('Hoà Vaên An').text).toBe('Hồ Văn An');
    expect(repairVietnamese('Hoà').text).toBe('Hoà');
    const column = ['Hoà', 'Nguyeãn Vaên Ñöùc', 'Traàn Thò Bình', 'Leâ Hoa'];
    const d = detectLegacyFont(column);
    expect(d.font).toBe('vni');
    expect(column.map((c) => convertLegacyFont(c, 'vni'))).toEqual(['Hồ', 'Nguyễn Văn Đức', 'Trần Thị Bình', 'Lê Hoa']);
  });
  it('recognises each font from a column of names', () => {
    const names = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Hoàng Đức', 'Phạm Thị Hương', 'Đặng Quốc Tuấn'];
    expect(detectLegacyFont(names.map((n) => encodeWith(n, 'tcvn3_as_cp1252'))).font).toBe('tcvn3');
    expect(detectLegacyFont(names.map((n) => encodeWith(n, 'vni_win_as_cp1252'))).font).toBe('vni');
    expect(detectLegacyFont(names.map((n) => encodeWith(n, 'viqr'))).font).toBe('viqr');
    expect(detectLegacyFont(names.map(mojibake)).font).toBe('utf8-mojibake');
    expect(detectLegacyFont(names.map(mojibake)).confidence).toBeGreaterThan(0.9);
  });
  it('finds nothing in a Unicode, English or French column', () => {
    expect(detectLegacyFont(['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Hoàng Đức'])).toEqual({ font: undefined, confidence: 0 });
    expect(detectLegacyFont(['Hélène Dupont', 'José García', 'Zoë'])).toEqual({ font: undefined, confidence: 0 });
    expect(detectLegacyFont([])).toEqual({ font: undefined, confidence: 0 });
  });
});

// Generated Vietnamese names over real syllables, in NFC.
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Tô', 'Trương'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Ngọc', 'Thanh', 'Quốc', 'Xuân', 'Thu'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hương', 'Hoa', 'Lan', 'Tuấn', 'Thủy', 'Hòa', 'Khuê', 'Nguyệt', 'Ánh', 'Yến', 'Quyên', 'Ước', 'Giang', 'Nghĩa', 'Oanh', 'Tiến'];
const name = fc
  .tuple(fc.constantFrom(...SURNAMES), fc.constantFrom(...MIDDLE), fc.constantFrom(...GIVEN), fc.constantFrom('lower', 'title', 'upper'))
  .map(([s, m, g, c]) => {
    const n = `${s} ${m} ${g}`;
    return c === 'upper' ? n.toUpperCase() : c === 'lower' ? n.toLowerCase() : n;
  });

describe('properties', () => {
  it('every generated name is made of valid syllables', () => {
    fc.assert(fc.property(name, (n) => n.split(' ').every(isVietnameseSyllable)));
  });
  it('never changes valid NFC Vietnamese text', () => {
    fc.assert(fc.property(name, (n) => {
      expect(repairVietnamese(n)).toEqual({ text: n });
    }));
  });
  it('repairs generated names from TCVN3 (non-capital), VNI and mojibake back to the original', () => {
    fc.assert(fc.property(name, (n) => {
      const forms: [string, string][] = [[encodeWith(n, 'vni_win_as_cp1252'), 'vni'], [mojibake(n), 'utf8-mojibake']];
      if (n === n.toLowerCase()) forms.push([encodeWith(n, 'tcvn3_as_cp1252'), 'tcvn3']);
      for (const [encoded, font] of forms) {
        expect(convertLegacyFont(encoded, font as 'vni')).toBe(n);
        // VNI "hoà" (= hồ) and TCVN3 "vò" (= vũ) are also valid Unicode: one string cannot tell, a column can.
        const ambiguous = encoded.split(' ').every(isVietnameseSyllable);
        expect(repairVietnamese(encoded).text).toBe(ambiguous ? encoded : n);
      }
    }));
  });
  it('never changes ASCII text without VIQR marks', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,;:-/!"#$%&*=@_|'.split('')) }), (s) => {
      expect(repairVietnamese(s)).toEqual({ text: s });
    }));
  });
  it('changes arbitrary ASCII only as VIQR', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const r = repairVietnamese(s);
      if (r.text !== s) expect(r.font).toBe('viqr');
    }));
  });
  it('is idempotent', () => {
    const input = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      name.map((n) => encodeWith(n, 'tcvn3_as_cp1252')),
      name.map((n) => encodeWith(n, 'vni_win_as_cp1252')),
      name.map((n) => encodeWith(n, 'viqr')),
      name.map(mojibake),
      fc.string({ unit: fc.constantFrom(...'aeoAuyĐđ¨©ª«¬®µ¶·¸¹ÔÞÇËøùûõïâêáàåãäéèüëñöô^(+\'`?~.dD '.split('')), maxLength: 20 }),
    );
    fc.assert(fc.property(input, (s) => {
      const once = repairVietnamese(s).text;
      expect(repairVietnamese(once).text).toBe(once);
    }), { numRuns: 500 });
  });
  it('is total on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.constantFrom('tcvn3', 'vni', 'viqr', 'utf8-mojibake' as const), (s, font) => {
      expect(typeof repairVietnamese(s).text).toBe('string');
      expect(typeof convertLegacyFont(s, font)).toBe('string');
      const d = detectLegacyFont([s, s]);
      expect(d.confidence).toBeGreaterThanOrEqual(0);
      expect(d.confidence).toBeLessThanOrEqual(1);
    }));
  });
});

describe('detectLegacyFont on columns already in Unicode', () => {
  // Every word a valid syllable, every cell holding a letter beyond Latin-1 (ă đ ơ ư ễ ị…), which no legacy
  // font produces; given names such as "Hoà", "Hòa", "Khuê" also read as VNI or TCVN3.
  const unicodeName = fc
    .tuple(fc.constantFrom(...SURNAMES), fc.constantFrom('Văn', 'Thị', 'Hữu', 'Đức', 'Ngọc', 'Quốc'), fc.constantFrom(...GIVEN, 'Hoà', 'Thoà', 'Vò'), fc.constantFrom('lower', 'title', 'upper'))
    .map(([s, m, g, c]) => {
      const n = `${s} ${m} ${g}`.normalize('NFC');
      return c === 'upper' ? n.toUpperCase() : c === 'lower' ? n.toLowerCase() : n;
    });
  const legacy = fc.tuple(name, fc.constantFrom('vni', 'tcvn3', 'mojibake')).map(([n, f]) =>
    f === 'vni' ? encodeWith(n, 'vni_win_as_cp1252') : f === 'tcvn3' ? encodeWith(n.toLowerCase(), 'tcvn3_as_cp1252') : mojibake(n),
  );

  it('finds no font in a column of NFC Vietnamese names (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(name, unicodeName), { minLength: 1, maxLength: 60 }), (column) => {
        expect(detectLegacyFont(column).font).toBeUndefined();
      }),
    );
  });

  it('finds no font when at most a third of the cells were typed in a legacy font (property)', () => {
    fc.assert(
      fc.property(fc.array(unicodeName, { minLength: 2, maxLength: 60 }), fc.array(legacy, { maxLength: 30 }), fc.nat(), (column, strays, at) => {
        const mixed = [...column];
        for (const s of strays.slice(0, Math.floor(column.length / 2))) mixed.splice(at % (mixed.length + 1), 0, s);
        expect(detectLegacyFont(mixed).font).toBeUndefined();
      }),
    );
  });

  it('still detects a legacy column holding a few Unicode cells', () => {
    const names = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Hoàng Đức', 'Phạm Thị Hương', 'Đặng Quốc Tuấn', 'Hồ Thị Hoà'];
    const column = [...names.map((n) => encodeWith(n, 'vni_win_as_cp1252')), 'Nguyễn Thị Hoa'];
    expect(detectLegacyFont(column).font).toBe('vni');
  });
});
