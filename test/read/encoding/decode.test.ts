import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDecoder, decodeBytes, detectEncoding, isValidUtf8 } from '../../../src/read/encoding/decode.js';
import { WINDOWS_1252_HIGH, WINDOWS_1258_HIGH } from '../../../src/read/encoding/tables.js';
import { LETTERS } from '../../fixtures/encoding/letters.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const hex = (h: string): Uint8Array => new Uint8Array(h.split(' ').map((x) => parseInt(x, 16)));
function utf16(s: string, le: boolean, bom = false): Uint8Array {
  const units = (bom ? '\uFEFF' : '') + s;
  const out = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const c = units.charCodeAt(i);
    out[2 * i + (le ? 0 : 1)] = c & 0xff;
    out[2 * i + (le ? 1 : 0)] = c >> 8;
  }
  return out;
}
/** Encodes with a 128-entry table (inverse of the decoder), for round trips. */
function encodeSingleByte(s: string, table: string): Uint8Array {
  return new Uint8Array(Array.from(s, (ch) => (ch.charCodeAt(0) < 0x80 ? ch.charCodeAt(0) : 0x80 + table.indexOf(ch))));
}

const NAME = 'Nguyễn Thị Hương, Đặng Văn Đức, Trần Quốc Tuấn';

describe('detectEncoding', () => {
  it('judges a character cut by the 64 KiB sample from the bytes after it', () => {
    const ascii = new Uint8Array(65_535).fill(0x41);
    const withTail = (...tail: number[]): Uint8Array => Uint8Array.from([...ascii, ...tail]);
    // "ễ" (E1 BB 85) starting on the sample's last byte: UTF-8, with or without more input to come.
    expect(detectEncoding(withTail(0xe1, 0xbb, 0x85, 0x41)).encoding).toBe('utf-8');
    // Windows-1258 "Ă" (C3) then ASCII: not UTF-8, even when the input goes on (found in review: tolerating
    // any cut character took such a file for UTF-8).
    expect(detectEncoding(withTail(0xc3, 0x41, 0x42), { partial: true }).encoding).not.toBe('utf-8');
    // The input stops inside the character: only `partial` says more follows.
    expect(detectEncoding(withTail(0xe1, 0xbb), { partial: true }).encoding).toBe('utf-8');
    expect(detectEncoding(withTail(0xe1, 0xbb)).encoding).not.toBe('utf-8');
  });

  it('is certain about a UTF-8 BOM', () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(NAME)]))).toEqual({ encoding: 'utf-8', bom: true, confidence: 'certain' });
  });
  it('is certain about UTF-16 BOMs in both byte orders', () => {
    expect(detectEncoding(utf16(NAME, true, true))).toEqual({ encoding: 'utf-16le', bom: true, confidence: 'certain' });
    expect(detectEncoding(utf16(NAME, false, true))).toEqual({ encoding: 'utf-16be', bom: true, confidence: 'certain' });
  });
  it('calls valid UTF-8 without BOM likely', () => {
    expect(detectEncoding(utf8(NAME))).toEqual({ encoding: 'utf-8', bom: false, confidence: 'likely' });
  });
  it('guesses UTF-16 without BOM from the NUL bytes of Vietnamese text', () => {
    expect(detectEncoding(utf16(NAME, true))).toEqual({ encoding: 'utf-16le', bom: false, confidence: 'guess' });
    expect(detectEncoding(utf16(NAME, false))).toEqual({ encoding: 'utf-16be', bom: false, confidence: 'guess' });
  });
  it('guesses Windows-1258 when combining tone bytes follow vowels', () => {
    const bytes = encodeSingleByte('Nguy\u00ea\u0303n Thi\u0323 H\u01b0\u01a1ng', WINDOWS_1258_HIGH);
    expect(detectEncoding(bytes).encoding).toBe('windows-1258');
  });
  it('falls back to Windows-1252 for TCVN3 bytes, which the legacy-font step repairs', () => {
    // "Nguyễn Thị Hương, Trần Văn Bình" in TCVN3
    const bytes = encodeSingleByte('NguyÔn ThÞ H\u00ad¬ng, TrÇn V¨n B×nh', WINDOWS_1252_HIGH);
    expect(detectEncoding(bytes)).toEqual({ encoding: 'windows-1252', bom: false, confidence: 'guess' });
  });
  it('accepts a UTF-8 sequence cut off by the end of the sample but not an invalid one', () => {
    const big = new Uint8Array(70_000).fill(0x61);
    // "ễ" across the sample's end: completed from the byte after it.
    big.set(utf8('ễ'), 65_534);
    expect(detectEncoding(big).encoding).toBe('utf-8');
    // Its first two bytes only, then a letter: not UTF-8 (the sample's cut no longer hides that).
    big.set(utf8('ễ').subarray(0, 2), 65_534);
    big[65_536] = 0x61;
    expect(detectEncoding(big).encoding).not.toBe('utf-8');
    expect(isValidUtf8(hex('C0 80'))).toBe(false); // overlong
    expect(isValidUtf8(hex('ED A0 80'))).toBe(false); // surrogate
    expect(isValidUtf8(hex('F4 90 80 80'))).toBe(false); // above U+10FFFF
  });
  it('is total on arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
      const d = detectEncoding(b);
      expect(['utf-8', 'utf-16le', 'utf-16be', 'windows-1258', 'windows-1252']).toContain(d.encoding);
    }));
  });
  it('agrees with TextDecoder on UTF-8 validity', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 60 }), (b) => {
      let valid = true;
      try { new TextDecoder('utf-8', { fatal: true }).decode(b); } catch { valid = false; }
      expect(isValidUtf8(b)).toBe(valid);
    }));
  });
});

describe('decodeBytes', () => {
  it('decodes UTF-8 and strips the BOM', () => {
    expect(decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(NAME)]))).toEqual({ text: NAME, encoding: 'utf-8', bom: true, confidence: 'certain' });
  });
  it('decodes UTF-16 in both byte orders, with and without BOM', () => {
    for (const le of [true, false]) {
      expect(decodeBytes(utf16(NAME, le, true)).text).toBe(NAME);
      expect(decodeBytes(utf16(NAME, le)).text).toBe(NAME);
    }
  });
  it('decodes Windows-1258 "tổ hợp" bytes to NFC', () => {
    expect(decodeBytes(hex('4E 67 75 79 EA DE 6E'), { encoding: 'windows-1258' }).text).toBe('Nguyễn');
  });
  it('decodes every Vietnamese letter from its Windows-1258 bytes (all 134)', () => {
    for (const l of LETTERS) {
      const out = decodeBytes(hex(l['cp1258_bytes_hex'] ?? ''), { encoding: 'windows-1258' });
      expect(out.text, l['codepoint_nfc']).toBe(l['char']);
    }
  });
  it('matches the Windows-1258 and Windows-1252 tables of Python and TextDecoder', () => {
    // python3 -c "print(bytes(range(128,256)).decode('cp1258', errors='replace'))", undefined bytes as C1 controls
    const py1258 = '€\u0081‚ƒ„…†‡ˆ‰\u008a‹Œ\u008d\u008e\u008f\u0090‘’“”•–—˜™\u009a›œ\u009d\u009eŸ\u00a0¡¢£¤¥¦§¨©ª«¬\u00ad®¯°±²³´µ¶·¸¹º»¼½¾¿ÀÁÂĂÄÅÆÇÈÉÊË\u0300ÍÎÏĐÑ\u0309ÓÔƠÖ×ØÙÚÛÜƯ\u0303ßàáâăäåæçèéêë\u0301íîïđñ\u0323óôơö÷øùúûüư₫ÿ';
    expect(WINDOWS_1258_HIGH).toBe(py1258);
    // Node's TextDecoder('windows-1252') is really Latin-1, which is why we carry our own table.
    const py1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
    const all = new Uint8Array(128).map((_, i) => 0x80 + i);
    const latin1 = Array.from({ length: 96 }, (_, i) => String.fromCharCode(0xa0 + i)).join('');
    expect(decodeBytes(all, { encoding: 'windows-1252' }).text).toBe(py1252 + latin1);
  });
  it('replaces invalid UTF-8 with U+FFFD instead of throwing', () => {
    expect(decodeBytes(hex('41 FF 42'), { encoding: 'utf-8' }).text).toBe('A\uFFFDB');
  });
  it('round-trips arbitrary text through UTF-8 and UTF-16 with auto-detection', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
      expect(decodeBytes(utf8(s)).text).toBe(s);
      expect(decodeBytes(utf16(s, true, true)).text).toBe(s);
    }));
  });
});

describe('createDecoder', () => {
  const split = (bytes: Uint8Array, cuts: number[]): Uint8Array[] => {
    const points = [0, ...cuts.map((c) => c % (bytes.length + 1)).sort((a, b) => a - b), bytes.length];
    return points.slice(1).map((p, i) => bytes.subarray(points[i] ?? 0, p));
  };
  it('reassembles a UTF-8 letter split across chunks', () => {
    const d = createDecoder('utf-8');
    expect(d.write(hex('4E E1 BB')) + d.write(hex('85 6E')) + d.end()).toBe('Nễn');
  });
  it('gives the same text however the bytes are chunked', () => {
    const cases: [Parameters<typeof createDecoder>[0], Uint8Array][] = [
      ['utf-8', utf8(NAME)],
      ['utf-16le', utf16(NAME, true)],
      ['utf-16be', utf16(NAME, false)],
      ['windows-1258', encodeSingleByte('Nguy\u00ea\u0303n Thi\u0323 H\u01b0\u01a1ng', WINDOWS_1258_HIGH)],
    ];
    fc.assert(fc.property(fc.array(fc.nat(), { maxLength: 6 }), (cuts) => {
      for (const [enc, bytes] of cases) {
        const d = createDecoder(enc);
        const text = split(bytes, cuts).map((c) => d.write(c)).join('') + d.end();
        expect(text).toBe(enc === 'windows-1258' ? 'Nguyễn Thị Hương' : NAME);
      }
    }));
  });
  it('turns an incomplete final sequence into U+FFFD at the end', () => {
    const d = createDecoder('utf-8');
    expect(d.write(hex('41 E1 BB')) + d.end()).toBe('A\uFFFD');
  });
});
