/**
 * doisoat/node — the Node-only parts: reading files, writing outputs, the runner behind the CLI.
 * @packageDocumentation
 */
export * from './index.js';
