import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import { importPseudonymKey, OptionsError, pseudonymize, pseudonymizeRows } from '../../src/index.js';

const SECRET = 'khóa bí mật chung của hai cơ quan';

describe('pseudonymize', () => {
  it('is HMAC-SHA-256 of the normalised ID in upper-case hex, reproducible with any HMAC tool', async () => {
    const expected = createHmac('sha256', SECRET).update('001089012345').digest('hex').toUpperCase();
    expect(await pseudonymize('001089012345', SECRET)).toBe(expected);
    expect(expected).toMatch(/^[0-9A-F]{64}$/);
  });

  it('gives the same pseudonym for every spelling of one ID', async () => {
    const key = await importPseudonymKey(SECRET);
    // Spaces, dots and Excel's apostrophe; full-width and Arabic-Indic digits; the leading zero Excel drops.
    const spellings = ['001089012345', '001 089 012 345', "'001.089.012.345", '００１０８９０１２３４５', '٠٠١٠٨٩٠١٢٣٤٥', '01089012345', '\u200b001089012345\u00a0'];
    const pseudonyms = new Set(await Promise.all(spellings.map((s) => pseudonymize(s, key))));
    expect(pseudonyms.size).toBe(1);
  });

  it('accepts the key as a CryptoKey, raw bytes or a passphrase, with the same result', async () => {
    const bytes = new TextEncoder().encode(SECRET);
    const a = await pseudonymize('079190004567', SECRET);
    expect(await pseudonymize('079190004567', bytes)).toBe(a);
    expect(await pseudonymize('079190004567', await importPseudonymKey(bytes))).toBe(a);
  });

  it('gives different pseudonyms for different keys and different IDs', async () => {
    const a = await pseudonymize('001089012345', SECRET);
    expect(await pseudonymize('001089012345', `${SECRET}!`)).not.toBe(a);
    expect(await pseudonymize('001089012346', SECRET)).not.toBe(a);
  });

  it('keeps an empty ID empty instead of giving all empty cells one pseudonym', async () => {
    expect(await pseudonymize('', SECRET)).toBe('');
    expect(await pseudonymize(' \u200b ', SECRET)).toBe('');
  });

  it('rejects a key shorter than 16 bytes without echoing it', async () => {
    await expect(pseudonymize('001089012345', 'ngắn')).rejects.toThrow(OptionsError);
    const error = await importPseudonymKey('ngắn').catch((e: unknown) => e);
    expect(String((error as Error).message)).not.toContain('ngắn');
  });

  it('never rejects for any ID text, and is deterministic', async () => {
    const key = await importPseudonymKey(SECRET);
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 40 }), async (s) => {
        const a = await pseudonymize(s, key);
        expect(a).toMatch(/^(|[0-9A-F]{64})$/);
        expect(await pseudonymize(s, key)).toBe(a);
      }),
      { numRuns: 300 },
    );
  });
});

describe('pseudonymizeRows', () => {
  it('replaces only the named ID fields, splitting lists of former IDs', async () => {
    const key = await importPseudonymKey(SECRET);
    const input = [{ id: '079190004567', formerIds: '025123456; 025123457', fullName: 'Trần Thị Hoà' }];
    const [row] = (await pseudonymizeRows(input, ['id', 'formerIds'], key)) as Record<string, unknown>[];
    expect(row!['id']).toBe(await pseudonymize('079190004567', key));
    expect(row!['formerIds']).toEqual([await pseudonymize('025123456', key), await pseudonymize('025123457', key)]);
    expect(row!['fullName']).toBe('Trần Thị Hoà');
    expect(input[0]!.id).toBe('079190004567');
  });

  it('hashes Excel number cells like their text and blanks cells that are neither', async () => {
    const key = await importPseudonymKey(SECRET);
    const rows = (await pseudonymizeRows([{ citizenId: 79190004567 }, { citizenId: { nested: '079190004567' } }], ['citizenId'], key)) as Record<string, unknown>[];
    expect(rows[0]!['citizenId']).toBe(await pseudonymize('079190004567', key));
    expect(rows[1]!['citizenId']).toBe('');
  });

  it('keeps a "__proto__" field an ordinary field and passes non-object rows through', async () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": 1}, "citizenId": "001089012345"}') as unknown;
    const rows = await pseudonymizeRows([hostile, null, 'text'], ['citizenId', '__proto__'], SECRET);
    expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(rows.slice(1)).toEqual([null, 'text']);
  });
});
