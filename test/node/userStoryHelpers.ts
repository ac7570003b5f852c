// Test-only helpers: a Windows-1258 encoder (inverse of the decoder's table; toned letters the code page
// lacks are written as base letter + combining tone byte, as Windows does).
import { WINDOWS_1258_HIGH } from '../../src/read/encoding/tables.js';

export { collect, readRecords, readReference, writeOutputs } from '../../src/node.js';
export { buildReference, generateSample, parseCsv, profileOptions, reconcile } from '../../src/index.js';

const BYTE = new Map<string, number>();
for (let i = 0; i < 128; i++) BYTE.set(String.fromCharCode(i), i);
[...WINDOWS_1258_HIGH].forEach((ch, i) => BYTE.set(ch, 0x80 + i));

const TONES = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);

function encodeChar(ch: string, out: number[]): void {
  const b = BYTE.get(ch);
  if (b !== undefined) {
    out.push(b);
    return;
  }
  // NFD orders the dot below before the circumflex, so split tones from shape marks rather than cutting.
  const d = [...ch.normalize('NFD')];
  const tones = d.filter((m) => TONES.has(m));
  const base = BYTE.get(d.filter((m) => !TONES.has(m)).join('').normalize('NFC'));
  const toneBytes = tones.map((m) => BYTE.get(m));
  if (base !== undefined && toneBytes.every((m) => m !== undefined)) {
    out.push(base, ...(toneBytes as number[]));
    return;
  }
  out.push(0x3f);
}

export const WINDOWS_1258 = {
  encode(text: string): Uint8Array {
    const out: number[] = [];
    for (const ch of text.normalize('NFC')) encodeChar(ch, out);
    return Uint8Array.from(out);
  },
};
