// Fuzzy-linking benchmark: N citizens, M records that need fuzzy linking (no ID), timed by phase.
// Usage: npm run build && node bench/fuzzy.mjs [citizens=1000000] [records=100000] [--addresses]
// --addresses: each record carries its person's address (registers often do), so every candidate pair
// also compares addresses.
import { buildReference, generateSample, reconcile, emptyBlockingCounters } from '../dist/index.js';

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const withAddresses = process.argv.includes('--addresses');
const citizens = Number(positional[0] ?? 1_000_000);
const records = Number(positional[1] ?? 100_000);
const ms = (t) => `${((performance.now() - t) / 1000).toFixed(1)} s`;
const rss = () => `RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`;
let t = performance.now();
const sample = generateSample({ citizens, records: Math.ceil(records * 1.2) });
console.log(`generate ${citizens} citizens: ${ms(t)}`);
t = performance.now();
const ref = buildReference(sample.citizens, { expectedSize: citizens });
console.log(`buildReference: ${ms(t)}; ${rss()}`);
// Every record loses its ID, so every one goes through fuzzy linking.
const addressOf = new Map(withAddresses ? sample.citizens.map((c) => [c.id, c.address]) : []);
const rows = sample.records.slice(0, records).map((r, k) => ({
  ...r,
  citizenId: '',
  ...(withAddresses ? { address: addressOf.get(sample.truth[k].citizenId) ?? `Thôn ${k % 40}` } : {}),
}));
const counters = emptyBlockingCounters();
t = performance.now();
reconcile(ref, rows.slice(0, 1), { fuzzy: { counters } });
console.log(`first record (builds name table and blocking indexes): ${ms(t)}; ${rss()}`);
t = performance.now();
const cpu = process.cpuUsage();
const { stats } = reconcile(ref, rows, { fuzzy: { counters } });
const cpuS = (process.cpuUsage(cpu).user / 1e6).toFixed(1);
console.log(`reconcile ${records} ID-less records${withAddresses ? ' with addresses' : ''}: ${ms(t)} (CPU ${cpuS} s; wall > CPU means the machine was shared); ${rss()}; linked ${stats.linked ?? JSON.stringify(stats.byStatus ?? {})}`);
for (const [rule, n] of Object.entries(counters.pairs)) console.log(`  ${rule.padEnd(32)}${String(n).padStart(12)} pairs`);
console.log(`candidate pairs: ${counters.uniquePairs} (${(counters.uniquePairs / counters.records).toFixed(1)} per record), capped blocks ${counters.cappedBlocks}`);
