import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { duplicatePatch, memberIndex, rewriteFor } from '../../src/node/duplicatePatch.js';
import { markMember } from '../../src/reconcile/duplicates.js';
import { markWorklistLine, worklistLine } from '../../src/write/worklistCsv.js';
import { resultLine } from '../../src/write/ndjson.js';
import type { RecordResult } from '../../src/model/types.js';

// Disjoint groups of 2–4 distinct entries each, each group in its own (original-first) order.
const groupsArb = fc
  .uniqueArray(fc.integer({ min: 0, max: 200 }), { minLength: 0, maxLength: 40 })
  .chain((entries) => fc.array(fc.integer({ min: 2, max: 4 }), { maxLength: 20 }).map((sizes) => {
    const groups: number[][] = [];
    let at = 0;
    for (const size of sizes) {
      if (at + size > entries.length) break;
      groups.push(entries.slice(at, at + size));
      at += size;
    }
    return groups;
  }));

const result = (entry: number, reasons: string[]): RecordResult => ({
  key: `K${entry}`, row: entry + 2, status: 'matched', citizenId: '001089012345', linkedBy: 'id', diffs: [], reasons, problems: [], missingFields: [], duplicate: false,
} as unknown as RecordResult);

describe('duplicatePatch', () => {
  it('lists every member once, ascending, with its group and rank, and rewrites lines as markMember marks their results (property)', () => {
    fc.assert(
      fc.property(groupsArb, (groups) => {
        const reasonsOf = (entry: number): string[] => (entry % 3 === 0 ? [] : ['name-differs']);
        const patch = duplicatePatch(groups, (i) => `K${i}`, (i) => reasonsOf(i).length > 0);
        const members = groups.flat();
        expect([...patch.entries]).toEqual([...members].sort((a, b) => a - b));
        for (const sorted of groups) {
          const keys = sorted.map((i) => `K${i}`);
          sorted.forEach((entry, rank) => {
            const k = memberIndex(patch, entry);
            expect(patch.entries[k]).toBe(entry);
            expect(patch.rank[k]).toBe(rank);
            expect(patch.groups[patch.groupOf[k]!]).toEqual(keys);
            const r = result(entry, reasonsOf(entry));
            expect(rewriteFor('worklist', patch)(entry, worklistLine(r), k)).toBe(worklistLine(markMember(r, keys, rank)));
            expect(rewriteFor('worklist', patch)(entry, worklistLine(r), k)).toBe(markWorklistLine(worklistLine(r), keys, rank, reasonsOf(entry).length > 0));
            expect(rewriteFor('results', patch)(entry, resultLine(r), k)).toBe(resultLine(markMember(r, keys, rank)));
          });
        }
        for (let entry = 0; entry <= 200; entry++) if (!members.includes(entry)) expect(memberIndex(patch, entry)).toBe(-1);
      }),
      { numRuns: 200 },
    );
  });
});
