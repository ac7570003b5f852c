/**
 * The report's inlined stylesheet and script. Both are constants: nothing from the data ever reaches them,
 * and the Content-Security-Policy of the report allows only this exact script (by its SHA-256, checked by
 * test/report/html.test.ts) and no network at all.
 */

/**
 * The language toggle and print helper. Both languages are already in the page as `data-vi` / `data-en`
 * attributes, so switching needs no network and no second file: it works from a USB stick or an e-mail
 * attachment, which is how reports travel between offices. `#en` in the address opens the English view.
 */
export const REPORT_SCRIPT = `(function () {
  var root = document.documentElement;
  function apply(lang) {
    root.setAttribute('lang', lang);
    var els = document.querySelectorAll('[data-vi]');
    for (var i = 0; i < els.length; i++) {
      var v = els[i].getAttribute('data-' + lang);
      if (v !== null) els[i].textContent = v;
    }
    var aria = document.querySelectorAll('[data-aria-vi]');
    for (var j = 0; j < aria.length; j++) {
      var a = aria[j].getAttribute('data-aria-' + lang);
      if (a !== null) aria[j].setAttribute('aria-label', a);
    }
    var tips = document.querySelectorAll('[data-title-vi]');
    for (var k = 0; k < tips.length; k++) {
      var t = tips[k].getAttribute('data-title-' + lang);
      if (t !== null) tips[k].setAttribute('title', t);
    }
    var btn = document.getElementById('lang-toggle');
    if (btn) btn.setAttribute('aria-pressed', lang === 'en' ? 'true' : 'false');
  }
  var toggle = document.getElementById('lang-toggle');
  if (toggle) toggle.addEventListener('click', function () { apply(root.getAttribute('lang') === 'en' ? 'vi' : 'en'); });
  if (location.hash === '#en') apply('en');
  window.addEventListener('beforeprint', function () {
    var d = document.querySelectorAll('details');
    for (var i = 0; i < d.length; i++) d[i].open = true;
  });
})();`;

/** base64 SHA-256 of {@link REPORT_SCRIPT}, for the Content-Security-Policy (a test keeps it in step). */
export const REPORT_SCRIPT_SHA256 = 'JPaQdJ2qxvorYtqYHq8QmXb9aV2uEv1qenqANybshI8=';

/** The stylesheet: system fonts (which carry Vietnamese), phone-first layout, print rules. */
export const REPORT_CSS = `
:root { --fg: #1d2330; --muted: #5b6472; --line: #d9dde3; --bg: #ffffff; --soft: #f4f6f9; --ok: #1f7a45; --bad: #b42318;
  --matched: #1f8a4c; --mismatched: #c46a00; --stale: #7048b8; --missing: #c0392b; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  color: var(--fg); background: var(--bg); }
header.top { background: #163a5f; color: #fff; padding: 16px 20px; }
header.top h1 { margin: 0 0 4px; font-size: 1.4rem; line-height: 1.25; }
header.top .sub { margin: 0; opacity: .9; font-size: .9rem; }
header.top > * { max-width: 1048px; margin-left: auto; margin-right: auto; }
header.top .code { color: #d7e1ec; }
.bar-top { display: flex; gap: 12px; justify-content: space-between; align-items: flex-start; flex-wrap: wrap; }
#lang-toggle { font: inherit; font-size: .9rem; border: 1px solid #fff; background: transparent; color: #fff; border-radius: 6px;
  padding: 6px 12px; cursor: pointer; min-height: 36px; }
#lang-toggle:hover, #lang-toggle:focus-visible { background: rgba(255,255,255,.15); outline: 2px solid #fff; outline-offset: 2px; }
main { max-width: 1080px; margin: 0 auto; padding: 8px 16px 40px; }
nav.toc { max-width: 1080px; margin: 0 auto; padding: 8px 16px 0; font-size: .9rem; }
nav.toc a { color: #1a4f86; margin-right: 12px; white-space: nowrap; display: inline-block; }
section { margin: 28px 0; }
h2 { font-size: 1.2rem; border-bottom: 2px solid var(--line); padding-bottom: 4px; margin: 0 0 12px; }
h3 { font-size: 1rem; margin: 16px 0 8px; }
p.note { color: var(--muted); font-size: .88rem; margin: 6px 0 10px; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 10px 0 0; font-size: .88rem; }
.meta dt { opacity: .85; } .meta dd { margin: 0; overflow-wrap: anywhere; }
.gate { margin: 16px 0 0; padding: 10px 14px; border-radius: 8px; font-weight: 600; }
.gate.pass { background: #e3f4ea; color: var(--ok); border: 1px solid #9fd5b4; }
.gate.fail { background: #fdecea; color: var(--bad); border: 1px solid #f2a9a2; }
.gate ul { margin: 6px 0 0; padding-left: 20px; font-weight: 400; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 12px; }
.card { border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; background: var(--soft); }
.card h3 { margin: 0; font-size: 1.05rem; }
.card .big { font-size: 2rem; font-weight: 700; margin: 2px 0; font-variant-numeric: tabular-nums; }
.card .frac, .card .formula, .card .thr { margin: 2px 0; font-size: .86rem; color: var(--muted); }
.card .thr { color: var(--fg); }
.meter { position: relative; height: 10px; background: #e1e5ea; border-radius: 5px; margin: 8px 0 4px; overflow: visible; }
.meter .fill { position: absolute; left: 0; top: 0; bottom: 0; background: #3b6fb6; border-radius: 5px; }
.meter .mark { position: absolute; top: -4px; bottom: -4px; width: 2px; background: var(--fg); }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: .8rem; font-weight: 600; white-space: nowrap; }
.badge.pass { background: #d5f0df; color: var(--ok); } .badge.fail { background: #fbd9d5; color: var(--bad); }
.badge.none { background: #e8eaee; color: var(--muted); }
.st { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: .8rem; color: #fff; white-space: nowrap; }
.st.matched { background: var(--matched); } .st.mismatched { background: var(--mismatched); }
.st.stale { background: var(--stale); } .st.missing { background: var(--missing); }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; max-width: 100%; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--soft); font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.code, span.code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .82rem; color: var(--muted); }
tfoot td { font-weight: 600; }
.two { display: grid; grid-template-columns: minmax(0, 1fr); gap: 16px; }
.two > * { min-width: 0; }
@media (min-width: 900px) { .two { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); } }
.chartbox { overflow-x: auto; }
svg.chart { width: 100%; min-width: 340px; max-width: 620px; height: auto; display: block; font-family: inherit; }
svg.chart .grid { stroke: #e6e9ee; stroke-width: 1; }
svg.chart .axis { stroke: #5b6472; stroke-width: 1; }
svg.chart .tick { font-size: 11px; fill: #5b6472; }
svg.chart .blabel { font-size: 13px; fill: #1d2330; }
svg.chart .bvalue { font-size: 12px; fill: #1d2330; font-weight: 600; }
svg.chart .bcount { font-size: 9px; fill: #1d2330; }
svg.chart .atitle { font-size: 12px; fill: #5b6472; }
svg.chart .empty { font-size: 13px; fill: #5b6472; }
svg.chart line.accept { stroke: #1f7a45; stroke-width: 2; stroke-dasharray: 5 3; }
svg.chart line.review { stroke: #9a6700; stroke-width: 2; stroke-dasharray: 5 3; }
svg.chart text.tlabel { font-size: 12px; font-weight: 600; }
svg.chart text.accept { fill: #1f7a45; } svg.chart text.review { fill: #9a6700; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 14px; font-size: .85rem; margin: 6px 0; padding: 0; list-style: none; }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
.stack { display: flex; height: 12px; min-width: 80px; border-radius: 3px; overflow: hidden; background: #e1e5ea; }
.stack span { display: block; height: 100%; }
.rows { display: grid; grid-template-columns: minmax(0, 1fr); gap: 12px; }
.rows > * { min-width: 0; }
.rec .head span, .rec h4 { overflow-wrap: anywhere; min-width: 0; }
.rec h4 { font-size: .92rem; margin: 10px 0 4px; }
.rec { border: 1px solid var(--line); border-radius: 10px; padding: 10px 12px; }
.rec .head { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: center; font-size: .9rem; }
.rec .head b { font-variant-numeric: tabular-nums; }
.rec ul.reasons { margin: 6px 0; padding-left: 18px; font-size: .88rem; }
.rec table { margin-top: 6px; }
details { margin-top: 8px; }
details summary { cursor: pointer; color: #1a4f86; font-size: .9rem; }
.wf { position: relative; display: inline-block; width: 120px; height: 10px; background: #eef0f3; vertical-align: middle; }
.wf .zero { position: absolute; left: 50%; top: -2px; bottom: -2px; width: 1px; background: #5b6472; }
.wf .pos { position: absolute; left: 50%; top: 0; bottom: 0; background: var(--matched); }
.wf .neg { position: absolute; right: 50%; top: 0; bottom: 0; background: var(--missing); }
footer { max-width: 1080px; margin: 0 auto; padding: 0 16px 30px; color: var(--muted); font-size: .82rem; }
@media (max-width: 600px) {
  body { font-size: 14px; }
  header.top { padding: 12px 14px; }
  main, nav.toc, footer { padding-left: 10px; padding-right: 10px; }
  .card .big { font-size: 1.6rem; }
  th, td { padding: 5px 6px; }
  /* SVG text scales with the chart: larger user units keep it about 12–13 px on a phone. */
  svg.chart .blabel { font-size: 17px; } svg.chart .bvalue { font-size: 16px; }
  svg.chart .tick { font-size: 14px; } svg.chart .atitle { font-size: 15px; }
  svg.chart .bcount { font-size: 12px; } svg.chart text.tlabel { font-size: 15px; }
}
@media print {
  @page { margin: 14mm; }
  body { font-size: 11pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  #lang-toggle, nav.toc, details > summary { display: none; }
  details, details::details-content { display: block; content-visibility: visible; }
  header.top { background: none; color: var(--fg); border-bottom: 2px solid var(--fg); padding: 0 0 8px; }
  main { max-width: none; padding: 0; }
  .scroll, .chartbox { overflow: visible; }
  section { break-inside: auto; }
  .card, .rec, svg.chart, tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;
