// Promise "pseudonymised matching" (docs/guarantees.md): two agencies hash their IDs with a shared key
// and reconcile the hashes with idScheme 'opaque', getting the same links as with the raw IDs.
import { describe, expect, it } from 'vitest';
import { buildReference, generateSample, ID_FIELDS, importPseudonymKey, pseudonymize, pseudonymizeRows, reconcile } from '../../src/index.js';
import { CITIZENS } from '../helpers/build.js';

const SECRET = new TextEncoder().encode('0123456789abcdef0123456789abcdef');
const asOf = '2026-01-01';

async function pseudonymised(citizens: readonly unknown[], records: readonly unknown[]) {
  const key = await importPseudonymKey(SECRET);
  // Each agency runs this on its own side; only the output is exchanged.
  const refRows = await pseudonymizeRows(citizens, ID_FIELDS, key);
  const recRows = await pseudonymizeRows(records, ID_FIELDS, key);
  return { key, reference: buildReference(refRows, { idScheme: 'opaque' }), records: recRows };
}

describe('reconciling on pseudonymised IDs', () => {
  it('links by ID, by former ID and flags duplicates exactly as with the raw IDs', async () => {
    const records = [
      { key: 'a', citizenId: '001089012345', fullName: 'Nguyễn Văn An', birthDate: '05/07/1989' },
      { key: 'b', citizenId: '001 089 012 345', fullName: 'Nguyễn Văn An', birthDate: '05/07/1989' },
      { key: 'c', citizenId: '025123456', fullName: 'Trần Thị Hoà', birthDate: '12/03/1990' },
      { key: 'd', citizenId: '79190004567', fullName: 'Trần Thị Hoà', birthDate: '12/03/1990' },
      { key: 'e', citizenId: '048050001111', fullName: 'Lê Văn Bình', birthDate: '1950' },
      { key: 'f', citizenId: '001099999999', fullName: 'Không Có Ai', birthDate: '1999' },
    ];
    const p = await pseudonymised(CITIZENS, records);
    const { results } = reconcile(p.reference, p.records, { asOf, linkers: [] });
    const got = results.map((r) => ({ key: r.key, status: r.status, linkedBy: r.linkedBy, duplicate: r.duplicate }));
    expect(got).toEqual([
      { key: 'a', status: 'matched', linkedBy: 'id', duplicate: false },
      { key: 'b', status: 'matched', linkedBy: 'id', duplicate: true },
      { key: 'c', status: 'stale', linkedBy: 'former-id', duplicate: true },
      { key: 'd', status: 'matched', linkedBy: 'id', duplicate: false },
      { key: 'e', status: 'stale', linkedBy: 'id', duplicate: false },
      { key: 'f', status: 'missing', linkedBy: undefined, duplicate: false },
    ]);
    expect(results[0]!.citizenId).toBe(await pseudonymize('001089012345', p.key));
    expect(results[2]!.reasons).toContain('superseded-id');
    expect(results[5]!.reasons).toContain('id-not-in-reference');
  });

  it('carries no raw ID anywhere in the output', async () => {
    const p = await pseudonymised(CITIZENS, [{ citizenId: '025123456', fullName: 'Trần Thị Hoà' }]);
    const json = JSON.stringify(reconcile(p.reference, p.records, { asOf, linkers: [] }));
    for (const c of CITIZENS) expect(json).not.toContain(c.id);
    expect(json).not.toContain('025123456');
  });

  it('cannot recover a mistyped ID: one wrong digit gives an unrelated pseudonym', async () => {
    const p = await pseudonymised(CITIZENS, [{ citizenId: '001089012354', fullName: 'Nguyễn Văn An', birthDate: '05/07/1989' }]);
    const [r] = reconcile(p.reference, p.records, { asOf, linkers: [] }).results;
    expect(r!.status).toBe('missing');
  });

  it('gives the same status, link method and duplicate flag as the raw run on a generated register', async () => {
    const sample = generateSample({ citizens: 800, records: 400, seed: 7 });
    const raw = reconcile(buildReference(sample.citizens), sample.records, { asOf: sample.asOf, linkers: [] });
    const p = await pseudonymised(sample.citizens, sample.records);
    const hashed = reconcile(p.reference, p.records, { asOf: sample.asOf, linkers: [] });
    const view = (rs: typeof raw.results) => rs.map((r) => [r.key, r.status, r.linkedBy ?? '', r.duplicate].join('|'));
    expect(view(hashed.results)).toEqual(view(raw.results));
    for (const [i, r] of raw.results.entries()) {
      if (r.citizenId !== undefined && r.linkedBy !== undefined) expect(hashed.results[i]!.citizenId).toBe(await pseudonymize(r.citizenId, p.key));
    }
  });
});
