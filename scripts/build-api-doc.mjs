#!/usr/bin/env node
// Writes docs/api.md, a one-line-per-export reference of the public API of `doisoat` (src/index.ts) and
// `doisoat/node` (src/node.ts), read from the sources with the TypeScript compiler API: the section
// comments of src/index.ts (`// Model`, `// Normalise`, …) give the pipeline stages, the first sentence of
// each TSDoc comment the summary. Run: node scripts/build-api-doc.mjs (no build needed).
// test/docs/api.test.ts fails when the committed file is out of date or misses an export.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'docs', 'api.md');
const ENTRIES = [
  { name: 'doisoat', file: join(ROOT, 'src', 'index.ts') },
  { name: 'doisoat/node', file: join(ROOT, 'src', 'node.ts') },
];
const MAX_SIGNATURE = 140;

function compilerOptions() {
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT).options;
}

/** Export name → section heading, from the `// Heading` comment lines that precede export statements. */
function sections(sourceFile, fallback) {
  const text = sourceFile.getFullText();
  const out = new Map();
  let current = fallback;
  for (const statement of sourceFile.statements) {
    for (const range of ts.getLeadingCommentRanges(text, statement.getFullStart()) ?? []) {
      const comment = text.slice(range.pos, range.end);
      const m = /^\/\/\s*(.+)$/.exec(comment);
      if (m) current = m[1].trim();
    }
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const el of statement.exportClause.elements) out.set(el.name.text, current);
    }
  }
  return out;
}

function oneLine(s) {
  return s.replace(/\s+/g, ' ').trim();
}

function shorten(s) {
  return s.length <= MAX_SIGNATURE ? s : `${s.slice(0, MAX_SIGNATURE - 1)}…`;
}

function summaryOf(symbol, checker) {
  const doc = oneLine(ts.displayPartsToString(symbol.getDocumentationComment(checker)));
  if (doc === '') return '';
  // First sentence: up to the first ". " or ": " followed by an uppercase letter, or the whole comment.
  const m = /^(.+?[.!?])(\s+\p{Lu}|\s*$)/u.exec(doc);
  return (m ? m[1] : doc).replace(/\{@link\s+([^}|\s]+)[^}]*\}/g, '`$1`');
}

function kindAndSignature(name, symbol, checker) {
  const decl = symbol.declarations?.[0];
  if (decl === undefined) return { kind: 'value', signature: name };
  const flags = ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope | ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType;
  if (ts.isFunctionDeclaration(decl)) {
    const type = checker.getTypeOfSymbolAtLocation(symbol, decl);
    const sig = type.getCallSignatures()[0];
    return { kind: 'function', signature: `${name}${sig ? checker.signatureToString(sig, decl, flags) : '()'}` };
  }
  if (ts.isClassDeclaration(decl)) {
    const type = checker.getTypeOfSymbolAtLocation(symbol, decl);
    const ctor = type.getConstructSignatures()[0];
    const params = ctor ? checker.signatureToString(ctor, decl, flags).replace(/\):.*$/s, ')') : '()';
    const heritage = decl.heritageClauses?.map((h) => ` ${oneLine(h.getText())}`).join('') ?? '';
    return { kind: 'class', signature: `class ${name}${heritage} — new ${name}${params}` };
  }
  if (ts.isInterfaceDeclaration(decl)) return { kind: 'interface', signature: `interface ${name}` };
  if (ts.isTypeAliasDeclaration(decl)) {
    const params = decl.typeParameters ? `<${decl.typeParameters.map((p) => p.getText()).join(', ')}>` : '';
    return { kind: 'type', signature: `type ${name}${params} = ${oneLine(decl.type.getText())}` };
  }
  if (ts.isVariableDeclaration(decl)) {
    const annotated = decl.type ? oneLine(decl.type.getText()) : undefined;
    const type = annotated ?? checker.typeToString(checker.getTypeOfSymbolAtLocation(symbol, decl), decl, flags);
    const callable = checker.getTypeOfSymbolAtLocation(symbol, decl).getCallSignatures()[0];
    if (callable && !annotated) return { kind: 'function', signature: `${name}${checker.signatureToString(callable, decl, flags)}` };
    // Literal tables (reason lists, zod schemas) would spell out their whole content: name only.
    return { kind: 'const', signature: oneLine(type).length > 70 ? `const ${name}` : `const ${name}: ${oneLine(type)}` };
  }
  if (ts.isEnumDeclaration(decl)) return { kind: 'enum', signature: `enum ${name}` };
  return { kind: 'value', signature: name };
}

/** Builds the Markdown text of docs/api.md. */
export function buildApiDoc() {
  const program = ts.createProgram(ENTRIES.map((e) => e.file), compilerOptions());
  const checker = program.getTypeChecker();
  const seen = new Set();
  const groups = [];
  for (const entry of ENTRIES) {
    const sf = program.getSourceFile(entry.file);
    if (sf === undefined) throw new Error(`cannot read ${entry.file}`);
    const sectionOf = sections(sf, entry.name === 'doisoat' ? 'Other' : 'Node: files and outputs');
    const moduleSymbol = checker.getSymbolAtLocation(sf);
    const exports = checker.getExportsOfModule(moduleSymbol).filter((s) => !seen.has(s.getName()));
    for (const exported of exports) {
      const name = exported.getName();
      seen.add(name);
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const decl = symbol.declarations?.[0];
      const file = decl ? relative(ROOT, decl.getSourceFile().fileName).split('\\').join('/') : '';
      const { kind, signature } = kindAndSignature(symbol.getName() === 'default' ? name : name, symbol, checker);
      const section = sectionOf.get(name) ?? (entry.name === 'doisoat' ? 'Other' : 'Node: files and outputs');
      const title = entry.name === 'doisoat' ? section : `doisoat/node — ${section}`;
      let group = groups.find((g) => g.title === title);
      if (group === undefined) groups.push((group = { title, entry: entry.name, items: [] }));
      group.items.push({ name, kind, signature: shorten(oneLine(signature)), file, summary: summaryOf(symbol, checker) });
    }
  }
  const lines = [
    '# API reference',
    '',
    '<!-- GENERATED by scripts/build-api-doc.mjs from the TSDoc of src/ — do not edit by hand. -->',
    '',
    'Every public export, one line each, grouped by pipeline stage as in [src/index.ts](../src/index.ts).',
    '`doisoat` is the runtime-neutral core (Node, browsers, Deno: no file system, no clock); `doisoat/node`',
    're-exports all of it and adds reading files, writing outputs and the configuration schema. The',
    'TSDoc of each export (with an `@example`) is in the linked module and in your editor. Guides:',
    '[guide-developers.md](guide-developers.md), [guide-officers.md](guide-officers.md).',
    '',
    '## Contents',
    '',
    ...groups.map((g) => `- [${g.title}](#${anchor(g.title)}) (${g.items.length})`),
    '',
  ];
  for (const g of groups) {
    lines.push(`## ${g.title}`, '', `\`import { … } from '${g.entry}'\``, '');
    for (const item of g.items) {
      const link = item.file ? ` — [${item.file.replace(/^src\//, '')}](../${item.file})` : '';
      const summary = item.summary ? ` ${item.summary}` : '';
      lines.push(`- \`${item.signature.replace(/`/g, "'")}\`${link}${summary ? ` —${summary}` : ''}`);
    }
    lines.push('');
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

function anchor(title) {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = buildApiDoc();
  if (process.argv.includes('--check')) {
    const current = readFileSync(OUT, 'utf8');
    if (current !== text) {
      process.stderr.write('docs/api.md is out of date: run node scripts/build-api-doc.mjs\n');
      process.exitCode = 1;
    }
  } else writeFileSync(OUT, text);
}
