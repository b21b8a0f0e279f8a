/** pg_dump archive writers: custom (`-Fc`), directory (`-Fd`) and tar (`-Ft`) formats, and the TOC builder. */

export { resolveArchiveCompression } from './archive-compression.js';
export type {
  ArchiveCompression,
  ArchiveDataSummary,
  ArchiveEntry,
  ArchiveHeader,
  ArchiveOutputFormat,
  ArchiveSection,
  ArchiveSummary,
} from './archive-entry.js';
export {
  type BuildArchiveEntriesOptions,
  buildArchiveEntries,
  copyStatementFor,
  type DataStatement,
  type TableDataSource,
} from './build-archive-entries.js';
export type { DeflateMessage, DeflateReply } from './deflate-job.js';
export { runDeflateJob } from './deflate-job.js';
export { type DeflateThreads, exposeCollector } from './deflate-pool.js';
export { formatArchiveListing } from './format-archive-listing.js';
export { APPLY_SHARED_GROWTH_FACTOR_SOURCE } from './growth-factor-share.js';
export { capOldGeneration, type OldGenerationCap } from './old-generation.js';
export { createThreadBudget, type ThreadBudget } from './thread-budget.js';
export { hasExited, startWorkerThread, stopWorker } from './worker-thread.js';
export {
  type WriteArchiveOptions,
  type WriteCustomArchiveOptions,
  writeCustomArchive,
} from './write-custom-archive.js';
export { type WriteDirectoryArchiveOptions, writeDirectoryArchive } from './write-directory-archive.js';
export { tarRestoreScript, type WriteTarArchiveOptions, writeTarArchive } from './write-tar-archive.js';
export { capYoungGeneration, shrinkYoungGeneration, type YoungGenerationCap } from './young-generation.js';
