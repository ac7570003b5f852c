import { describe, expect, it } from 'vitest';
import { emptyStats, evaluateGate, formatMarkdownSummary, type ReconcileStats } from '../../src/index.js';
import { results, stats as runStats } from '../report/fixture.js';

function stats(): ReconcileStats {
  return {
    ...emptyStats(),
    total: 200,
    valid: 190,
    clean: 185,
    complete: 180,
    byStatus: { matched: 150, mismatched: 30, stale: 10, missing: 10 },
    byReason: { 'name-differs': 25, 'citizen-deceased': 6, 'no-candidate': 10, 'made-up-code': 1 },
  };
}

describe('formatMarkdownSummary', () => {
  it('shows the scorecard with thresholds and PASS/FAIL', () => {
    const gate = evaluateGate(stats(), { failUnder: { dung: 0.95, song: 0.9 } });
    const md = formatMarkdownSummary(stats(), { gate });
    expect(md.split('\n')[0]).toBe('## doisoat · FAIL · 200 rows');
    expect(md).toContain('| Đúng (correct) | 78.9% | 150 / 190 | matched ÷ linked rows | ≥ 95.0% | FAIL |');
    expect(md).toContain('| Sống (current) | 94.7% | 180 / 190 | linked, not stale ÷ linked rows | ≥ 90.0% | PASS |');
    expect(md).toContain('| Sạch (clean) | 92.5% | 185 / 200 | valid, non-duplicate rows ÷ rows | — | — |');
    expect(md).toContain('- ❌ đúng (correct) 78.9% (150 of 190 linked rows) is under the threshold 95.0%');
  });

  it('states counts and shares per status over all rows', () => {
    const md = formatMarkdownSummary(stats(), { gate: evaluateGate(stats(), { maxStatus: { missing: 0.1 } }) });
    expect(md).toContain('Shares are of all 200 input rows.');
    expect(md).toContain('| Không tìm thấy (missing) | 10 | 5.0% | ≤ 10.0% | PASS |');
    expect(md).toContain('| Sai lệch (mismatched) | 30 | 15.0% | — | — |');
    expect(md).toContain('| **total** | **200** | 100.0% | | |');
  });

  it('lists top reasons with their meanings, most frequent first', () => {
    const md = formatMarkdownSummary(stats());
    const lines = md.split('\n').filter((l) => l.startsWith('| `'));
    expect(lines[0]).toMatch(/^\| `name-differs` \| 25 \| 12\.5% \| The full name differs/);
    expect(lines.map((l) => l.split('`')[1])).toEqual(['name-differs', 'no-candidate', 'citizen-deceased', 'made-up-code']);
    expect(md).toContain('unknown code');
  });

  it('includes run metadata and escapes table cells', () => {
    const md = formatMarkdownSummary(stats(), {
      meta: { version: '0.1.0', asOf: '2026-01-01', generatedAt: '2026-01-02T03:04:05Z', inputs: [{ name: 'a|b<script>.csv', rows: 200, sha256: 'ab'.repeat(32) }] },
    });
    expect(md).toContain('- doisoat version: 0.1.0');
    expect(md).toContain('- as of: 2026-01-01');
    expect(md).toContain(`| a\\|b&lt;script&gt;.csv | 200 | \`${'ab'.repeat(32)}\` |`);
    expect(md).not.toContain('<script>');
  });

  it('says n/a, not 0%, for empty statistics', () => {
    const md = formatMarkdownSummary(emptyStats());
    expect(md).toContain('| Đúng (correct) | n/a | 0 / 0 |');
    expect(md).not.toContain('### Top reasons');
  });

  it('holds no personal data from a real run', () => {
    const md = formatMarkdownSummary(runStats);
    for (const r of results.slice(0, 50)) {
      if (r.citizenId !== undefined) expect(md).not.toContain(r.citizenId);
      for (const d of r.diffs) if (d.record.length > 3) expect(md).not.toContain(d.record);
    }
  });
});
