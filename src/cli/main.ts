import { buildReference, formatSummary, generateSample, reconcile } from '../index.js';

function demo(): number {
  const sample = generateSample();
  const reference = buildReference(sample.citizens);
  const { stats } = reconcile(reference, sample.records, { asOf: sample.asOf });
  process.stdout.write(`${formatSummary(stats)}\n`);
  return 0;
}

const [command] = process.argv.slice(2);
if (command === 'demo') process.exitCode = demo();
else {
  process.stderr.write('usage: doisoat demo\n');
  process.exitCode = 2;
}
