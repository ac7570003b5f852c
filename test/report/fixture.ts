// Shared data for the report tests: a small generated run plus hand-made rows that exercise what the
// generator cannot yet produce (fuzzy evidence, review candidates) and hostile strings (HTML injection).
import {
  buildReference,
  generateSample,
  reconcile,
  summarize,
  evaluateGate,
  type RecordResult,
  type ReferenceUpdate,
} from '../../src/index.js';

export const HOSTILE_NAME = '<img src=x onerror="window.__xss=1">';
export const HOSTILE_SCRIPT = '</script><script>window.__xss=2</script>';

const sample = generateSample({ citizens: 600, records: 300, seed: 11 });
const reference = buildReference(sample.citizens);
const run = reconcile(reference, sample.records, { asOf: sample.asOf });

const fuzzyLinked: RecordResult = {
  key: 'HS9000001',
  row: 301,
  status: 'mismatched',
  citizenId: '001089012345',
  linkedBy: 'fuzzy',
  score: 0.97,
  diffs: [{ field: 'fullName', kind: 'diacritics', record: 'Nguyen Van An', reference: 'Nguyễn Văn An' }],
  reasons: ['name-differs'],
  problems: [],
  missingFields: ['citizenId'],
  duplicate: false,
  evidence: [
    { field: 'prior', level: 'prior', weight: -12.5 },
    { field: 'fullName', level: 'diacritics', weight: 14.2 },
    { field: 'birthDate', level: 'exact', weight: 9.1 },
    { field: 'gender', level: 'exact', weight: 0.9 },
    { field: 'provinceCode', level: 'different', weight: -2.3 },
  ],
  provinceCode: '01',
};

const review: RecordResult = {
  key: HOSTILE_NAME,
  row: 302,
  status: 'missing',
  diffs: [],
  reasons: ['needs-review'],
  problems: [],
  missingFields: ['citizenId'],
  duplicate: false,
  candidates: [
    {
      citizenId: '079190004567',
      score: 0.81,
      weight: 3.1,
      evidence: [
        { field: 'prior', level: 'prior', weight: -12.5 },
        { field: 'fullName', level: 'jaro-winkler-0.92', weight: 10.4 },
        { field: 'birthDate', level: 'year-only', weight: 5.2 },
      ],
    },
  ],
  provinceCode: '79',
};

const hostile: RecordResult = {
  key: HOSTILE_SCRIPT,
  row: 303,
  status: 'mismatched',
  citizenId: '087084000999',
  linkedBy: 'id',
  score: 1,
  diffs: [{ field: 'fullName', kind: 'typo', record: HOSTILE_NAME, reference: 'Phạm Minh Đức' }],
  reasons: ['name-differs'],
  problems: [],
  missingFields: [],
  duplicate: false,
  provinceCode: '87',
};

export const results: readonly RecordResult[] = [...run.results, fuzzyLinked, review, hostile];
export const stats = summarize(results);
export const referenceUpdates: readonly ReferenceUpdate[] = [
  ...run.referenceUpdates,
  { citizenId: '048050001111', recordKey: 'KT0001', reason: 'citizen-deceased', field: 'deathDate', current: '', suggested: '10/10/2024' },
  { citizenId: '001089012345', recordKey: HOSTILE_SCRIPT, reason: 'name-differs', field: 'fullName', current: 'Nguyễn Văn An', suggested: HOSTILE_NAME },
];
export const thresholds = { failUnder: { dung: 0.95, du: 0.9, song: 0.9 }, maxStatus: { missing: 0.02 } } as const;
export const gate = evaluateGate(stats, thresholds);
export const fuzzyThresholds = { accept: 0.9, review: 0.7 };
export const meta = {
  generatedAt: '2026-01-02 09:30',
  asOf: sample.asOf,
  version: '0.1.0',
  inputs: [
    { name: 'reference.csv', rows: sample.citizens.length, sha256: 'a'.repeat(64) },
    { name: 'bhyt<b>.csv', rows: sample.records.length },
  ],
};
