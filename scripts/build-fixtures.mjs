#!/usr/bin/env node
// Generates the reading fixtures under test/fixtures/read/: one small register in every encoding and layout
// doisoat must read (UTF-8 ± BOM, UTF-16 LE/BE, Windows-1258, TCVN3 and VNI text inside UTF-8; semicolon, tab,
// title rows, quoted newlines, ragged rows, duplicate headers, no header, a 100k-character field, NDJSON,
// JSON, and an .xlsx with a title row and date cells). Byte tables come from
// test/fixtures/encoding/vietnamese_letters.csv (already in the repo). Usage: node scripts/build-fixtures.mjs
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { deflateRawSync, crc32 } from 'node:zlib';
import Papa from 'papaparse';

const out = 'test/fixtures/read';
mkdirSync(out, { recursive: true });
const letters = Papa.parse(readFileSync('test/fixtures/encoding/vietnamese_letters.csv', 'utf8'), { header: true, skipEmptyLines: true }).data;
const cp1258 = new Map(letters.filter((l) => l.cp1258_bytes_hex).map((l) => [l.char, l.cp1258_bytes_hex.split(' ').map((h) => parseInt(h, 16))]));
const tcvn3 = new Map(letters.filter((l) => l.tcvn3_as_cp1252).map((l) => [l.char, l.tcvn3_as_cp1252]));
const vni = new Map(letters.filter((l) => l.vni_win_as_cp1252).map((l) => [l.char, l.vni_win_as_cp1252]));

function encode1258(text) {
  const bytes = [];
  for (const ch of text.normalize('NFC')) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else if (cp1258.has(ch)) bytes.push(...cp1258.get(ch));
    else throw new Error(`cannot encode ${ch} in Windows-1258`);
  }
  return Buffer.from(bytes);
}
const legacy = (map) => (text) => [...text.normalize('NFC')].map((c) => map.get(c) ?? c).join('');
const toTcvn3 = legacy(tcvn3);
const toVni = legacy(vni);

const HEADER = ['STT', 'Họ và tên', 'Số CCCD', 'Ngày sinh', 'Giới tính', 'Mã tỉnh', 'Địa chỉ'];
const ROWS = [
  ['1', 'Nguyễn Văn An', '001089012345', '05/07/1989', 'Nam', '01', 'Thôn Đông, xã Phú Xuân'],
  ['2', 'Trần Thị Hoà', '079190004567', '12/03/1990', 'Nữ', '79', 'Số nhà 12, phường Bến Nghé'],
  ['3', 'Lê Văn Bình', '048050001111', '1950', 'Nam', '48', 'Ấp Mỹ Hoà'],
  ['4', 'Phạm Minh Đức', '087084000999', '20/11/1984', 'Nam', '87', 'Tổ dân phố 5'],
  ['5', 'Hoàng Thị Thu Hà', '001301000777', '02/02/2001', 'Nữ', '01', 'Xóm Trại'],
];
const csv = (rows, d = ',', eol = '\r\n') => rows.map((r) => r.map((c) => (/[",\r\n;\t]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(d)).join(eol) + eol;
const all = [HEADER, ...ROWS];

writeFileSync(`${out}/utf8.csv`, csv(all));
writeFileSync(`${out}/utf8_bom.csv`, '\uFEFF' + csv(all));
const le = Buffer.from('\uFEFF' + csv(all), 'utf16le');
writeFileSync(`${out}/utf16le.csv`, le);
const be = Buffer.from(le);
be.swap16();
writeFileSync(`${out}/utf16be.csv`, be);
writeFileSync(`${out}/cp1258_semicolon.csv`, encode1258(csv(all, ';')));
writeFileSync(`${out}/tab.csv`, csv(all, '\t'));
writeFileSync(`${out}/tcvn3_in_utf8.csv`, csv([HEADER, ...ROWS.map((r) => r.map((c, i) => (i === 1 || i === 6 ? toTcvn3(c) : c)))]));
writeFileSync(`${out}/vni_in_utf8.csv`, csv([HEADER, ...ROWS.map((r) => r.map((c, i) => (i === 1 || i === 6 ? toVni(c) : c)))]));
writeFileSync(`${out}/title_rows.csv`, csv([['DANH SÁCH THẺ BHYT', '', '', '', '', '', ''], ['Xã Phú Xuân, tháng 6/2025', '', '', '', '', '', ''], ['', '', '', '', '', '', ''], ...all]));
writeFileSync(`${out}/quoted_newlines.csv`, csv([HEADER, ['1', 'Nguyễn Văn An', '001089012345', '05/07/1989', 'Nam', '01', 'Thôn Đông\nxã Phú Xuân\nhuyện Gia Lâm'], ['2', 'Trần Thị "Hoà"', '079190004567', '12/03/1990', 'Nữ', '79', 'a, b'], ROWS[2]]));
// Ragged: a short row, a long row, a trailing delimiter, a blank line, an unclosed quote.
writeFileSync(
  `${out}/ragged.csv`,
  [HEADER.join(','), ROWS[0].join(','), '2,Trần Thị Hoà,079190004567', ROWS[2].join(',') + ',extra,cells', ROWS[3].join(',') + ',', '', '5,"Hoàng Thị Thu Hà,001301000777,02/02/2001,Nữ,01,Xóm Trại', '6,Vũ Văn Sáu,001089000006,01/01/1989,Nam,01,Xóm Mới', ''].join('\n'),
);
writeFileSync(`${out}/duplicate_headers.csv`, csv([['Họ và tên', 'Số CCCD', 'Họ tên', 'Ghi chú', 'Ghi chú'], ['Nguyễn Văn An', '001089012345', 'Nguyen Van An', 'a', 'b']]));
writeFileSync(`${out}/no_header.csv`, csv(ROWS));
writeFileSync(`${out}/long_field.csv`, csv([HEADER, [...ROWS[0].slice(0, 6), 'x'.repeat(100_000)], ROWS[1]]));
writeFileSync(`${out}/records.ndjson`, ROWS.map((r) => JSON.stringify(Object.fromEntries(HEADER.map((h, i) => [h, r[i]])))).join('\n') + '\n{not json\n');
writeFileSync(`${out}/records.json`, JSON.stringify(ROWS.map((r) => Object.fromEntries(HEADER.map((h, i) => [h, r[i]]))), null, 1));

// --- a minimal .xlsx: title row, header, data with shared strings, a numeric ID, date cells (style 1 = dd/mm/yyyy)
function zip(files) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const [name, text] of files) {
    const data = Buffer.from(text, 'utf8');
    const comp = deflateRawSync(data);
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x0800, 6); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(comp.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(nameBuf.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0); cd.writeUInt16LE(20, 4); cd.writeUInt16LE(20, 6); cd.writeUInt16LE(0x0800, 8); cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(crc, 16); cd.writeUInt32LE(comp.length, 20); cd.writeUInt32LE(data.length, 24); cd.writeUInt16LE(nameBuf.length, 28); cd.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, comp);
    central.push(cd, nameBuf);
    offset += 30 + nameBuf.length + comp.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(files.length, 8); end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cdBuf.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBuf, end]);
}
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const strings = [];
const si = (s) => { let i = strings.indexOf(s); if (i < 0) { strings.push(s); i = strings.length - 1; } return i; };
const col = (i) => String.fromCharCode(65 + i);
const serial = (d, m, y) => Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000);
const xHeader = ['Họ và tên', 'Mã thẻ BHYT', 'Số CCCD', 'Ngày sinh', 'Giới tính', 'Giá trị sử dụng đến'];
const xRows = [
  ['Nguyễn Văn An', 'HS4010120878811', 1089012345, [5, 7, 1989], 'Nam', [31, 12, 2025]],
  ['Trần Thị Hoà', 'DN4790123456789', '079190004567', [12, 3, 1990], 'Nữ', [31, 12, 2026]],
  ['Lê Văn Bình & <con>', '0120878812', '048050001111', '1950', 'Nam', [30, 6, 2024]],
];
const cell = (v, r, c) => {
  const ref = `${col(c)}${r}`;
  if (Array.isArray(v)) return `<c r="${ref}" s="1"><v>${serial(...v)}</v></c>`;
  if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
  return `<c r="${ref}" t="s"><v>${si(v)}</v></c>`;
};
const sheetRows = [
  `<row r="1"><c r="A1" t="s"><v>${si('DANH SÁCH THẺ BHYT')}</v></c></row>`,
  `<row r="3">${xHeader.map((h, i) => cell(h, 3, i)).join('')}</row>`,
  ...xRows.map((r, j) => `<row r="${j + 4}">${r.map((v, i) => cell(v, j + 4, i)).join('')}</row>`),
  `<row r="7"><c r="A7" t="inlineStr"><is><t>Phạm Minh Đức</t></is></c><c r="C7" t="str"><f>A1</f><v>087084000999</v></c><c r="E7" t="b"><v>1</v></c></row>`,
];
const files = [
  ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'],
  ['_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'],
  ['xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Ghi chú" sheetId="2" r:id="rId2"/><sheet name="BHYT" sheetId="1" r:id="rId1"/></sheets></workbook>'],
  ['xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'],
  ['xl/styles.xml', '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>'],
  ['xl/worksheets/sheet2.xml', `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Ghi chú</t></is></c></row></sheetData></worksheet>`],
  ['xl/worksheets/sheet1.xml', `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows.join('')}</sheetData></worksheet>`],
];
files.push(['xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t>${esc(s)}</t></si>`).join('')}</sst>`]);
writeFileSync(`${out}/bhyt_title.xlsx`, zip(files));
