/**
 * This package's version, kept equal to package.json's by a test (test/package/version.test.ts): a constant
 * rather than a JSON import, which the per-module ESM build cannot carry.
 *
 * @example
 * VERSION //=> '0.1.0'
 */
export const VERSION = '0.1.0';
