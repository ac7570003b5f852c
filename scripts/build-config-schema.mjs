#!/usr/bin/env node
// Writes docs/config.schema.json, the JSON Schema of doisoat.config.json, generated from the zod
// `configSchema` (src/cli/config.ts, exported by doisoat/node) with zod v4's z.toJSONSchema.
// Run after `npm run build`: node scripts/build-config-schema.mjs
// test/cli/configSchema.test.ts fails when the committed file is out of date.
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { configSchema } from '../dist/node.js';

const schema = { title: 'doisoat configuration (doisoat.config.json)', ...z.toJSONSchema(configSchema, { io: 'input' }) };
writeFileSync('docs/config.schema.json', `${JSON.stringify(schema, null, 2)}\n`);
