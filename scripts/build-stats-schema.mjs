#!/usr/bin/env node
// Writes docs/stats.schema.json, the JSON Schema of stats.json, generated from the zod `statsSchema`
// (src/stats/stats.ts) through `statsJsonSchema()`. Run after `npm run build`: node scripts/build-stats-schema.mjs
// test/write/statsJson.test.ts fails when the committed file is out of date.
import { writeFileSync } from 'node:fs';
import { statsJsonSchema } from '../dist/index.js';

writeFileSync('docs/stats.schema.json', `${JSON.stringify(statsJsonSchema(), null, 2)}\n`);
