import { readFileSync, existsSync } from 'node:fs';
import { z } from 'zod';
import { UsageError } from './errors.js';
import { TEXT_ENCODINGS } from '../read/encoding/detect.js';

const share = z.number().min(0).max(1);

/** What `--encoding` and `--reference-encoding` (and their config keys) accept: `auto` or a decodable encoding. */
export const ENCODING_CHOICES = ['auto', ...TEXT_ENCODINGS] as const;
/** One of {@link ENCODING_CHOICES}. */
export type EncodingChoice = (typeof ENCODING_CHOICES)[number];

const WORKERS_ERROR = { error: 'a whole number from 1 to 64, or "auto"' };

/** Schema of doisoat.config.json: the same settings as the `reconcile` flags (flags win). */
export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  reference: z.string().optional().describe('Reference file (CSV, Excel, JSON/NDJSON).'),
  records: z.string().optional().describe('Sector register file.'),
  profile: z.string().optional().describe('Sector profile name, e.g. healthInsurance.'),
  map: z.record(z.string(), z.string()).optional().describe('Column overrides for the records: column → field.'),
  referenceMap: z.record(z.string(), z.string()).optional().describe('Column overrides for the reference.'),
  asOf: z.string().optional().describe('The date the reconciliation speaks for, e.g. 2026-01-01.'),
  out: z.string().optional().describe('Output folder.'),
  idScheme: z.enum(['vn', 'opaque']).optional(),
  encoding: z.enum(ENCODING_CHOICES).optional(),
  referenceEncoding: z.enum(ENCODING_CHOICES).optional().describe('Text encoding of the reference file (auto by default).'),
  revealPersonalData: z.boolean().optional().describe('Show IDs and names in clear in worklist and report.'),
  failUnder: z.partialRecord(z.enum(['dung', 'du', 'sach', 'song']), share).optional().describe('Minimum scorecard values.'),
  maxStatus: z.partialRecord(z.enum(['matched', 'mismatched', 'missing', 'stale']), share).optional().describe('Maximum share of rows per status.'),
  partition: z.string().regex(/^\d+\/\d+$/).optional().describe('k/N: reconcile only partition k of N.'),
  workers: z.union([z.number().int(WORKERS_ERROR).min(1, WORKERS_ERROR).max(64, WORKERS_ERROR), z.literal('auto')], WORKERS_ERROR).optional().describe('Worker threads (1 to 64), or "auto" (the default): 2 when the inputs together reach 32 MiB on a multi-core machine with memory to spare, else 1.'),
  results: z.boolean().optional().describe('Also write results.ndjson, the full and unmasked result of every record, for programs (default false: worklist, statistics, summary and report only).'),
  referenceCache: z.string().optional().describe('Cache file for the built reference index (holds personal data; reused while the reference file is unchanged).'),
});

/** A parsed configuration file. */
export type Config = z.infer<typeof configSchema>;

/** Loads a config file (the given path, or ./doisoat.config.json when present). */
export function loadConfig(path: string | undefined): Config {
  const file = path ?? (existsSync('doisoat.config.json') ? 'doisoat.config.json' : undefined);
  if (file === undefined) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read config file ${file}: ${e instanceof SyntaxError ? 'invalid JSON' : 'file not readable'}`);
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`config file ${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return parsed.data;
}
