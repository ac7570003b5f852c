/**
 * Inline SVG charts for the report: no library, no network, honest scales (every axis starts at 0) and
 * every bar labelled with its count. Text inside the SVGs is bilingual like the rest of the report.
 */
import { html, trusted, type SafeHtml } from './escape.js';
import { formatNumber, type Text } from './i18n.js';

/** One bar of {@link barChart}. */
export interface Bar {
  readonly label: Text;
  readonly value: number;
  /** CSS colour of the bar (a constant of this code base, never data). */
  readonly color?: string;
  /** `data-testid` of the bar's value text. */
  readonly testid?: string;
}

/** Options of {@link barChart}. */
export interface BarChartOptions {
  /** Accessible title of the chart. */
  readonly title: Text;
  readonly bars: readonly Bar[];
  /** When given, each value is also shown as a share of it ("120 · 2,4%"). */
  readonly denominator?: number;
  /** Axis title under the ticks. */
  readonly axisLabel?: Text;
}

const WIDTH = 480;

/** `extra` holds attributes built only from constants and numbers of this module, never from data. */
function svgText(text: Text, x: number, y: number, extra = ''): SafeHtml {
  return html`<text x="${x}" y="${y}" data-vi="${text.vi}" data-en="${text.en}"${extra === '' ? '' : html` ${trusted(extra)}`}>${text.vi}</text>`;
}


function numText(value: number, digits = 0): Text {
  return { vi: formatNumber(value, 'vi', digits), en: formatNumber(value, 'en', digits) };
}

/**
 * A "nice" axis step (1, 2 or 5 × 10^k) giving about `ticks` intervals up to `max`.
 *
 * @example
 * niceStep(137, 4) //=> 50
 */
export function niceStep(max: number, ticks = 4): number {
  if (!(max > 0) || !Number.isFinite(max)) return 1;
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  const step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
  return Math.max(1, step);
}

function shareText(value: number, denominator: number | undefined): Text {
  const count = numText(value);
  if (denominator === undefined || denominator <= 0) return count;
  const share = (value / denominator) * 100;
  return { vi: `${count.vi} · ${formatNumber(share, 'vi', 1)}%`, en: `${count.en} · ${formatNumber(share, 'en', 1)}%` };
}

/**
 * A horizontal bar chart: each bar's label above it, its count (and share) after it, a count axis from 0.
 *
 * @example
 * barChart({ title: { vi: 'Trạng thái', en: 'Status' }, bars: [{ label: { vi: 'Khớp', en: 'Matched' }, value: 90 }] }).value.startsWith('<svg') //=> true
 */
export function barChart(options: BarChartOptions): SafeHtml {
  const bars = options.bars;
  const left = 8;
  const reserve = 118;
  const plot = WIDTH - left - 8 - reserve;
  const rowH = 42;
  const top = 6;
  const maxValue = Math.max(0, ...bars.map((b) => (Number.isFinite(b.value) ? b.value : 0)));
  const step = niceStep(maxValue);
  const axisMax = Math.max(step, Math.ceil(maxValue / step) * step);
  const x = (v: number): number => left + (Math.max(0, v) / axisMax) * plot;
  const axisY = top + bars.length * rowH + 4;
  const height = axisY + (options.axisLabel === undefined ? 22 : 38);
  const ticks: number[] = [];
  for (let v = 0; v <= axisMax + 1e-9 && ticks.length < 12; v += step) ticks.push(v);
  const grid = ticks.map(
    (v) => html`<line class="grid" x1="${x(v)}" x2="${x(v)}" y1="${top}" y2="${axisY}"></line>${svgText(numText(v), x(v), axisY + 15, 'class="tick" text-anchor="middle"')}`,
  );
  const rows = bars.map((b, i) => {
    const y = top + i * rowH;
    const w = Math.max(b.value > 0 ? 1.5 : 0, x(b.value) - left);
    const label = shareText(b.value, options.denominator);
    return html`<g class="bar"><title>${b.label.vi} / ${b.label.en}: ${label.en}</title>${svgText(b.label, left, y + 13, 'class="blabel"')}<rect x="${left}" y="${y + 18}" width="${w.toFixed(1)}" height="16" rx="2" fill="${b.color ?? '#3b6fb6'}"></rect>${html`<text x="${(left + w + 6).toFixed(1)}" y="${y + 31}" class="bvalue" data-vi="${label.vi}" data-en="${label.en}"${b.testid === undefined ? '' : html` data-testid="${b.testid}"`} data-value="${b.value}">${label.vi}</text>`}</g>`;
  });
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${options.title.vi}" data-aria-vi="${options.title.vi}" data-aria-en="${options.title.en}" xmlns="http://www.w3.org/2000/svg">${grid}<line class="axis" x1="${left}" x2="${left + plot}" y1="${axisY}" y2="${axisY}"></line><line class="axis" x1="${left}" x2="${left}" y1="${top}" y2="${axisY}"></line>${rows}${
    options.axisLabel === undefined ? '' : svgText(options.axisLabel, left + plot / 2, axisY + 32, 'class="atitle" text-anchor="middle"')
  }</svg>`;
}

/** Accept and review thresholds of fuzzy linking (scores 0–1). */
export interface FuzzyThresholds {
  /** Scores at or above are linked automatically. */
  readonly accept: number;
  /** Scores at or above (and under `accept`) are offered for review. */
  readonly review: number;
}

/** Colours of score bands (constants). */
export const BAND_COLORS = { below: '#8a8f98', review: '#c98a00', accept: '#1f8a4c' } as const;

/**
 * The fuzzy-score histogram (20 bins over [0, 1]) with the review and accept thresholds as labelled
 * vertical lines; counts above non-empty bins; both axes from 0.
 *
 * @example
 * scoreHistogramChart(new Array(20).fill(0), { accept: 0.9, review: 0.7 }).value.includes('Chấp nhận') //=> true
 */
export function scoreHistogramChart(histogram: readonly number[], thresholds?: FuzzyThresholds): SafeHtml {
  const bins = Array.from({ length: 20 }, (_, i) => {
    const v = histogram[i];
    return v !== undefined && Number.isFinite(v) && v > 0 ? v : 0;
  });
  const ml = 46;
  const mr = 14;
  const mt = 48;
  const mb = 48;
  const height = 280;
  const plotW = WIDTH - ml - mr;
  const plotH = height - mt - mb;
  const maxValue = Math.max(0, ...bins);
  const step = niceStep(maxValue);
  const axisMax = Math.max(step, Math.ceil(maxValue / step) * step);
  const x = (s: number): number => ml + s * plotW;
  const y = (v: number): number => mt + plotH - (v / axisMax) * plotH;
  const bw = plotW / 20;
  const band = (mid: number): keyof typeof BAND_COLORS =>
    thresholds === undefined ? 'accept' : mid >= thresholds.accept ? 'accept' : mid >= thresholds.review ? 'review' : 'below';
  const yTicks: SafeHtml[] = [];
  for (let v = 0; v <= axisMax + 1e-9 && yTicks.length < 12; v += step) {
    yTicks.push(html`<line class="grid" x1="${ml}" x2="${ml + plotW}" y1="${y(v)}" y2="${y(v)}"></line>${svgText(numText(v), ml - 6, y(v) + 4, 'class="tick" text-anchor="end"')}`);
  }
  const xTicks: SafeHtml[] = [];
  for (let i = 0; i <= 10; i++) {
    const s = i / 10;
    xTicks.push(html`<line class="axis" x1="${x(s)}" x2="${x(s)}" y1="${mt + plotH}" y2="${mt + plotH + 4}"></line>${
      i % 2 === 0 ? svgText(numText(s, 1), x(s), mt + plotH + 17, 'class="tick" text-anchor="middle"') : ''
    }`);
  }
  const rects = bins.map((v, i) => {
    const lo = i / 20;
    const top = y(v);
    const color = BAND_COLORS[band(lo + 0.025)];
    const range = `${lo.toFixed(2)}–${(lo + 0.05).toFixed(2)}`;
    return html`<g><title>${range}: ${v}</title><rect x="${(x(lo) + 1).toFixed(1)}" y="${top.toFixed(1)}" width="${(bw - 2).toFixed(1)}" height="${(mt + plotH - top).toFixed(1)}" fill="${color}" data-testid="score-bin-${i}" data-value="${v}"></rect>${
      v > 0 ? svgText(numText(v), x(lo) + bw / 2, top - 3, 'class="bcount" text-anchor="middle"') : ''
    }</g>`;
  });
  const line = (value: number, label: Text, row: number, cls: string): SafeHtml => {
    const s = Math.min(1, Math.max(0, value));
    const px = x(s);
    const anchor = px > ml + plotW * 0.8 ? 'end' : px < ml + plotW * 0.2 ? 'start' : 'middle';
    const text: Text = { vi: `${label.vi} ${formatNumber(value, 'vi', 2)}`, en: `${label.en} ${formatNumber(value, 'en', 2)}` };
    return html`<line class="${cls}" x1="${px}" x2="${px}" y1="${mt - (row === 0 ? 28 : 8)}" y2="${mt + plotH}"></line>${svgText(text, px, mt - (row === 0 ? 32 : 12), `class="tlabel ${cls}" text-anchor="${anchor}"`)}`;
  };
  const empty = maxValue === 0;
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="Phân bố điểm so khớp" data-aria-vi="Phân bố điểm so khớp" data-aria-en="Distribution of match scores" xmlns="http://www.w3.org/2000/svg">${yTicks}${rects}<line class="axis" x1="${ml}" x2="${ml + plotW}" y1="${mt + plotH}" y2="${mt + plotH}"></line><line class="axis" x1="${ml}" x2="${ml}" y1="${mt}" y2="${mt + plotH}"></line>${xTicks}${
    thresholds === undefined
      ? ''
      : [line(thresholds.review, { vi: 'Xem xét ≥', en: 'Review ≥' }, 1, 'review'), line(thresholds.accept, { vi: 'Chấp nhận ≥', en: 'Accept ≥' }, 0, 'accept')]
  }${empty ? svgText({ vi: 'Không có điểm so khớp trong lần chạy này', en: 'No scored links in this run' }, ml + plotW / 2, mt + plotH / 2, 'class="empty" text-anchor="middle"') : ''}${svgText(
    { vi: 'Điểm so khớp (0–1)', en: 'Match score (0–1)' },
    ml + plotW / 2,
    height - 10,
    'class="atitle" text-anchor="middle"',
  )}${svgText({ vi: 'Số dòng', en: 'Rows' }, 12, mt + plotH / 2, `class="atitle" text-anchor="middle" transform="rotate(-90 12 ${mt + plotH / 2})"`)}</svg>`;
}
