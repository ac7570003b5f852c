// The @example of every exported function in src/read/encoding, run as written.
import { describe, expect, it } from 'vitest';
import { createDecoder, decodeBytes, detectEncoding, isValidUtf8 } from '../../../src/read/encoding/decode.js';
import { isVietnameseSyllable } from '../../../src/read/encoding/detect.js';
import { convertLegacyFont, detectLegacyFont, repairVietnamese } from '../../../src/read/encoding/legacyFonts.js';

describe('doc examples', () => {
  it('run as documented', () => {
    expect(isValidUtf8(new Uint8Array([0x4e, 0xc3, 0xa0]))).toBe(true);
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toEqual({ encoding: 'utf-8', bom: true, confidence: 'certain' });
    expect(isVietnameseSyllable('Nguyễn')).toBe(true);
    expect(decodeBytes(new Uint8Array([0x4e, 0x67, 0x75, 0x79, 0xea, 0xde, 0x6e]), { encoding: 'windows-1258' }).text).toBe('Nguyễn');
    const d = createDecoder('utf-8');
    expect(d.write(new Uint8Array([0x4e, 0xe1, 0xbb])) + d.write(new Uint8Array([0x85, 0x6e])) + d.end()).toBe('Nễn');
    expect(convertLegacyFont('NguyÔn V¨n An', 'tcvn3')).toBe('Nguyễn Văn An');
    expect(detectLegacyFont(['NguyÔn V¨n An', 'TrÇn ThÞ B×nh', 'Lª Hoa']).font).toBe('tcvn3');
    expect(repairVietnamese('Nguyá»…n Thá»‹ HÆ°Æ¡ng')).toEqual({ text: 'Nguyễn Thị Hương', font: 'utf8-mojibake' });
  });
});
