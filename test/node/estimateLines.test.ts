import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { estimateLines } from '../../src/node/estimateLines.js';

const dir = mkdtempSync(join(tmpdir(), 'doisoat-lines-'));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('estimateLines', () => {
  it('counts a small file exactly: LF and CRLF, a last line without a break, CR-only as none', () => {
    expect(estimateLines(file('empty.csv', ''))).toBe(0);
    expect(estimateLines(file('lf.csv', 'a\nb\nc\n'))).toBe(3);
    expect(estimateLines(file('crlf.csv', 'a\r\nb\r\nc'))).toBe(2);
    expect(estimateLines(file('cr.csv', 'a\rb\rc\r'))).toBe(0);
  });

  it('counts exactly across its read buffer', () => {
    const rows = Array.from({ length: 150_000 }, (_, i) => `${String(i).padStart(12, '0')},Nguyễn Văn An,0${i % 9}/01/1990`); // ~6.5 MB
    expect(estimateLines(file('mid.csv', rows.join('\n') + '\n'))).toBe(rows.length);
  });

  it('estimates a large file within two percent, even when its line lengths vary', () => {
    // ~20 MB: past the exact limit. Lines grow from ~30 to ~90 bytes along the file.
    const rows = Array.from({ length: 330_000 }, (_, i) => `${String(i).padStart(12, '0')},${'x'.repeat(10 + Math.floor((i / 330_000) * 60))},1990`);
    const estimate = estimateLines(file('large.csv', rows.join('\n') + '\n'));
    expect(Math.abs(estimate - rows.length) / rows.length).toBeLessThan(0.02);
  });
});
