/**
 * report.html: one self-contained page (styles and script inlined, no network) that an official can open,
 * read on a phone and print. Pure: builds a string from statistics, a bounded sample of results and the
 * gate outcome. Personal data is masked unless the caller asks otherwise.
 */
import type { RecordResult, Status, Candidate, FieldEvidence } from '../model/types.js';
import { INFORMATIONAL_DIFF_KINDS, type DiffKind } from '../model/reasons.js';
import type { ReferenceUpdate } from '../classify/rules.js';
import { DIMENSIONS, DIMENSION_TEXT, scorecard, type Dimension, type ReconcileStats } from '../stats/stats.js';
import type { GateCheck, GateResult } from '../stats/gate.js';
import { PROVINCES_2025, PROVINCES_PRE_2025 } from '../normalise/provinces.js';
import { maskDate, maskId, maskName } from '../write/mask.js';
import type { RunMeta } from '../write/summaryMarkdown.js';
import { html, trusted, type SafeHtml } from './escape.js';
import { REPORT_CSS, REPORT_SCRIPT, REPORT_SCRIPT_SHA256 } from './assets.js';
import { barChart, scoreHistogramChart, BAND_COLORS, type FuzzyThresholds } from './charts.js';
import {
  d,
  diffKindLabel,
  diffKindMeaning,
  fieldLabel,
  formatNumber,
  formatPercent,
  linkMethodLabel,
  n,
  p,
  reasonLabel,
  reasonMeaning,
  t,
  type Text,
} from './i18n.js';

/** Run metadata of a report: as {@link RunMeta}, with the generation time required. */
export interface ReportMeta extends RunMeta {
  /** When the report was generated, as it should be shown (the core reads no clock). */
  readonly generatedAt: string;
}

/** Everything {@link renderReport} shows. */
export interface ReportInput {
  readonly stats: ReconcileStats;
  /**
   * A bounded sample of results to show row by row (see {@link selectReportSample}); the full list belongs
   * in worklist.csv. At most `sampleLimit` are shown.
   */
  readonly sample: readonly RecordResult[];
  readonly referenceUpdates?: readonly ReferenceUpdate[];
  readonly gate?: GateResult;
  /** Accept/review thresholds of fuzzy linking, drawn on the score histogram. */
  readonly fuzzyThresholds?: FuzzyThresholds;
  readonly meta: ReportMeta;
  /** Show IDs, names and dates in clear (default false: masked). */
  readonly revealPersonalData?: boolean;
  /** Which province codes `byProvince` holds (default `pre-2025`, the 63-province GSO codes). */
  readonly provinceScheme?: 'pre-2025' | '2025';
  /** Reasons listed (default 12). */
  readonly topReasons?: number;
  /** Sample rows shown at most (default 200). */
  readonly sampleLimit?: number;
  /** Reference updates listed at most (default 200). */
  readonly updateLimit?: number;
}

const STATUSES: readonly Status[] = ['matched', 'mismatched', 'stale', 'missing'];

const STATUS_TEXT: Record<Status, Text> = {
  matched: { vi: 'Khớp', en: 'Matched' },
  mismatched: { vi: 'Sai lệch', en: 'Mismatched' },
  stale: { vi: 'Lỗi thời', en: 'Stale' },
  missing: { vi: 'Không tìm thấy', en: 'Missing' },
};

const STATUS_MEANING: Record<Status, Text> = {
  matched: { vi: 'Liên kết được và mọi trường so sánh đều khớp', en: 'Linked and every compared field agrees' },
  mismatched: { vi: 'Liên kết được nhưng có trường sai trong bản ghi', en: 'Linked, but a field in the record is wrong' },
  stale: { vi: 'Liên kết được; bản ghi từng đúng nhưng đã cũ', en: 'Linked; the record was right once but is out of date' },
  missing: { vi: 'Không liên kết được với công dân nào', en: 'Not linked to any citizen' },
};

/** Status colours (constants, kept in step with the CSS variables). */
const STATUS_COLORS: Record<Status, string> = { matched: '#1f8a4c', mismatched: '#c46a00', stale: '#7048b8', missing: '#c0392b' };


const PASS: Text = { vi: 'Đạt', en: 'Pass' };
const FAIL: Text = { vi: 'Không đạt', en: 'Fail' };

function badge(passed: boolean | undefined, testid?: string): SafeHtml {
  if (passed === undefined) return html`<span class="badge none">${t({ vi: 'Không đặt ngưỡng', en: 'No threshold' })}</span>`;
  return html`<span class="badge ${passed ? 'pass' : 'fail'}"${testid === undefined ? '' : html` data-testid="${testid}"`}>${t(passed ? PASS : FAIL)}</span>`;
}

// ---------------------------------------------------------------- masking

/** Fields whose values do not identify a person on their own and are shown even when masking. */
const NON_PERSONAL_FIELDS: ReadonlySet<string> = new Set(['gender', 'provinceCode', 'communeCode', 'status', 'updatedAt']);

/**
 * Masks one displayed value by field: IDs keep their first and last three characters, names their surname
 * and initials, dates their year, addresses nothing. Unknown fields are treated as identifiers.
 *
 * @example
 * maskField('fullName', 'Nguyễn Văn An') //=> 'Nguyễn V. A.'
 */
export function maskField(field: string, value: string): string {
  if (value === '' || NON_PERSONAL_FIELDS.has(field)) return value;
  if (field === 'fullName') return maskName(value);
  if (field === 'address') return '•••';
  if (/date$/i.test(field) || field === 'birthDate') return maskDate(value);
  return maskId(value);
}

/** Masks a key or ID for display, shortening long runs of stars so a long key cannot widen the page. */
function maskKey(value: string): string {
  return maskId(value).replace(/\*{7,}/g, '******');
}

/** An empty value shown as a dash, so an empty cell is not mistaken for a rendering fault. */
function orDash(value: string): string {
  return value === '' ? '—' : value;
}

// ---------------------------------------------------------------- sample selection

const SAMPLE_PRIORITY = (r: RecordResult): number => {
  if (r.reasons.includes('needs-review') || r.reasons.includes('ambiguous') || r.reasons.includes('id-conflicts-with-identity')) return 0;
  if (r.status === 'mismatched') return 1;
  if (r.status === 'stale') return 2;
  if (r.status === 'missing') return 3;
  if (r.linkedBy === 'fuzzy' || r.linkedBy === 'id-typo' || r.duplicate || r.reasons.length > 0) return 4;
  return 5;
};

/**
 * Collects the report sample in one pass with memory bounded by six times `limit`: each priority group
 * (records needing review, mismatched, stale, missing, scored or flagged matches, plain matches) keeps its
 * first `limit` items in input order. Items may carry more than the result (the streaming runner tags each
 * with its position). `selectReportSample` is this over an iterable.
 *
 * @example
 * const s = new ReportSampler<RecordResult>(200, (r) => r); for (const r of results) s.add(r); s.take().length //=> 200
 */
export class ReportSampler<T> {
  private readonly groups: T[][] = [[], [], [], [], [], []];
  private readonly cap: number;
  /** Bit `g` set: group `g` takes no items (see {@link keepOnly}). */
  private closed = 0;
  private readonly resultOf: (item: T) => RecordResult;

  constructor(limit: number, resultOf: (item: T) => RecordResult) {
    this.cap = Math.max(0, Math.floor(limit));
    this.resultOf = resultOf;
  }

  /** Offers one item, in input order. */
  add(item: T): void {
    const p = SAMPLE_PRIORITY(this.resultOf(item));
    const g = this.groups[p]!;
    if (g.length < this.cap && (this.closed & (1 << p)) === 0) g.push(item);
  }

  /**
   * The priority groups that still take items, as a bit mask (bit `g` for group `g`). A group that is full
   * stays full, so a sampler fed later items (a worker thread's, merged here afterwards) can skip those
   * groups: pass the mask to {@link keepOnly} there.
   *
   * @example
   * new ReportSampler<RecordResult>(200, (r) => r).openGroups() //=> 0b111111
   */
  openGroups(): number {
    let mask = 0;
    for (let g = 0; g < this.groups.length; g++) if (this.groups[g]!.length < this.cap) mask |= 1 << g;
    return mask & ~this.closed;
  }

  /**
   * Stops taking items of the groups not in `mask` (from another sampler's {@link openGroups}): what a
   * worker thread sends back for merging then leaves out items the merging sampler would refuse.
   *
   * @example
   * const s = new ReportSampler<RecordResult>(200, (r) => r); s.keepOnly(0b000001); // only records needing review
   */
  keepOnly(mask: number): void {
    this.closed = ~mask;
  }

  /** Everything still held (each group's first items): feed these to another sampler to merge, in input order. */
  held(): T[] {
    return this.groups.flat();
  }

  /** The sample: groups in priority order, each given a fair share so one common status cannot crowd out the rest. */
  take(): T[] {
    const { groups, cap } = this;
    const nonEmpty = groups.filter((g) => g.length > 0).length;
    const share = nonEmpty === 0 ? 0 : Math.ceil(cap / nonEmpty);
    const take = groups.map((g) => Math.min(g.length, share));
    let left = cap - take.reduce((a, b) => a + b, 0);
    for (let i = 0; i < groups.length && left > 0; i++) {
      const extra = Math.min(left, groups[i]!.length - take[i]!);
      take[i]! += extra;
      left -= extra;
    }
    for (let i = groups.length - 1; i >= 0 && left < 0; i--) {
      const cut = Math.min(-left, take[i]!);
      take[i]! -= cut;
      left += cut;
    }
    return groups.flatMap((g, i) => g.slice(0, take[i]!));
  }
}

/**
 * Picks a bounded sample of results for the report (see {@link ReportSampler}): records needing review
 * first, then mismatched, stale, missing, then scored or flagged matches, then plain matches; input order
 * within each group.
 *
 * @example
 * selectReportSample(results, 200).length //=> 200
 */
export function selectReportSample(results: Iterable<RecordResult>, limit = 200): RecordResult[] {
  const sampler = new ReportSampler<RecordResult>(limit, (r) => r);
  for (const r of results) sampler.add(r);
  return sampler.take();
}

// ---------------------------------------------------------------- sections

function section(id: string, title: Text, body: SafeHtml | readonly SafeHtml[]): SafeHtml {
  return html`<section id="${id}" aria-labelledby="${id}-h"><h2 id="${id}-h">${t(title)}</h2>${body}</section>`;
}

function table(head: readonly SafeHtml[], rows: readonly SafeHtml[], opts: { testid?: string; foot?: SafeHtml } = {}): SafeHtml {
  return html`<div class="scroll"><table${opts.testid === undefined ? '' : html` data-testid="${opts.testid}"`}><thead><tr>${head}</tr></thead><tbody>${rows}</tbody>${
    opts.foot === undefined ? '' : html`<tfoot>${opts.foot}</tfoot>`
  }</table></div>`;
}

const th = (text: Text, num = false): SafeHtml => html`<th${num ? html` class="num"` : ''} scope="col">${t(text)}</th>`;

function checkText(c: GateCheck): Text {
  const pv = (v: number | null, lang: 'vi' | 'en'): string => formatPercent(v, lang);
  if (c.kind === 'fail-under') {
    const dim = DIMENSION_TEXT[c.name as Dimension];
    if (c.actual === null) {
      return {
        vi: `${dim.name.vi}: không tính được (mẫu số 0), chưa đạt ngưỡng ${pv(c.threshold, 'vi')}`,
        en: `${dim.name.en}: cannot be computed (denominator 0), threshold ${pv(c.threshold, 'en')} not met`,
      };
    }
    return {
      vi: `${dim.name.vi} ${pv(c.actual, 'vi')} (${formatNumber(c.numerator, 'vi')}/${formatNumber(c.denominator, 'vi')}) ${c.passed ? 'đạt' : 'dưới'} ngưỡng ${pv(c.threshold, 'vi')}`,
      en: `${dim.name.en} ${pv(c.actual, 'en')} (${formatNumber(c.numerator, 'en')}/${formatNumber(c.denominator, 'en')}) ${c.passed ? 'meets' : 'is under'} the threshold ${pv(c.threshold, 'en')}`,
    };
  }
  const st = STATUS_TEXT[c.name as Status];
  if (c.actual === null) {
    return { vi: `${st.vi}: không có dòng nào (mẫu số 0), không kiểm tra được`, en: `${st.en}: no rows (denominator 0), cannot be checked` };
  }
  return {
    vi: `${st.vi} ${pv(c.actual, 'vi')} số dòng (${formatNumber(c.numerator, 'vi')}/${formatNumber(c.denominator, 'vi')}) ${c.passed ? 'trong' : 'vượt'} mức tối đa ${pv(c.threshold, 'vi')}`,
    en: `${st.en} ${pv(c.actual, 'en')} of rows (${formatNumber(c.numerator, 'en')}/${formatNumber(c.denominator, 'en')}) ${c.passed ? 'within' : 'exceeds'} the maximum ${pv(c.threshold, 'en')}`,
  };
}

function header(input: ReportInput): SafeHtml {
  const { meta, gate, stats } = input;
  const title: Text = meta.title === undefined ? { vi: 'Báo cáo đối soát dữ liệu', en: 'Reconciliation report' } : { vi: meta.title, en: meta.title };
  const inputs = meta.inputs ?? [];
  const metaRows: SafeHtml[] = [
    html`<dt>${t({ vi: 'Thời điểm lập', en: 'Generated' })}</dt><dd data-testid="meta-generated">${meta.generatedAt}</dd>`,
  ];
  if (meta.asOf !== undefined) metaRows.push(html`<dt>${t({ vi: 'Ngày đối soát', en: 'As of' })}</dt><dd data-testid="meta-asof">${meta.asOf}</dd>`);
  metaRows.push(html`<dt>${t({ vi: 'Phiên bản', en: 'Version' })}</dt><dd>doisoat ${meta.version}</dd>`);
  for (const i of inputs) {
    metaRows.push(
      html`<dt>${t({ vi: 'Tệp đầu vào', en: 'Input' })}</dt><dd>${i.name} · ${n(i.rows)} ${t({ vi: 'dòng', en: 'rows' })}${
        i.sha256 === undefined ? '' : html` · <span class="code" title="SHA-256 ${i.sha256}">sha256 ${i.sha256.slice(0, 12)}…</span>`
      }</dd>`,
    );
  }
  let gateBox: SafeHtml | string = '';
  if (gate !== undefined) {
    const failed = gate.checks.filter((c) => !c.passed);
    gateBox = html`<div class="gate ${gate.passed ? 'pass' : 'fail'}" data-testid="gate" data-value="${gate.passed ? 'pass' : 'fail'}">${
      gate.passed
        ? t(
            gate.checks.length === 0
              ? { vi: 'Không đặt ngưỡng kiểm tra.', en: 'No thresholds were set.' }
              : { vi: `Đạt tất cả ${gate.checks.length} ngưỡng kiểm tra.`, en: `All ${gate.checks.length} thresholds passed.` },
          )
        : html`${t({ vi: `Không đạt ${failed.length}/${gate.checks.length} ngưỡng kiểm tra:`, en: `${failed.length} of ${gate.checks.length} thresholds failed:` })}<ul>${failed.map(
            (c) => html`<li>${t(checkText(c))}</li>`,
          )}</ul>`
    }</div>`;
  }
  return html`<header class="top"><div class="bar-top"><div><h1>${t(title)}</h1><p class="sub">${t({
    vi: `Đối soát ${formatNumber(stats.total, 'vi')} dòng dữ liệu ngành với CSDL tham chiếu về dân cư`,
    en: `${formatNumber(stats.total, 'en')} sector rows reconciled against the reference citizen data`,
  })}</p></div><button id="lang-toggle" type="button" aria-pressed="false" data-vi="English" data-en="Tiếng Việt" title="Switch language / Chuyển ngôn ngữ">English</button></div><dl class="meta">${metaRows}</dl>${gateBox}</header>`;
}

function scorecardSection(input: ReportInput): SafeHtml {
  const card = scorecard(input.stats);
  const cards = DIMENSIONS.map((dim) => {
    const v = card[dim];
    const txt = DIMENSION_TEXT[dim];
    const check = input.gate?.checks.find((c) => c.kind === 'fail-under' && c.name === dim);
    const fill = v.value === null ? 0 : Math.min(100, Math.max(0, v.value * 100));
    const meter = html`<div class="meter" role="presentation"><div class="fill" style="width:${fill.toFixed(1)}%"></div>${
      check === undefined ? '' : html`<div class="mark" style="left:${(Math.min(1, Math.max(0, check.threshold)) * 100).toFixed(1)}%" title="${formatPercent(check.threshold, 'en')}"></div>`
    }</div>`;
    return html`<div class="card" data-testid="scorecard-${dim}"><h3>${t(txt.name)}</h3><p class="formula">${t(txt.question)}</p><p class="big">${
      v.value === null ? t({ vi: 'Không tính được', en: 'n/a' }, { testid: `score-${dim}-value`, value: null }) : p(v.value, { testid: `score-${dim}-value` })
    }</p>${meter}<p class="frac">${n(v.numerator, { testid: `score-${dim}-numerator` })} / ${n(v.denominator, { testid: `score-${dim}-denominator` })} ${t(txt.base)} · ${t(txt.formula)}</p><p class="thr">${
      check === undefined
        ? badge(undefined)
        : html`${t({ vi: 'Ngưỡng', en: 'Threshold' })} ≥ ${p(check.threshold, { testid: `score-${dim}-threshold` })} ${badge(check.passed, `score-${dim}-result`)}`
    }</p>${v.value === null ? html`<p class="frac">${t({ vi: 'Mẫu số bằng 0: không có dữ liệu để tính.', en: 'The denominator is 0: nothing to measure.' })}</p>` : ''}</div>`;
  });
  return section(
    'scorecard',
    { vi: 'Bảng điểm: đúng, đủ, sạch, sống', en: 'Scorecard: correct, complete, clean, current' },
    html`<p class="note">${t({
      vi: 'Mỗi chỉ số là một tỷ lệ với tử số và mẫu số ghi rõ. Vạch đen trên thanh là ngưỡng do người dùng đặt.',
      en: 'Each dimension is a ratio with its numerator and denominator stated. The black mark on the bar is the threshold set by the user.',
    })}</p><div class="cards">${cards}</div>`,
  );
}

function statusSection(input: ReportInput): SafeHtml {
  const { stats, gate } = input;
  const total = stats.total;
  const rows = STATUSES.map((s) => {
    const count = stats.byStatus[s];
    const check = gate?.checks.find((c) => c.kind === 'max-status' && c.name === s);
    return html`<tr data-testid="status-row-${s}"><td><span class="st ${s}">${t(STATUS_TEXT[s])}</span><br><small>${t(STATUS_MEANING[s])}</small></td><td class="num">${n(count, {
      testid: `status-${s}-count`,
    })}</td><td class="num">${p(total === 0 ? null : count / total, { testid: `status-${s}-pct` })}</td><td class="num">${
      check === undefined ? '—' : html`≤ ${p(check.threshold)} ${badge(check.passed, `status-${s}-result`)}`
    }</td></tr>`;
  });
  const foot = html`<tr><td>${t({ vi: 'Tổng số dòng', en: 'Total rows' })}</td><td class="num">${n(total, { testid: 'total-rows' })}</td><td class="num">${
    total === 0 ? '–' : p(1)
  }</td><td></td></tr>`;
  const chart = barChart({
    title: { vi: 'Số dòng theo trạng thái', en: 'Rows per status' },
    bars: STATUSES.map((s) => ({ label: STATUS_TEXT[s], value: stats.byStatus[s], color: STATUS_COLORS[s], testid: `status-${s}-bar` })),
    denominator: total,
    axisLabel: { vi: 'Số dòng', en: 'Rows' },
  });
  return section(
    'status',
    { vi: 'Số dòng theo trạng thái', en: 'Rows per status' },
    html`<p class="note">${t({
      vi: `Tỷ lệ tính trên tổng số ${formatNumber(total, 'vi')} dòng đầu vào (kể cả dòng không hợp lệ). Mỗi dòng có đúng một trạng thái.`,
      en: `Shares are of all ${formatNumber(total, 'en')} input rows (invalid rows included). Each row has exactly one status.`,
    })}</p><div class="two"><div>${table(
      [th({ vi: 'Trạng thái', en: 'Status' }), th({ vi: 'Số dòng', en: 'Rows' }, true), th({ vi: 'Tỷ lệ', en: 'Share' }, true), th({ vi: 'Tối đa cho phép', en: 'Max allowed' }, true)],
      rows,
      { testid: 'status-table', foot },
    )}</div><div class="chartbox">${chart}</div></div>`,
  );
}

function topEntries(counts: Readonly<Record<string, number>>, limit: number): [string, number][] {
  return Object.entries(counts)
    .filter(([, v]) => v > 0)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .slice(0, Math.max(0, limit));
}

function reasonsSection(input: ReportInput): SafeHtml {
  const { stats } = input;
  const all = topEntries(stats.byReason, Number.MAX_SAFE_INTEGER);
  const top = all.slice(0, input.topReasons ?? 12);
  if (top.length === 0) {
    return section('reasons', { vi: 'Lý do thường gặp', en: 'Top reasons' }, html`<p class="note">${t({ vi: 'Không có lý do nào được ghi nhận.', en: 'No reasons were recorded.' })}</p>`);
  }
  const rows = top.map(
    ([code, count]) =>
      html`<tr data-testid="reason-row-${code}"><td>${t(reasonLabel(code))}<br><span class="code">${code}</span></td><td class="num">${n(count, { testid: `reason-${code}-count` })}</td><td class="num">${p(
        stats.total === 0 ? null : count / stats.total,
      )}</td><td>${t(reasonMeaning(code))}</td></tr>`,
  );
  const chart = barChart({
    title: { vi: 'Lý do thường gặp', en: 'Top reasons' },
    bars: top.slice(0, 8).map(([code, count]) => ({ label: reasonLabel(code), value: count, color: '#3b6fb6' })),
    denominator: stats.total,
    axisLabel: { vi: 'Số dòng', en: 'Rows' },
  });
  return section(
    'reasons',
    { vi: 'Lý do thường gặp', en: 'Top reasons' },
    html`<p class="note">${t({
      vi: `Một dòng có thể có nhiều lý do nên tổng các tỷ lệ có thể vượt 100%. Tỷ lệ tính trên ${formatNumber(stats.total, 'vi')} dòng.${all.length > top.length ? ` Hiển thị ${top.length}/${all.length} lý do.` : ''}`,
      en: `A row may carry several reasons, so shares can add up to more than 100%. Shares are of ${formatNumber(stats.total, 'en')} rows.${all.length > top.length ? ` Showing ${top.length} of ${all.length} reasons.` : ''}`,
    })}</p><div class="chartbox">${chart}</div>${table(
      [th({ vi: 'Lý do', en: 'Reason' }), th({ vi: 'Số dòng', en: 'Rows' }, true), th({ vi: 'Tỷ lệ', en: 'Share' }, true), th({ vi: 'Ý nghĩa', en: 'Meaning' })],
      rows,
      { testid: 'reasons-table' },
    )}`,
  );
}

function fieldsSection(input: ReportInput): SafeHtml {
  const { stats } = input;
  const linked = stats.byStatus.matched + stats.byStatus.mismatched + stats.byStatus.stale;
  const entries: { field: string; kind: string; count: number }[] = [];
  for (const [field, kinds] of Object.entries(stats.byField)) for (const [kind, count] of Object.entries(kinds)) if (count > 0) entries.push({ field, kind, count });
  entries.sort((a, b) => b.count - a.count || (a.field < b.field ? -1 : a.field > b.field ? 1 : a.kind < b.kind ? -1 : 1));
  if (entries.length === 0) {
    return section('fields', { vi: 'Khác biệt theo trường', en: 'Differences per field' }, html`<p class="note">${t({ vi: 'Không có khác biệt nào.', en: 'No differences were found.' })}</p>`);
  }
  const perField = new Map<string, number>();
  for (const e of entries) if (!INFORMATIONAL_DIFF_KINDS.has(e.kind as DiffKind)) perField.set(e.field, (perField.get(e.field) ?? 0) + e.count);
  const rows = entries.map((e) => {
    const info = INFORMATIONAL_DIFF_KINDS.has(e.kind as DiffKind);
    const meaning = diffKindMeaning(e.kind);
    return html`<tr><td>${t(fieldLabel(e.field))}<br><span class="code">${e.field}</span></td><td${meaning === '' ? '' : html` title="${meaning}"`}>${t(diffKindLabel(e.kind))}<br><span class="code">${e.kind}</span>${
      info ? html` <span class="badge none">${t({ vi: 'chỉ để biết', en: 'informational' })}</span>` : ''
    }</td><td class="num">${n(e.count, { testid: `field-${e.field}-${e.kind}` })}</td><td class="num">${p(linked === 0 ? null : e.count / linked)}</td></tr>`;
  });
  const bars = [...perField.entries()].sort((a, b) => b[1] - a[1]).map(([field, count]) => ({ label: fieldLabel(field), value: count, color: '#c46a00' }));
  return section(
    'fields',
    { vi: 'Khác biệt theo trường và loại', en: 'Differences per field and kind' },
    html`<p class="note">${t({
      vi: `Tỷ lệ tính trên ${formatNumber(linked, 'vi')} bản ghi đã liên kết. Loại "chỉ để biết" (trống, kém chi tiết) không làm bản ghi bị coi là sai lệch và không được tính vào biểu đồ.`,
      en: `Shares are of ${formatNumber(linked, 'en')} linked rows. "Informational" kinds (empty, less precise) do not make a row mismatched and are left out of the chart.`,
    })}</p>${bars.length === 0 ? '' : html`<div class="chartbox">${barChart({ title: { vi: 'Khác biệt theo trường', en: 'Differences per field' }, bars, denominator: linked, axisLabel: { vi: 'Số khác biệt', en: 'Differences' } })}</div>`}${table(
      [th({ vi: 'Trường', en: 'Field' }), th({ vi: 'Loại khác biệt', en: 'Kind' }), th({ vi: 'Số dòng', en: 'Rows' }, true), th({ vi: 'Tỷ lệ', en: 'Share' }, true)],
      rows,
      { testid: 'fields-table' },
    )}`,
  );
}

function qualitySection(input: ReportInput): SafeHtml {
  const { stats } = input;
  const total = stats.total;
  const share = (v: number): SafeHtml => p(total === 0 ? null : v / total);
  const facts = [
    { label: { vi: 'Dòng hợp lệ', en: 'Valid rows' }, v: stats.valid, id: 'quality-valid' },
    { label: { vi: 'Dòng trùng (liên kết tới công dân đã có dòng khác)', en: 'Duplicate rows (link to a citizen another row links to)' }, v: stats.duplicates, id: 'quality-duplicates' },
    { label: { vi: 'Dòng sạch (hợp lệ, không trùng)', en: 'Clean rows (valid, not duplicate)' }, v: stats.clean, id: 'quality-clean' },
    { label: { vi: 'Dòng đủ trường bắt buộc', en: 'Rows with every required field' }, v: stats.complete, id: 'quality-complete' },
  ].map((f) => html`<tr><td>${t(f.label)}</td><td class="num">${n(f.v, { testid: f.id })}</td><td class="num">${share(f.v)}</td></tr>`);
  const missing = topEntries(stats.missingFields, 50).map(
    ([field, v]) => html`<tr><td>${t(fieldLabel(field))} <span class="code">${field}</span></td><td class="num">${n(v, { testid: `missing-${field}` })}</td><td class="num">${share(v)}</td></tr>`,
  );
  const problems: SafeHtml[] = [];
  for (const [field, codes] of Object.entries(stats.problems)) {
    for (const [code, v] of Object.entries(codes)) {
      if (v > 0) problems.push(html`<tr><td>${t(fieldLabel(field))} <span class="code">${field}</span></td><td class="code">${code}</td><td class="num">${n(v, { testid: `problem-${field}-${code}` })}</td><td class="num">${share(v)}</td></tr>`);
    }
  }
  const links = topEntries(stats.byLinkMethod, 20).map(
    ([m, v]) => html`<tr><td>${t(linkMethodLabel(m))} <span class="code">${m}</span></td><td class="num">${n(v, { testid: `link-${m}` })}</td><td class="num">${share(v)}</td></tr>`,
  );
  const head3 = [th({ vi: 'Chỉ tiêu', en: 'Measure' }), th({ vi: 'Số dòng', en: 'Rows' }, true), th({ vi: 'Tỷ lệ', en: 'Share' }, true)];
  return section(
    'quality',
    { vi: 'Chất lượng dữ liệu và cách liên kết', en: 'Data quality and how rows were linked' },
    html`<p class="note">${t({ vi: `Tỷ lệ tính trên ${formatNumber(total, 'vi')} dòng.`, en: `Shares are of ${formatNumber(total, 'en')} rows.` })}</p><div class="two"><div>${table(head3, facts, { testid: 'quality-table' })}${
      missing.length === 0 ? '' : html`<h3>${t({ vi: 'Thiếu trường bắt buộc (đủ)', en: 'Missing required fields (complete)' })}</h3>${table([th({ vi: 'Trường', en: 'Field' }), head3[1]!, head3[2]!], missing)}`
    }</div><div><h3>${t({ vi: 'Cách liên kết', en: 'Link method' })}</h3>${table([th({ vi: 'Cách', en: 'Method' }), head3[1]!, head3[2]!], links, { testid: 'links-table' })}${
      problems.length === 0
        ? ''
        : html`<h3>${t({ vi: 'Lỗi kiểm tra hợp lệ (sạch)', en: 'Validation problems (clean)' })}</h3>${table(
            [th({ vi: 'Trường', en: 'Field' }), th({ vi: 'Mã lỗi', en: 'Code' }), head3[1]!, head3[2]!],
            problems,
          )}`
    }</div></div>`,
  );
}

const OLD_BY_CODE = new Map(PROVINCES_PRE_2025.map((x) => [x.code, x]));
const NEW_BY_CODE = new Map(PROVINCES_2025.map((x) => [x.code, x]));

function provinceName(code: string, scheme: 'pre-2025' | '2025'): Text {
  if (code === 'unknown') return { vi: 'Không xác định', en: 'Unknown' };
  if (scheme === '2025') {
    const np = NEW_BY_CODE.get(code);
    return np === undefined ? { vi: '?', en: '?' } : { vi: np.name, en: np.name };
  }
  const op = OLD_BY_CODE.get(code);
  if (op === undefined) return { vi: '?', en: '?' };
  if (op.name2025 === '' || op.name2025 === op.name) return { vi: op.name, en: op.name };
  return { vi: `${op.name} (nay: ${op.name2025})`, en: `${op.name} (now ${op.name2025})` };
}

function provincesSection(input: ReportInput): SafeHtml {
  const scheme = input.provinceScheme ?? 'pre-2025';
  const entries = Object.entries(input.stats.byProvince).map(([code, counts]) => {
    const by = Object.fromEntries(STATUSES.map((s) => [s, counts[s] ?? 0])) as Record<Status, number>;
    return { code, by, rows: STATUSES.reduce((a, s) => a + by[s], 0) };
  });
  entries.sort((a, b) => b.rows - a.rows || (a.code === 'unknown' ? 1 : b.code === 'unknown' ? -1 : a.code < b.code ? -1 : 1));
  if (entries.length === 0) {
    return section('provinces', { vi: 'Theo tỉnh', en: 'By province' }, html`<p class="note">${t({ vi: 'Không có dữ liệu.', en: 'No data.' })}</p>`);
  }
  const rows = entries.map(({ code, by, rows: total }) => {
    const stack = STATUSES.filter((s) => by[s] > 0).map(
      (s) => html`<span style="width:${((by[s] / Math.max(1, total)) * 100).toFixed(2)}%;background:${STATUS_COLORS[s]}" title="${STATUS_TEXT[s].en}: ${by[s]}"></span>`,
    );
    return html`<tr data-testid="province-row-${code}"><td class="code">${code === 'unknown' ? '—' : code}</td><td>${t(provinceName(code, scheme))}</td><td class="num">${n(total, {
      testid: `province-${code}-rows`,
    })}</td>${STATUSES.map((s) => html`<td class="num">${n(by[s], { testid: `province-${code}-${s}` })}</td>`)}<td class="num">${p(total === 0 ? null : by.matched / total)}</td><td><div class="stack" role="img" aria-label="${STATUSES.map((s) => `${STATUS_TEXT[s].en} ${by[s]}`).join(', ')}">${stack}</div></td></tr>`;
  });
  const legend = html`<ul class="legend">${STATUSES.map((s) => html`<li><i style="background:${STATUS_COLORS[s]}"></i>${t(STATUS_TEXT[s])}</li>`)}</ul>`;
  return section(
    'provinces',
    { vi: 'Theo tỉnh', en: 'By province' },
    html`<p class="note">${t(
      scheme === 'pre-2025'
        ? {
            vi: 'Mã tỉnh theo danh mục 63 tỉnh trước ngày 01/7/2025 (tỉnh của công dân, nếu không có thì của bản ghi hoặc của 3 số đầu số định danh); tên trong ngoặc là tỉnh sau sắp xếp. Sắp xếp theo số dòng giảm dần.',
            en: 'Province codes of the 63-province list in force until 1 July 2025 (the citizen’s province, else the record’s, else the ID prefix’s); the name in brackets is the province after the 2025 merger. Sorted by rows, most first.',
          }
        : {
            vi: 'Mã tỉnh theo danh mục 34 tỉnh từ ngày 01/7/2025. Sắp xếp theo số dòng giảm dần.',
            en: 'Province codes of the 34-province list in force from 1 July 2025. Sorted by rows, most first.',
          },
    )}</p>${legend}${table(
      [
        th({ vi: 'Mã', en: 'Code' }),
        th({ vi: 'Tỉnh', en: 'Province' }),
        th({ vi: 'Số dòng', en: 'Rows' }, true),
        ...STATUSES.map((s) => th(STATUS_TEXT[s], true)),
        th({ vi: 'Tỷ lệ khớp', en: 'Matched share' }, true),
        th({ vi: 'Cơ cấu', en: 'Mix' }),
      ],
      rows,
      { testid: 'provinces-table' },
    )}${communeTable(input)}`,
  );
}

/** Communes with the most rows (bounded: a province has hundreds). Codes only: names are not shipped. */
function communeTable(input: ReportInput): SafeHtml | string {
  const entries = Object.entries(input.stats.byCommune ?? {}).map(([code, counts]) => {
    const by = Object.fromEntries(STATUSES.map((s) => [s, counts[s] ?? 0])) as Record<Status, number>;
    return { code, by, rows: STATUSES.reduce((a, s) => a + by[s], 0) };
  });
  if (entries.length === 0) return '';
  entries.sort((a, b) => b.rows - a.rows || (a.code < b.code ? -1 : 1));
  const shown = entries.slice(0, COMMUNE_LIMIT);
  const rows = shown.map(
    ({ code, by, rows: total }) =>
      html`<tr data-testid="commune-row-${code}"><td class="code">${code}</td><td class="num">${n(total, { testid: `commune-${code}-rows` })}</td>${STATUSES.map(
        (s) => html`<td class="num">${n(by[s], { testid: `commune-${code}-${s}` })}</td>`,
      )}<td class="num">${p(total === 0 ? null : by.matched / total)}</td></tr>`,
  );
  return html`<h3>${t({ vi: 'Theo xã/phường', en: 'By commune' })}</h3><p class="note">${t({
    vi: `Mã xã của công dân, nếu không có thì của bản ghi. ${shown.length} trên ${entries.length} xã có nhiều dòng nhất; đầy đủ trong stats.json.`,
    en: `Commune code of the citizen, else of the record. The ${shown.length} of ${entries.length} communes with the most rows; all are in stats.json.`,
  })}</p>${table(
    [th({ vi: 'Mã xã', en: 'Commune' }), th({ vi: 'Số dòng', en: 'Rows' }, true), ...STATUSES.map((s) => th(STATUS_TEXT[s], true)), th({ vi: 'Tỷ lệ khớp', en: 'Matched share' }, true)],
    rows,
    { testid: 'communes-table' },
  )}`;
}

const COMMUNE_LIMIT = 30;

function scoresSection(input: ReportInput): SafeHtml {
  const h = input.stats.scoreHistogram;
  const th_ = input.fuzzyThresholds;
  const total = h.reduce((a, b) => a + b, 0);
  let bands: SafeHtml | string = '';
  if (th_ !== undefined) {
    // Bins are 0.05 wide; a threshold inside a bin is attributed by the bin's midpoint, as drawn.
    let below = 0;
    let review = 0;
    let accept = 0;
    h.forEach((v, i) => {
      const mid = i / 20 + 0.025;
      if (mid >= th_.accept) accept += v;
      else if (mid >= th_.review) review += v;
      else below += v;
    });
    bands = html`<ul class="legend"><li><i style="background:${BAND_COLORS.accept}"></i>${t({ vi: 'Tự động chấp nhận', en: 'Accepted' })}: ${n(accept, { testid: 'score-band-accept' })}</li><li><i style="background:${BAND_COLORS.review}"></i>${t({ vi: 'Cần xem xét', en: 'For review' })}: ${n(review, { testid: 'score-band-review' })}</li><li><i style="background:${BAND_COLORS.below}"></i>${t({ vi: 'Dưới ngưỡng xem xét', en: 'Below review' })}: ${n(below, { testid: 'score-band-below' })}</li></ul>`;
  }
  return section(
    'scores',
    { vi: 'Phân bố điểm so khớp', en: 'Distribution of match scores' },
    html`<p class="note">${t({
      vi: `Điểm (xác suất 0–1) của ${formatNumber(total, 'vi')} liên kết có chấm điểm (so khớp mờ, sửa lỗi gõ số định danh) và của ứng viên tốt nhất với bản ghi chưa liên kết. Liên kết bằng số định danh không chấm điểm nên không có ở đây. Mỗi cột rộng 0,05.`,
      en: `Scores (probabilities 0–1) of ${formatNumber(total, 'en')} scored links (fuzzy, corrected ID typos) and of the best candidate of unlinked rows. Exact ID links are not scored and do not appear. Each bar is 0.05 wide.`,
    })}${th_ === undefined ? html` ${t({ vi: 'Không có ngưỡng so khớp mờ để vẽ.', en: 'No fuzzy thresholds were given to draw.' })}` : ''}</p>${bands}<div class="chartbox" data-testid="score-histogram" data-value="${total}">${scoreHistogramChart(h, th_)}</div>`,
  );
}

function updatesSection(input: ReportInput): SafeHtml {
  const all = input.referenceUpdates ?? [];
  const limit = input.updateLimit ?? 200;
  const shown = all.slice(0, Math.max(0, limit));
  const reveal = input.revealPersonalData === true;
  if (all.length === 0) {
    return section(
      'updates',
      { vi: 'Đề xuất cập nhật CSDL tham chiếu', en: 'Suggested reference updates' },
      html`<p class="note" data-testid="updates-count" data-value="0">${t({ vi: 'Không có đề xuất nào.', en: 'No suggestions.' })}</p>`,
    );
  }
  const rows = shown.map(
    (u) =>
      html`<tr><td class="code">${reveal ? u.citizenId : maskKey(u.citizenId)}</td><td class="code">${reveal ? u.recordKey : maskKey(u.recordKey)}</td><td>${t(reasonLabel(u.reason))}<br><span class="code">${u.reason}</span></td><td>${t(fieldLabel(u.field))}</td><td>${orDash(
        reveal ? u.current : maskField(u.field, u.current),
      )}</td><td>${orDash(reveal ? u.suggested : maskField(u.field, u.suggested))}</td></tr>`,
  );
  return section(
    'updates',
    { vi: 'Đề xuất cập nhật CSDL tham chiếu', en: 'Suggested reference updates' },
    html`<p class="note">${t({
      vi: `Dữ liệu ngành cho thấy ${formatNumber(all.length, 'vi')} thay đổi mà CSDL tham chiếu nên xem xét (ví dụ khai tử đã đăng ký). Hiển thị ${formatNumber(shown.length, 'vi')}; danh sách đầy đủ trong reference-updates.csv.`,
      en: `The sector data shows ${formatNumber(all.length, 'en')} changes the reference should consider (e.g. registered deaths). Showing ${formatNumber(shown.length, 'en')}; the full list is in reference-updates.csv.`,
    })} <span data-testid="updates-count" data-value="${all.length}"></span></p>${table(
      [
        th({ vi: 'Công dân', en: 'Citizen' }),
        th({ vi: 'Bản ghi', en: 'Record' }),
        th({ vi: 'Lý do', en: 'Reason' }),
        th({ vi: 'Trường', en: 'Field' }),
        th({ vi: 'Hiện tại', en: 'Current' }),
        th({ vi: 'Đề xuất', en: 'Suggested' }),
      ],
      rows,
      { testid: 'updates-table' },
    )}`,
  );
}

function evidenceTable(evidence: readonly FieldEvidence[], total: number | undefined): SafeHtml {
  const sum = evidence.reduce((a, e) => a + (Number.isFinite(e.weight) ? e.weight : 0), 0);
  const maxAbs = Math.max(1e-9, ...evidence.map((e) => Math.abs(Number.isFinite(e.weight) ? e.weight : 0)));
  const rows = evidence.map((e) => {
    const w = Number.isFinite(e.weight) ? e.weight : 0;
    const pct = ((Math.abs(w) / maxAbs) * 50).toFixed(1);
    return html`<tr><td>${t(fieldLabel(e.field))}</td><td class="code">${e.level}</td><td class="num">${d(w, 2)}</td><td><span class="wf" aria-hidden="true"><span class="zero"></span><span class="${w >= 0 ? 'pos' : 'neg'}" style="width:${pct}%"></span></span></td></tr>`;
  });
  const mismatch = total !== undefined && Number.isFinite(total) && Math.abs(total - sum) > 1e-6;
  const foot = html`<tr><td colspan="2">${t({ vi: 'Tổng trọng số (bit)', en: 'Total weight (bits)' })}</td><td class="num" data-testid="evidence-sum">${d(sum, 2)}</td><td>${
    mismatch ? html`${t({ vi: 'khác tổng đã báo', en: 'differs from reported total' })} ${d(total, 2)}` : ''
  }</td></tr>`;
  return table(
    [th({ vi: 'Trường', en: 'Field' }), th({ vi: 'Mức so sánh', en: 'Level' }), th({ vi: 'Trọng số', en: 'Weight' }, true), th({ vi: 'Đóng góp', en: 'Contribution' })],
    rows,
    { foot },
  );
}

function decision(score: number | undefined, th_: FuzzyThresholds | undefined): SafeHtml | string {
  if (score === undefined || th_ === undefined || !Number.isFinite(score)) return '';
  const txt: Text =
    score >= th_.accept
      ? { vi: `điểm ≥ ngưỡng chấp nhận ${formatNumber(th_.accept, 'vi', 2)}`, en: `score ≥ accept threshold ${formatNumber(th_.accept, 'en', 2)}` }
      : score >= th_.review
        ? { vi: `điểm trong khoảng xem xét ${formatNumber(th_.review, 'vi', 2)}–${formatNumber(th_.accept, 'vi', 2)}`, en: `score within the review band ${formatNumber(th_.review, 'en', 2)}–${formatNumber(th_.accept, 'en', 2)}` }
        : { vi: `điểm dưới ngưỡng xem xét ${formatNumber(th_.review, 'vi', 2)}`, en: `score below the review threshold ${formatNumber(th_.review, 'en', 2)}` };
  return html` (${t(txt)})`;
}

function candidateBlock(c: Candidate, i: number, reveal: boolean, th_: FuzzyThresholds | undefined): SafeHtml {
  return html`<h4>${t({ vi: `Ứng viên ${i + 1}`, en: `Candidate ${i + 1}` })}: <span class="code">${reveal ? c.citizenId : maskId(c.citizenId)}</span> · ${t({ vi: 'điểm', en: 'score' })} ${d(c.score, 3)}${decision(c.score, th_)}</h4>${
    c.evidence.length === 0 ? '' : evidenceTable(c.evidence, c.weight)
  }`;
}

function sampleRow(r: RecordResult, reveal: boolean, th_: FuzzyThresholds | undefined): SafeHtml {
  const key = reveal ? r.key : maskKey(r.key);
  const diffs = r.diffs.map(
    (x) =>
      html`<tr><td>${t(fieldLabel(x.field))}</td><td>${t(diffKindLabel(x.kind))}</td><td>${orDash(reveal ? x.record : maskField(x.field, x.record))}</td><td>${orDash(
        reveal ? x.reference : maskField(x.field, x.reference),
      )}</td></tr>`,
  );
  const hasScore = r.score !== undefined && Number.isFinite(r.score) && r.linkedBy !== 'id' && r.linkedBy !== 'former-id';
  const explanation: SafeHtml[] = [];
  if (r.evidence !== undefined && r.evidence.length > 0) explanation.push(evidenceTable(r.evidence, undefined));
  const candidates = r.candidates ?? [];
  explanation.push(...candidates.slice(0, 3).map((c, i) => candidateBlock(c, i, reveal, th_)));
  const how: Text =
    r.linkedBy === undefined
      ? { vi: 'Không liên kết', en: 'Not linked' }
      : { vi: `Liên kết: ${linkMethodLabel(r.linkedBy).vi}`, en: `Linked by: ${linkMethodLabel(r.linkedBy).en}` };
  return html`<article class="rec" data-testid="sample-row" data-status="${r.status}"><div class="head"><b>${t({ vi: `Dòng ${r.row}`, en: `Row ${r.row}` })}</b><span class="code" data-testid="sample-key">${key}</span><span class="st ${r.status}">${t(
    STATUS_TEXT[r.status],
  )}</span><span>${t(how)}</span>${r.citizenId === undefined ? '' : html`<span class="code">→ ${reveal ? r.citizenId : maskId(r.citizenId)}</span>`}${
    hasScore ? html`<span>${t({ vi: 'điểm', en: 'score' })} ${d(r.score ?? 0, 3)}${decision(r.score, th_)}</span>` : ''
  }${r.duplicate ? html`<span class="badge none">${t({ vi: 'trùng', en: 'duplicate' })}</span>` : ''}</div>${
    r.reasons.length === 0
      ? ''
      : html`<ul class="reasons">${r.reasons.map((c) => html`<li>${t(reasonLabel(c))} <span class="code">${c}</span></li>`)}</ul>`
  }${
    diffs.length === 0
      ? ''
      : table([th({ vi: 'Trường', en: 'Field' }), th({ vi: 'Loại', en: 'Kind' }), th({ vi: 'Bản ghi', en: 'Record' }), th({ vi: 'CSDL tham chiếu', en: 'Reference' })], diffs)
  }${
    r.problems.length === 0
      ? ''
      : html`<ul class="reasons">${r.problems.map((pr) => html`<li>${t(fieldLabel(pr.field))}: <span class="code">${pr.code}</span></li>`)}</ul>`
  }${
    explanation.length === 0
      ? ''
      : html`<details><summary>${t(
          candidates.length > 0 && r.linkedBy === undefined
            ? { vi: `Ứng viên và giải thích điểm (${candidates.length})`, en: `Candidates and score explanation (${candidates.length})` }
            : { vi: 'Giải thích liên kết: trọng số từng trường', en: 'Why linked: weight of each field' },
        )}</summary>${explanation}</details>`
  }</article>`;
}

function sampleSection(input: ReportInput): SafeHtml {
  const limit = input.sampleLimit ?? 200;
  const shown = input.sample.slice(0, Math.max(0, limit));
  const reveal = input.revealPersonalData === true;
  return section(
    'sample',
    { vi: 'Mẫu danh sách cần xử lý', en: 'Sample of the worklist' },
    html`<p class="note">${t({
      vi: `${formatNumber(shown.length, 'vi')} trong ${formatNumber(input.stats.total, 'vi')} dòng, ưu tiên dòng cần xem xét, sai lệch, lỗi thời, không tìm thấy. Danh sách đầy đủ trong worklist.csv.`,
      en: `${formatNumber(shown.length, 'en')} of ${formatNumber(input.stats.total, 'en')} rows, favouring rows for review, mismatched, stale and missing. The full list is in worklist.csv.`,
    })} ${t(
      reveal
        ? { vi: 'Dữ liệu cá nhân hiển thị đầy đủ theo yêu cầu: không chia sẻ báo cáo này.', en: 'Personal data is shown in clear as requested: do not share this report.' }
        : { vi: 'Số định danh, họ tên và ngày sinh đã được che.', en: 'IDs, names and birth dates are masked.' },
    )}</p><div class="rows" data-testid="sample" data-value="${shown.length}">${shown.map((r) => sampleRow(r, reveal, input.fuzzyThresholds))}</div>`,
  );
}

/** Makes JSON safe inside a `<script type="application/json">` element. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The Content-Security-Policy of the report: no network at all, only the report's own script. */
export const REPORT_CSP = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${REPORT_SCRIPT_SHA256}'; base-uri 'none'; form-action 'none'`;

/**
 * Renders the self-contained HTML report (Vietnamese with an English toggle): scorecard with thresholds,
 * rows per status, top reasons, differences per field and kind, data quality, provinces, the score
 * distribution with the fuzzy thresholds, reference-update suggestions and a masked sample of the worklist
 * with the evidence behind each link. Every value from the data is HTML-escaped.
 *
 * @example
 * renderReport({ stats, sample: selectReportSample(results), meta: { generatedAt: '2026-01-02 10:00', version: '0.1.0' } })
 *   .startsWith('<!doctype html>') //=> true
 */
export function renderReport(input: ReportInput): string {
  const title = input.meta.title ?? 'Báo cáo đối soát dữ liệu — doisoat';
  const data = { stats: input.stats, gate: input.gate ?? null, fuzzyThresholds: input.fuzzyThresholds ?? null, version: input.meta.version };
  const nav: [string, Text][] = [
    ['scorecard', { vi: 'Bảng điểm', en: 'Scorecard' }],
    ['status', { vi: 'Trạng thái', en: 'Status' }],
    ['reasons', { vi: 'Lý do', en: 'Reasons' }],
    ['fields', { vi: 'Khác biệt', en: 'Differences' }],
    ['quality', { vi: 'Chất lượng', en: 'Quality' }],
    ['provinces', { vi: 'Theo tỉnh', en: 'Provinces' }],
    ['scores', { vi: 'Điểm so khớp', en: 'Scores' }],
    ['updates', { vi: 'Đề xuất cập nhật', en: 'Updates' }],
    ['sample', { vi: 'Mẫu', en: 'Sample' }],
  ];
  const page = html`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}"><meta name="generator" content="doisoat ${input.meta.version}"><meta name="referrer" content="no-referrer"><title>${title}</title><style>${trusted(
    REPORT_CSS,
  )}</style></head><body>${header(input)}<nav class="toc" aria-label="Mục lục">${nav.map(([id, txt]) => html`<a href="#${id}">${t(txt)}</a>`)}</nav><main>${[
    scorecardSection(input),
    statusSection(input),
    reasonsSection(input),
    fieldsSection(input),
    qualitySection(input),
    provincesSection(input),
    scoresSection(input),
    updatesSection(input),
    sampleSection(input),
  ]}</main><footer>${t({
    vi: 'Báo cáo do doisoat tạo ra từ số liệu thống kê (stats.json) và một mẫu kết quả; không tải gì từ mạng. Dữ liệu cá nhân được bảo vệ theo Nghị định 13/2023/NĐ-CP.',
    en: 'Generated by doisoat from the statistics (stats.json) and a sample of results; nothing is loaded from the network. Personal data is protected under Decree 13/2023/NĐ-CP.',
  })}</footer><script type="application/json" id="doisoat-data">${trusted(jsonForScript(data))}</script><script>${trusted(REPORT_SCRIPT)}</script></body></html>
`;
  return page.value;
}
