/**
 * Reconcile a handful of health-insurance rows against a reference and print what to fix.
 * Run: npx tsx examples/basic.ts (or see test/examples.test.ts, which runs it).
 */
import { buildReference, reconcile, scorecard, maskId, type RecordResult } from '../src/index.js';

export function run(): { results: readonly RecordResult[]; lines: string[] } {
  const reference = buildReference([
    { id: '001089012345', fullName: 'Nguyễn Văn An', birthDate: '05/07/1989', gender: 'Nam', provinceCode: '01' },
    { id: '079190004567', formerIds: '025123456', fullName: 'Trần Thị Hoà', birthDate: '12/03/1990', gender: 'Nữ' },
    { id: '048050001111', fullName: 'Lê Văn Bình', birthDate: '1950', gender: 'Nam', status: 'Đã mất', deathDate: '10/10/2024' },
  ]);
  const { results, stats } = reconcile(
    reference,
    [
      { key: 'BHYT-001', citizenId: '001089012345', fullName: 'NGUYỄN VĂN AN', birthDate: '05/07/1989', gender: 'Nam' },
      { key: 'BHYT-002', citizenId: '025123456', fullName: 'Tran Thi Hoa', birthDate: '03/12/1990', gender: 'Nữ' },
      { key: 'BHYT-003', citizenId: '048050001111', fullName: 'Lê Văn Bình', birthDate: '00/00/1950' },
      { key: 'BHYT-004', citizenId: '7.91235E+10', fullName: 'Phạm Thị Mai' },
    ],
    { asOf: '2026-01-01' },
  );
  const lines = results.map((r) => {
    // IDs are personal data: mask them even in a console listing.
    const fixes = r.diffs.map((d) => `${d.field}: ${d.kind} → ${d.field === 'citizenId' ? maskId(d.reference) : d.reference}`).join('; ');
    return `${r.key} ${r.status} [${r.reasons.join(', ')}] ${r.citizenId === undefined ? '' : maskId(r.citizenId)} ${fixes}`.trim();
  });
  const card = scorecard(stats);
  lines.push(`đúng ${card.dung.numerator}/${card.dung.denominator}, sống ${card.song.numerator}/${card.song.denominator}`);
  return { results, lines };
}
