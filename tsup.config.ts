import { defineConfig } from 'tsup';

// Three builds (the `build` script empties dist/ first, so none of them cleans):
// 1. ESM, one file per module and "sideEffects": false: bundlers keep only what an app imports
//    (normaliseName alone bundles to a few kB instead of the whole library).
// 2. CJS, bundled per entry, with declarations (.d.cts), for require().
// 3. ESM declarations, bundled per entry (.d.ts).
// 4. The CLI and its worker thread, bundled for Node.
export default defineConfig([
  {
    entry: ['src/**/*.ts', '!src/cli/main.ts'],
    format: ['esm'],
    bundle: false,
    sourcemap: true,
    target: 'es2022',
    platform: 'neutral',
  },
  {
    entry: { index: 'src/index.ts', node: 'src/node.ts' },
    format: ['cjs'],
    dts: true,
    sourcemap: true,
    target: 'es2022',
    platform: 'neutral',
    external: ['node:*'],
  },
  {
    entry: { index: 'src/index.ts', node: 'src/node.ts' },
    format: ['esm'],
    dts: { only: true },
    target: 'es2022',
  },
  {
    entry: { cli: 'src/cli/main.ts', worker: 'src/node/worker.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    sourcemap: true,
    banner: { js: '#!/usr/bin/env node' },
  },
]);
