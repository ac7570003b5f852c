// The floor: the time just to parse both CSV files with papaparse, streamed from disk (header: true, chunked).
// Rows are counted and dropped, nothing is held. Usage: node bench/floor.mjs <data dir>
import { join } from 'node:path';
import { emit, since, streamCsv } from './common.mjs';

const dir = process.argv[2];
const phases = {};
let t = performance.now();
const t0 = t;
const citizens = await streamCsv(join(dir, 'reference.csv'), () => {});
phases.parseReference = since(t);
t = performance.now();
const records = await streamCsv(join(dir, 'records.csv'), () => {});
phases.parseRecords = since(t);
emit({ scenario: 'floor', ok: true, totalMs: since(t0), phases, citizens, records });
