import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll } from 'vitest';
import { completeFile, PatchableFile } from '../../src/node/patchableFile.js';
import { LineEncoder } from '../../src/node/encodedLines.js';

const encode = (lines: readonly string[]) => {
  const e = new LineEncoder(8, 1);
  for (const l of lines) e.add(l);
  return e.take();
};

const dir = mkdtempSync(join(tmpdir(), 'doisoat-patchable-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const paths = () => {
  n++;
  return { final: join(dir, `out-${n}.txt`), tmp: join(dir, `.out-${n}.tmp`) };
};

/** Completes `f` with `replacements`, returning the text each replaced entry had as written. */
const finishCapturing = (f: PatchableFile, replacements: ReadonlyMap<number, string>): string[] => {
  const written: string[] = [];
  const entries = [...replacements.keys()].sort((a, b) => a - b);
  completeFile(f.handOff(), entries, (entry, text) => {
    written.push(text);
    return replacements.get(entry)!;
  });
  return written;
};
const finish = (f: PatchableFile, replacements: ReadonlyMap<number, string>): void => void finishCapturing(f, replacements);

describe('PatchableFile', () => {
  it('moves the file into place unchanged when nothing is replaced', () => {
    const p = paths();
    const f = new PatchableFile(p.final, p.tmp, '\uFEFFkey,name\r\n');
    f.append('1,Nguyễn Văn An\r\n');
    f.appendEncoded(encode(['2,Trần Thị Bích\r\n', '3,Lê Đức\r\n']));
    expect(f.entries).toBe(3);
    finish(f, new Map());
    expect(readFileSync(p.final, 'utf8')).toBe('\uFEFFkey,name\r\n1,Nguyễn Văn An\r\n2,Trần Thị Bích\r\n3,Lê Đức\r\n');
    expect(existsSync(p.tmp)).toBe(false);
  });

  it('swaps replaced entries, handing each its text as written, multi-byte text included', () => {
    const p = paths();
    const f = new PatchableFile(p.final, p.tmp, 'h\n');
    for (const line of ['a\n', 'Đặng\n', 'c\n', 'Phạm Thị Ánh\n']) f.append(line);
    expect(finishCapturing(f, new Map([[3, 'Phạm Thị Ánh,duplicate\n'], [1, 'Đặng,original\n']]))).toEqual(['Đặng\n', 'Phạm Thị Ánh\n']);
    expect(readFileSync(p.final, 'utf8')).toBe('h\na\nĐặng,original\nc\nPhạm Thị Ánh,duplicate\n');
    expect(existsSync(p.tmp)).toBe(false);
  });

  it('abort removes the temporary file and writes nothing', () => {
    const p = paths();
    const f = new PatchableFile(p.final, p.tmp);
    f.append('x\n');
    f.abort();
    f.abort();
    expect(existsSync(p.tmp)).toBe(false);
    expect(existsSync(p.final)).toBe(false);
  });

  it('leaves no temporary file behind when the final file cannot be written, with or without replacements', () => {
    for (const replacements of [new Map<number, string>(), new Map([[0, 'x\n']])]) {
      const p = paths();
      mkdirSync(p.final); // a folder where the file should go: rename and open both fail
      const f = new PatchableFile(p.final, p.tmp);
      f.append('a\n');
      expect(() => finish(f, replacements)).toThrow();
      // Kept for another attempt until the file is abandoned.
      expect(existsSync(p.tmp)).toBe(true);
      f.abort();
      expect(existsSync(p.tmp)).toBe(false);
    }
  });

  it('equals the entries written with the replacements applied, for any entries and replacements', () => {
    const entry = fc.string({ unit: fc.constantFrom('a', 'ế', '\n', ',', '😀', 'Đ'), maxLength: 30 });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 60 }), fc.array(fc.tuple(fc.nat(80), entry), { maxLength: 10 }), fc.boolean(), (entries, swaps, joined) => {
        const p = paths();
        const f = new PatchableFile(p.final, p.tmp, 'header\n');
        if (joined) f.appendEncoded(encode(entries));
        else for (const e of entries) f.append(e);
        const replacements = new Map(swaps.filter(([i]) => i < entries.length));
        const expected = 'header\n' + entries.map((e, i) => replacements.get(i) ?? e).join('');
        const wanted = [...replacements.keys()].sort((a, b) => a - b);
        if (joined) finish(f, replacements);
        else expect(finishCapturing(f, replacements)).toEqual(wanted.map((i) => entries[i]));
        expect(readFileSync(p.final, 'utf8')).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps entries whole and measured across its 1 MB write buffer, entries longer than the buffer included', () => {
    const p = paths();
    const f = new PatchableFile(p.final, p.tmp, 'h\n');
    // 3-byte characters fill the buffer fast; the 400k-unit entry is written past the buffer; a lone surrogate
    // becomes U+FFFD (3 bytes) in the file and in the measured length alike.
    const entries = ['ế'.repeat(200_000) + '\n', 'a\n', 'Đ'.repeat(400_000) + '\n', '😀\ud800\n', 'ễ'.repeat(349_525) + '\n', 'z\n'];
    for (const e of entries) f.append(e);
    const asWritten = entries.map((e) => Buffer.from(e, 'utf8').toString('utf8'));
    // Entries 0, 2 and 5 are replaced by themselves, 3 by a short line.
    const replacements = new Map([0, 2, 3, 5].map((i) => [i, i === 3 ? 'x\n' : asWritten[i]!] as const));
    expect(finishCapturing(f, replacements)).toEqual([asWritten[0], asWritten[2], asWritten[3], asWritten[5]]);
    expect(readFileSync(p.final, 'utf8')).toBe('h\n' + asWritten.map((e, i) => (i === 3 ? 'x\n' : e)).join(''));
  });

  it('hands each rewritten entry its text as written, across the 1 MB chunks of the copy and past them', () => {
    const p = paths();
    const f = new PatchableFile(p.final, p.tmp, 'h\n');
    // 300 kB entries straddle the chunk boundaries; a 1.2 MB one is longer than a chunk; small ones between.
    const entries = Array.from({ length: 14 }, (_, i) => (i === 9 ? 'Đ'.repeat(600_000) : i % 3 === 0 ? `${i}` : 'ế'.repeat(100_000 + i)) + '\n');
    for (const e of entries) f.append(e);
    const seen: [number, string][] = [];
    const wanted = [0, 1, 2, 3, 4, 5, 8, 9, 10, 13];
    completeFile(f.handOff(), wanted, (entry, written) => {
      seen.push([entry, written]);
      return `${entry}:${written.length}\n`;
    });
    expect(seen).toEqual(wanted.map((i) => [i, entries[i]]));
    expect(readFileSync(p.final, 'utf8')).toBe('h\n' + entries.map((e, i) => (wanted.includes(i) ? `${i}:${e.length}\n` : e)).join(''));
  });

  it('writes a replacement longer than its output buffer whole, after what it holds', () => {
    const p = paths();
    const f = new PatchableFile(p.final, p.tmp, 'h\n');
    for (const e of ['a\n', 'b\n', 'c\n']) f.append(e);
    const long = 'ố'.repeat(400_000) + '\n';
    finish(f, new Map([[1, long]]));
    expect(readFileSync(p.final, 'utf8')).toBe('h\na\n' + long + 'c\n');
  });

  it('refuses entries out of order or unknown, and leaves no output when a rewrite fails', () => {
    const p = paths();
    const f = new PatchableFile(p.final, p.tmp, 'h\n');
    for (const e of ['a\n', 'b\n', 'c\n']) f.append(e);
    const job = f.handOff();
    expect(() => completeFile(job, [2, 1], (_, t) => t)).toThrow(RangeError);
    expect(() => completeFile(job, [1, 1], (_, t) => t)).toThrow(RangeError);
    expect(() => completeFile(job, [3], (_, t) => t)).toThrow(RangeError);
    expect(existsSync(p.final)).toBe(false);
    expect(() =>
      completeFile(job, [0, 2], (entry, t) => {
        if (entry === 2) throw new Error('bad line');
        return t;
      }),
    ).toThrow('bad line');
    expect(existsSync(p.final)).toBe(false);
    f.abort();
    expect(existsSync(p.tmp)).toBe(false);
  });

  it('hands over a file that can be completed again after a failed attempt, which leaves no output', () => {
    const p = paths();
    const f = new PatchableFile(p.final, p.tmp, 'h\n');
    for (const e of ['a\n', 'b\n', 'c\n', 'd\n']) f.append(e);
    const job = f.handOff();
    expect(() => f.append('e\n')).toThrow();
    expect(job.lengths).toEqual(Int32Array.of(2, 2, 2, 2));
    const seen: [number, string, number][] = [];
    expect(() =>
      completeFile(job, Int32Array.of(1, 3), (entry, text, k) => {
        seen.push([entry, text, k]);
        if (entry === 3) throw new Error('worker stopped');
        return text.toUpperCase();
      }),
    ).toThrow('worker stopped');
    expect(seen).toEqual([[1, 'b\n', 0], [3, 'd\n', 1]]);
    expect(existsSync(p.final)).toBe(false);
    expect(existsSync(p.tmp)).toBe(true);
    completeFile(job, Int32Array.of(1, 3), (_, text) => text.toUpperCase());
    expect(readFileSync(p.final, 'utf8')).toBe('h\na\nB\nc\nD\n');
    expect(existsSync(p.tmp)).toBe(false);
    f.abort(); // after completion: nothing left to remove, and no error
    expect(readFileSync(p.final, 'utf8')).toBe('h\na\nB\nc\nD\n');
  });

  it('takes encoded batches larger than its write buffer whole', () => {
    const p = paths();
    const f = new PatchableFile(p.final, p.tmp);
    const lines = ['a\n', 'ố'.repeat(500_000) + '\n', 'b\n'];
    f.append('x\n');
    f.appendEncoded(encode(lines));
    f.appendEncoded(encode(lines));
    expect(f.entries).toBe(7);
    expect(finishCapturing(f, new Map([[2, lines[1]!], [6, lines[2]!]]))).toEqual([lines[1], lines[2]]);
    expect(readFileSync(p.final, 'utf8')).toBe('x\n' + lines.join('') + lines.join(''));
  });
});

describe('LineEncoder', () => {
  it('holds exactly the UTF-8 of its lines and their byte lengths, whatever its starting size', () => {
    const line = fc.string({ unit: fc.constantFrom('a', 'ế', '\n', '😀', '\ud800', 'Đ'), maxLength: 40 });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 80 }), fc.nat(64), fc.nat(4), (lines, capacity, count) => {
        const e = new LineEncoder(capacity, count);
        for (const l of lines) e.add(l);
        const { bytes, lengths } = e.take();
        expect(Buffer.from(bytes).equals(Buffer.concat(lines.map((l) => Buffer.from(l, 'utf8'))))).toBe(true);
        expect([...lengths]).toEqual(lines.map((l) => Buffer.byteLength(l, 'utf8')));
      }),
      { numRuns: 300 },
    );
  });
});
