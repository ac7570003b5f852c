#!/usr/bin/env node
// Writes docs/profiles/<name>.md for every shipped profile (columns and aliases, rules, reasons) from the
// profiles themselves, so the pages cannot drift. Run after `npm run build`: node scripts/build-profile-docs.mjs
import { writeFileSync, mkdirSync } from 'node:fs';
import { PROFILES, REASONS } from '../dist/index.js';

mkdirSync('docs/profiles', { recursive: true });
const index = ['# Profiles', '', 'A profile tells doisoat how a register\'s export names its columns and which rules apply. Header matching ignores case, diacritics, spaces and punctuation ("SO_CCCD" = "Số CCCD"). Override any column with `--map "column=field"` (or `#3=field` by position; `-` ignores a column). Build your own with `defineProfile(...)`.', '', '| profile | description |', '|---|---|'];
for (const p of Object.values(PROFILES)) {
  index.push(`| [${p.name}](${p.name}.md) | ${p.description} |`);
  const lines = [`# Profile \`${p.name}\``, '', p.description, ''];
  lines.push('## Columns', '', '| field | accepted headers |', '|---|---|');
  for (const [field, aliases] of Object.entries(p.columns)) lines.push(`| \`${field}\` | ${aliases.map((a) => `"${a}"`).join(', ')} |`);
  lines.push('', 'Columns not listed are kept verbatim in the record\'s `extra` under their header.', '');
  lines.push('## Required columns', '');
  if (p.required.length > 0) lines.push(`- every one of: ${p.required.map((f) => `\`${f}\``).join(', ')}`);
  for (const g of p.requiredAnyOf) lines.push(`- at least one of: ${g.map((f) => `\`${f}\``).join(', ')}`);
  if (p.required.length === 0 && p.requiredAnyOf.length === 0) lines.push('- none');
  lines.push('', `Compared with the reference: ${p.compare.map((f) => `\`${f}\``).join(', ')}. A complete record holds ${p.completeness.map((f) => `\`${f}\``).join(', ')}.`, '');
  lines.push('## Rules', '');
  if (p.rules.length === 0) lines.push('No sector rules: the generic classification only.');
  for (const r of p.rules) lines.push(`- \`${r.name}\`: ${r.description}`);
  if (p.expand !== undefined) lines.push('- rows naming two people (a marriage: husband and wife columns) are split into one record each, keyed `<key>-1` and `<key>-2`.');
  lines.push('', '## Reasons this profile adds', '');
  if (p.reasons.length === 0) lines.push('None beyond the generic reasons (docs/reasons.md).');
  for (const code of p.reasons) lines.push(`- \`${code}\`: ${REASONS[code]}`);
  writeFileSync(`docs/profiles/${p.name}.md`, `${lines.join('\n')}\n`);
}
writeFileSync('docs/profiles/README.md', `${index.join('\n')}\n`);
