import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DIMENSIONS, REASON_CODES, DIFF_KIND_CODES, emptyStats, renderReport, scorecard, selectReportSample, maskField, summarize, type RecordResult } from '../../src/index.js';
import { REPORT_SCRIPT, REPORT_SCRIPT_SHA256 } from '../../src/report/assets.js';
import { REASON_TEXT, DIFF_KIND_TEXT, formatNumber, formatPercent } from '../../src/report/i18n.js';
import { escapeHtml, html } from '../../src/report/escape.js';
import { fuzzyThresholds, gate, HOSTILE_NAME, HOSTILE_SCRIPT, meta, referenceUpdates, results, stats } from './fixture.js';

const sample = selectReportSample(results, 120);
const report = renderReport({ stats, sample, referenceUpdates, gate, fuzzyThresholds, meta });

/** The text of the element with this data-testid (the Vietnamese form, as rendered). */
function shown(page: string, testid: string): string | undefined {
  const m = new RegExp(`data-testid="${testid}"[^>]*>([^<]*)<`).exec(page);
  return m?.[1];
}

describe('renderReport structure', () => {
  it('is one self-contained HTML document with every section', () => {
    expect(report.startsWith('<!doctype html>\n<html lang="vi">')).toBe(true);
    for (const id of ['scorecard', 'status', 'reasons', 'fields', 'quality', 'provinces', 'scores', 'updates', 'sample']) expect(report).toContain(`<section id="${id}"`);
    expect(report).toContain('id="lang-toggle"');
    expect(report).toContain('@media print');
  });

  it('loads nothing from the network: no src or href to other files, CSP default-src none', () => {
    expect(report).not.toMatch(/\ssrc=/);
    expect(report).not.toMatch(/<link\b/);
    const urls = report.match(/https?:\/\/[^"'\s)]+/g) ?? [];
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg']));
    expect(report).toContain('default-src &#39;none&#39;');
    const hrefs = [...report.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs.every((h) => h!.startsWith('#'))).toBe(true);
  });

  it('allows exactly its own script through the CSP hash', () => {
    expect(createHash('sha256').update(REPORT_SCRIPT).digest('base64')).toBe(REPORT_SCRIPT_SHA256);
    expect(report).toContain(`<script>${REPORT_SCRIPT}</script>`);
  });

  it('shows the numbers of the statistics', () => {
    expect(shown(report, 'total-rows')).toBe(formatNumber(stats.total, 'vi'));
    for (const s of ['matched', 'mismatched', 'stale', 'missing'] as const) {
      expect(shown(report, `status-${s}-count`)).toBe(formatNumber(stats.byStatus[s], 'vi'));
      expect(shown(report, `status-${s}-pct`)).toBe(formatPercent(stats.byStatus[s] / stats.total, 'vi'));
    }
    const card = scorecard(stats);
    for (const d of DIMENSIONS) {
      expect(shown(report, `score-${d}-value`)).toBe(formatPercent(card[d].value, 'vi'));
      expect(shown(report, `score-${d}-denominator`)).toBe(formatNumber(card[d].denominator, 'vi'));
    }
    for (const [field, kinds] of Object.entries(stats.byField)) {
      for (const [kind, count] of Object.entries(kinds)) expect(shown(report, `field-${field}-${kind}`)).toBe(formatNumber(count, 'vi'));
    }
    for (const [code, counts] of Object.entries(stats.byProvince)) {
      for (const [status, count] of Object.entries(counts)) expect(shown(report, `province-${code}-${status}`)).toBe(formatNumber(count, 'vi'));
    }
    expect(report).toMatch(/data-testid="gate" data-value="fail"/);
    expect(report).toContain('data-testid="score-dung-result"');
  });

  it('sorts provinces by rows, names them, and says which scheme the codes are in', () => {
    const order = [...report.matchAll(/data-testid="province-row-([^"]+)"/g)].map((m) => m[1]!);
    const rows = (c: string): number => Object.values(stats.byProvince[c] ?? {}).reduce((a, b) => a + b, 0);
    for (let i = 1; i < order.length; i++) expect(rows(order[i - 1]!)).toBeGreaterThanOrEqual(rows(order[i]!));
    expect(report).toContain('Hà Giang (nay: Tuyên Quang)');
    expect(report).toContain('63 tỉnh trước ngày 01/7/2025');
  });

  it('draws the accept and review thresholds on the score histogram', () => {
    expect(report).toContain('data-vi="Chấp nhận ≥ 0,90" data-en="Accept ≥ 0.90"');
    expect(report).toContain('data-vi="Xem xét ≥ 0,70" data-en="Review ≥ 0.70"');
    for (let i = 0; i < 20; i++) expect(report).toContain(`data-testid="score-bin-${i}" data-value="${stats.scoreHistogram[i]}"`);
  });

  it('explains a fuzzy link with its per-field weights summing to the total', () => {
    const fuzzy = results.filter((r) => r.key === 'HS9000001' || r.reasons.includes('needs-review'));
    const page = renderReport({ stats, sample: fuzzy, fuzzyThresholds, meta });
    expect(page).toContain('Giải thích liên kết: trọng số từng trường');
    // fixture row 301: −12.5 + 14.2 + 9.1 + 0.9 − 2.3 = 9.4
    expect(page).toContain('data-testid="evidence-sum"><span data-vi="9,40" data-en="9.40"');
    expect(page).toContain('điểm ≥ ngưỡng chấp nhận 0,90');
    expect(page).toContain('điểm trong khoảng xem xét 0,70–0,90');
  });

  it('renders empty statistics without failing and says n/a where nothing can be measured', () => {
    const empty = renderReport({ stats: emptyStats(), sample: [], meta: { generatedAt: 'x', version: '0' } });
    expect(empty).toContain('Không tính được');
    expect(empty).toContain('Không có điểm so khớp trong lần chạy này');
    expect(empty).toContain('No reasons were recorded.');
  });
});

describe('renderReport escaping', () => {
  it('keeps hostile names and keys inert', () => {
    for (const reveal of [false, true]) {
      const page = renderReport({ stats, sample, referenceUpdates, gate, fuzzyThresholds, meta, revealPersonalData: reveal });
      expect(page).not.toContain(HOSTILE_NAME);
      expect(page).not.toContain(HOSTILE_SCRIPT);
      expect(page).not.toContain('<img');
      expect(page.match(/<script/g)).toHaveLength(2);
      expect(page).toContain('bhyt&lt;b&gt;.csv');
    }
    const revealed = renderReport({ stats, sample, referenceUpdates, meta, revealPersonalData: true });
    expect(revealed).toContain(escapeHtml(HOSTILE_NAME));
  });

  it('escapes in text and attributes alike', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\``)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;');
    expect(html`<p title="${'" onmouseover="x'}">${['<b>', 1]}</p>`.value).toBe('<p title="&quot; onmouseover=&quot;x">&lt;b&gt;1</p>');
  });

  it('never lets data open a tag, whatever the strings (property)', () => {
    const base = results.find((r) => r.diffs.length > 0)!;
    fc.assert(fc.property(fc.string(), fc.string(), fc.string(), (key, rec, title) => {
      const r: RecordResult = { ...base, key, diffs: [{ field: 'fullName', kind: 'typo', record: rec, reference: rec }] };
      const page = renderReport({ stats: summarize([r]), sample: [r], meta: { generatedAt: title, title, version: '1', inputs: [{ name: title, rows: 1 }] }, revealPersonalData: true });
      expect(page.match(/<script/g)).toHaveLength(2);
      expect(page.match(/<\/html>/g)).toHaveLength(1);
    }), { numRuns: 60 });
  });
});

describe('renderReport masking', () => {
  const linked = sample.filter((r) => r.citizenId !== undefined);

  it('masks IDs, names and birth dates by default', () => {
    expect(linked.length).toBeGreaterThan(10);
    for (const r of linked) expect(report).not.toContain(r.citizenId!);
    for (const r of sample) {
      for (const d of r.diffs) {
        if (d.field === 'fullName' && d.reference.split(' ').length > 2) expect(report).not.toContain(`>${escapeHtml(d.reference)}<`);
        if (d.field === 'birthDate' && /^\d\d\/\d\d\/\d{4}$/.test(d.reference)) expect(report).not.toContain(d.reference);
      }
    }
    expect(report).toContain('đã được che');
  });

  it('shows them in clear only when asked, with a warning', () => {
    const clear = renderReport({ stats, sample, meta, revealPersonalData: true });
    expect(clear).toContain(linked[0]!.citizenId!);
    expect(clear).toContain('không chia sẻ báo cáo này');
  });

  it('masks each field by its kind', () => {
    expect(maskField('fullName', 'Nguyễn Văn An')).toBe('Nguyễn V. A.');
    expect(maskField('birthDate', '05/07/1989')).toBe('**/**/1989');
    expect(maskField('citizenId', '001089012345')).toBe('001******345');
    expect(maskField('address', 'Số 1 Tràng Tiền')).toBe('•••');
    expect(maskField('gender', 'Nữ')).toBe('Nữ');
    expect(maskField('bhxhCode', '0123456789')).toBe('012****789');
  });
});

describe('selectReportSample', () => {
  it('is bounded and puts rows needing attention first', () => {
    const s = selectReportSample(results, 40);
    expect(s).toHaveLength(40);
    expect(s[0]!.reasons).toContain('needs-review');
    expect(s.filter((r) => r.status === 'matched').length).toBeLessThan(s.length);
    expect(selectReportSample(results, 0)).toEqual([]);
    expect(selectReportSample(results.slice(0, 5), 200)).toHaveLength(5);
  });

  it('gives every status a share when there is room', () => {
    const s = selectReportSample(results, 40);
    for (const st of ['mismatched', 'stale', 'missing', 'matched'] as const) expect(s.some((r) => r.status === st)).toBe(true);
  });
});

describe('translations', () => {
  it('has a Vietnamese label and meaning for every reason code and diff kind', () => {
    expect(REASON_CODES.filter((c) => REASON_TEXT[c] === undefined)).toEqual([]);
    expect(DIFF_KIND_CODES.filter((k) => DIFF_KIND_TEXT[k] === undefined)).toEqual([]);
  });

  it('formats numbers in the Vietnamese and English conventions', () => {
    expect(formatNumber(12345.67, 'vi', 1)).toBe('12.345,7');
    expect(formatNumber(12345.67, 'en', 1)).toBe('12,345.7');
    expect(formatPercent(0.5, 'vi')).toBe('50,0%');
    expect(formatPercent(null, 'en')).toBe('–');
  });
});

describe('commune breakdown', () => {
  it('shows the communes with the most rows with the counts of stats.json', async () => {
    const { buildReference, generateSample, reconcile, renderReport } = await import('../../src/index.js');
    const sample = generateSample({ citizens: 400, records: 200, seed: 9 });
    const { results, stats } = reconcile(buildReference(sample.citizens), sample.records, { asOf: sample.asOf });
    const page = renderReport({ stats, sample: results.slice(0, 20), meta: { version: 'test', generatedAt: '2026-01-01' } });
    const [code, counts] = Object.entries(stats.byCommune).sort(([, a], [, b]) => Object.values(b).reduce((x, y) => x + y, 0) - Object.values(a).reduce((x, y) => x + y, 0))[0]!;
    const rows = Object.values(counts).reduce((x, y) => x + y, 0);
    expect(page).toContain(`data-testid="commune-${code}-rows"`);
    expect(page).toMatch(new RegExp(`data-testid="commune-${code}-rows"[^>]*>${rows}<`));
  });
});

describe('ReportSampler', () => {
  it('selects the same sample when batches are sampled separately and their held items merged in order', async () => {
    const fc = (await import('fast-check')).default;
    const { ReportSampler } = await import('../../src/index.js');
    fc.assert(
      fc.property(fc.array(fc.nat(results.length), { maxLength: 8 }), fc.integer({ min: 0, max: 60 }), (cuts, limit) => {
        const points = [0, ...cuts.sort((a, b) => a - b), results.length];
        const merged = new ReportSampler<RecordResult>(limit, (r) => r);
        for (let i = 1; i < points.length; i++) {
          const part = new ReportSampler<RecordResult>(limit, (r) => r);
          for (const r of results.slice(points[i - 1], points[i])) part.add(r);
          for (const r of part.held()) merged.add(r);
        }
        expect(merged.take()).toEqual(selectReportSample(results, limit));
      }),
      { numRuns: 100 },
    );
  });

  it('selects the same sample when each batch keeps only the groups still open where they are merged', async () => {
    // As worker threads do: a batch is sent with the merging sampler's open groups at that moment, while up
    // to `lag` earlier batches are still in flight (not merged yet).
    const fc = (await import('fast-check')).default;
    const { ReportSampler } = await import('../../src/index.js');
    fc.assert(
      fc.property(fc.array(fc.nat(results.length), { maxLength: 12 }), fc.integer({ min: 0, max: 40 }), fc.nat(3), (cuts, limit, lag) => {
        const points = [0, ...cuts.sort((a, b) => a - b), results.length];
        const merged = new ReportSampler<RecordResult>(limit, (r) => r);
        const parts: InstanceType<typeof ReportSampler<RecordResult>>[] = [];
        let done = 0;
        for (let i = 1; i < points.length; i++) {
          for (; done < parts.length - lag; done++) for (const r of parts[done]!.held()) merged.add(r);
          const part = new ReportSampler<RecordResult>(limit, (r) => r);
          part.keepOnly(merged.openGroups());
          for (const r of results.slice(points[i - 1], points[i])) part.add(r);
          parts.push(part);
        }
        for (; done < parts.length; done++) for (const r of parts[done]!.held()) merged.add(r);
        expect(merged.take()).toEqual(selectReportSample(results, limit));
      }),
      { numRuns: 150 },
    );
  });

  it('reports which groups still take items', async () => {
    const { ReportSampler } = await import('../../src/index.js');
    const s = new ReportSampler<RecordResult>(1, (r) => r);
    expect(s.openGroups()).toBe(0b111111);
    const plain = results.find((r) => r.status === 'matched' && r.reasons.length === 0 && r.linkedBy === 'id' && !r.duplicate)!;
    s.add(plain);
    expect(s.openGroups()).toBe(0b011111);
    s.keepOnly(0b000001);
    expect(s.openGroups()).toBe(0b000001);
    s.add(results.find((r) => r.status === 'mismatched')!);
    expect(s.held()).toEqual([plain]);
  });
});
