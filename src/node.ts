/**
 * doisoat/node — the Node-only parts: reading files, writing outputs, the runner behind the CLI.
 * @packageDocumentation
 */
export * from './index.js';
export {
  readTable,
  readRecords,
  readReference,
  collect,
  ReadError,
  MAX_RECORD_CHARS,
  type ReadTableOptions,
  type ReadReferenceOptions,
  type OpenTable,
  type TableFormat,
} from './node/readFile.js';
export { WorkerStoppedError } from './node/workerStopped.js';
export { readReferenceCached, type CachedReference, type ReferenceCacheOutcome } from './node/referenceCache.js';
export { readXlsx, excelSerialToDate, XlsxError, type XlsxRow, type ReadXlsxOptions } from './node/xlsx.js';
export { writeOutputs, type OutputPaths } from './node/writeOutputs.js';
export { configSchema, type Config } from './cli/config.js';
export { reconcileFiles, type ReconcileFilesOptions, type ReconcileFilesResult } from './node/reconcileFiles.js';
export { autoWorkerCount, resolveWorkerCount, machineResources, AUTO_WORKERS_MIN_BYTES, AUTO_WORKERS_MIN_RECORDS_SHARE, AUTO_WORKERS_BYTES_PER_REFERENCE_BYTE, type WorkerRequest, type WorkerCountInput } from './node/workerCount.js';
