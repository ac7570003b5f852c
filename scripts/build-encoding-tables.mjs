#!/usr/bin/env node
// Generates src/read/encoding/tables.ts from the shared encoding tables.
//
//   node scripts/build-encoding-tables.mjs [dataDir]
//
// dataDir is the reference data's data/vn/encodings folder (not available in CI, which is why the
// generated module is committed). Inputs: vietnamese_letters.csv, tcvn3_vn3_bytes.csv — see
// SOURCES.md (encodings/) for their derivation. The Windows-1258 table below is Python's `cp1258`
// codec (bytes 0x80–0xFF), cross-checked here against the cp1258 column of the letters table.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function usage() {
  throw new Error('usage: give the folder of the reference data (data/vn) as the first argument');
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = process.argv[2] ?? usage();
const outFile = join(root, 'src/read/encoding/tables.ts');

// python3 -c "print(bytes(range(128,256)).decode('cp1258', errors='replace'))", as code points.
// FFFD = undefined in cp1258; we map those bytes to the C1 control U+0080+n as WHATWG does.
const CP1258_PY = `20AC FFFD 201A 0192 201E 2026 2020 2021 02C6 2030 FFFD 2039 0152 FFFD FFFD FFFD FFFD 2018 2019 201C 201D 2022 2013 2014 02DC 2122 FFFD 203A 0153 FFFD FFFD 0178 00A0 00A1 00A2 00A3 00A4 00A5 00A6 00A7 00A8 00A9 00AA 00AB 00AC 00AD 00AE 00AF 00B0 00B1 00B2 00B3 00B4 00B5 00B6 00B7 00B8 00B9 00BA 00BB 00BC 00BD 00BE 00BF 00C0 00C1 00C2 0102 00C4 00C5 00C6 00C7 00C8 00C9 00CA 00CB 0300 00CD 00CE 00CF 0110 00D1 0309 00D3 00D4 01A0 00D6 00D7 00D8 00D9 00DA 00DB 00DC 01AF 0303 00DF 00E0 00E1 00E2 0103 00E4 00E5 00E6 00E7 00E8 00E9 00EA 00EB 0301 00ED 00EE 00EF 0111 00F1 0323 00F3 00F4 01A1 00F6 00F7 00F8 00F9 00FA 00FB 00FC 01B0 20AB 00FF`;

/** Minimal RFC 4180 parser (quoted fields, doubled quotes); returns objects keyed by header. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

const cp = (s) => String.fromCodePoint(parseInt(s.replace(/^U\+/, ''), 16));

function lit(s) {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0);
    const invisible = c < 0x20 || (c >= 0x7f && c <= 0xa0) || c === 0xad || (c >= 0x300 && c <= 0x36f) || c >= 0xfff0;
    if (ch === "'" || ch === '\\') out += '\\' + ch;
    else if (invisible) out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
    else out += ch;
  }
  return `'${out}'`;
}

const bytesRows = parseCsv(readFileSync(join(dataDir, 'tcvn3_vn3_bytes.csv'), 'utf8'));
const letters = parseCsv(readFileSync(join(dataDir, 'vietnamese_letters.csv'), 'utf8'));
if (letters.length !== 134) throw new Error(`expected 134 letters, got ${letters.length}`);

// Windows-1252, bytes 0x80–0xFF, from the as_cp1252_codepoint column (blank = undefined byte).
const cp1252 = [];
for (let b = 0x80; b <= 0xff; b++) {
  const row = bytesRows.find((r) => parseInt(r.byte_hex, 16) === b);
  if (!row) throw new Error(`missing byte ${b.toString(16)}`);
  cp1252.push(row.as_cp1252_codepoint ? cp(row.as_cp1252_codepoint) : String.fromCharCode(b));
}

const cp1258 = CP1258_PY.split(' ').map((h, i) => (h === 'FFFD' ? String.fromCharCode(0x80 + i) : cp(h)));
if (cp1258.length !== 128) throw new Error('cp1258 table must have 128 entries');
const decode1258 = (hex) =>
  hex.split(' ').map((h) => { const b = parseInt(h, 16); return b < 0x80 ? String.fromCharCode(b) : cp1258[b - 0x80]; }).join('').normalize('NFC');
for (const l of letters) {
  if (decode1258(l.cp1258_bytes_hex) !== l.char) throw new Error(`cp1258 mismatch for ${l.codepoint_nfc}`);
}

// TCVN3 (VN3): the 74 letters (NBSP maps to itself and is left out), keyed by their cp1252 look.
const tcvn3From = [];
const tcvn3To = [];
for (const r of bytesRows) {
  if (r.in_vn3 !== 'yes' || r.vn3_codepoint === 'U+00A0') continue;
  const seen = cp(r.as_cp1252_codepoint);
  const vn3 = cp(r.vn3_codepoint);
  if (r.vn3_char_in_H_caps_font && r.vn3_char_in_H_caps_font !== vn3.toUpperCase()) {
    throw new Error(`H-font capital of ${r.byte_hex} is not the upper case of its VN3 letter`);
  }
  tcvn3From.push(seen);
  tcvn3To.push(vn3);
}
// Cross-check with the letters table.
for (const l of letters) {
  if (!l.tcvn3_as_cp1252) continue;
  const i = tcvn3From.indexOf(l.tcvn3_as_cp1252);
  if (i < 0 || tcvn3To[i] !== l.char) throw new Error(`TCVN3 mismatch for ${l.codepoint_nfc}`);
}

const vni = letters.map((l) => [l.vni_win_as_cp1252, l.char]);
const viqr = letters.map((l) => [l.viqr, l.char]);
for (const [name, pairs] of [['VNI', vni], ['VIQR', viqr]]) {
  const keys = new Set(pairs.map(([k]) => k));
  if (keys.size !== pairs.length) throw new Error(`${name} sequences are not unique`);
}

const pairList = (pairs) => pairs.map(([k, v]) => `  [${lit(k)}, ${lit(v)}],`).join('\n');

const out = `// GENERATED by scripts/build-encoding-tables.mjs — do not edit by hand.
//
// Origins (see data/vn/SOURCES.md of the reference data, encodings/ section, and docs/decisions/encodings.md):
// - WINDOWS_1252_HIGH: Windows-1252 bytes 0x80–0xFF (tcvn3_vn3_bytes.csv, column as_cp1252_codepoint).
//   The five undefined bytes (0x81 0x8D 0x8F 0x90 0x9D) decode to the C1 control U+0080+n, as the
//   WHATWG Encoding Standard (and hence TextDecoder) does.
// - WINDOWS_1258_HIGH: Python's cp1258 codec for bytes 0x80–0xFF, undefined bytes as C1 controls;
//   checked against the cp1258_bytes_hex column of vietnamese_letters.csv (134/134 letters).
// - TCVN3_FROM/TCVN3_TO: TCVN 5712:1993 VN3 ("ABC" fonts), derived from glibc iconv's TCVN5712-1 table
//   restricted to the VN3 repertoire; each byte keyed by how it looks when opened as Windows-1252.
// - VNI_SEQUENCES: VNI-Windows as seen in Windows-1252 (vietnamese_letters.csv, vni_win_as_cp1252),
//   generated from the published VNI rules and verified against xvnkb's vni.h (134/134).
// - VIQR_SEQUENCES: RFC 1456 VIQR (vietnamese_letters.csv, viqr), cross-checked against DUYDEV (134/134).

/** Windows-1252 characters for bytes 0x80–0xFF (index = byte − 0x80). */
export const WINDOWS_1252_HIGH: string =
  ${lit(cp1252.join(''))};

/** Windows-1258 characters for bytes 0x80–0xFF (index = byte − 0x80); 0xCC 0xD2 0xDE 0xEC 0xF2 are combining tones. */
export const WINDOWS_1258_HIGH: string =
  ${lit(cp1258.join(''))};

/** TCVN3 letters as they look in Windows-1252 (same index as TCVN3_TO). */
export const TCVN3_FROM: string =
  ${lit(tcvn3From.join(''))};

/** The Unicode letter of each TCVN3_FROM character. */
export const TCVN3_TO: string =
  ${lit(tcvn3To.join(''))};

/** VNI-Windows sequence (as seen in Windows-1252) → Unicode letter, all 134 Vietnamese letters. */
export const VNI_SEQUENCES: readonly (readonly [string, string])[] = [
${pairList(vni)}
];

/** VIQR (RFC 1456) sequence → Unicode letter, all 134 Vietnamese letters. */
export const VIQR_SEQUENCES: readonly (readonly [string, string])[] = [
${pairList(viqr)}
];
`;
writeFileSync(outFile, out);
process.stdout.write(`wrote ${outFile}\n`);
