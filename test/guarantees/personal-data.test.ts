// Promise "personal data" (docs/guarantees.md): the library prints nothing, and no problem message or
// error message repeats an ID or a name from the input.
import { describe, expect, it, vi } from 'vitest';
import { buildReference, generateSample, OptionsError, reconcile, type ReconcileOptions } from '../../src/index.js';

const sample = generateSample({ citizens: 1500, records: 800, seed: 2026 });

function secretsOf(rows: readonly object[], fields: readonly string[]): string[] {
  const out = new Set<string>();
  for (const r of rows) for (const f of fields) for (const v of String((r as Record<string, unknown>)[f] ?? '').split(/[,;|]/)) if (v.trim().length >= 6) out.add(v.trim());
  return [...out];
}

describe('personal data', () => {
  it('reconciles a register without writing to the console', () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug', 'trace', 'table', 'dir'] as const).map((m) => vi.spyOn(console, m).mockImplementation(() => undefined));
    const reference = buildReference(sample.citizens);
    reconcile(reference, sample.records, { asOf: sample.asOf });
    for (const s of spies) expect(s).not.toHaveBeenCalled();
  });

  it('never puts an ID or a name from the input in a problem message', () => {
    const bad = sample.records.map((r, i) => (i % 3 === 0 ? { ...r, birthDate: `31/02/${r.citizenId.slice(-4)}`, gender: r.fullName, citizenId: `${r.citizenId}9` } : r));
    const reference = buildReference(sample.citizens);
    const { results } = reconcile(reference, bad, { asOf: sample.asOf });
    const secrets = [...secretsOf(sample.records, ['citizenId', 'fullName']), ...secretsOf(sample.citizens, ['id', 'formerIds', 'fullName'])];
    const messages = [...results.flatMap((r) => r.problems.map((p) => p.message)), ...reference.problems.map((p) => p.message)];
    expect(messages.length).toBeGreaterThan(0);
    const text = messages.join('\n');
    for (const s of secrets) expect(text).not.toContain(s);
  });

  it('never puts an input value in the message of an OptionsError', () => {
    const reference = buildReference(sample.citizens.slice(0, 10));
    const id = sample.citizens[0]!.id;
    const attempts: ReconcileOptions[] = [
      { asOf: id },
      { asOf: `Nguyễn ${id}` },
      { requiredFields: [id as never, 42 as never] },
      { compare: [id as never] },
      { idScheme: id as never },
      { maxFieldLength: -Number(id) },
    ];
    for (const options of attempts) {
      let error: unknown;
      try {
        reconcile(reference, [], options);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(OptionsError);
      expect((error as Error).message).not.toContain(id);
      expect((error as Error).message).not.toContain(String(Number(id)));
    }
  });
});
