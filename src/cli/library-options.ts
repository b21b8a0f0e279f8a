/**
 * The library's options (run/generate.ts) from the command line's: the same
 * for `datagen generate`, which runs them, and `datagen plan`, which plans
 * with them and shows the plan, so both describe one run.
 */
import type { Writable } from 'node:stream';
import type { GenerateOptions } from '../run/generate.js';
import { planningOptions } from '../run/planning-options.js';
import type { ParsedGenerateOptions } from './options.js';
import { withPasswordPrompt } from './password-prompt.js';

/** The library's options from the command line's (output and callbacks aside). */
function libraryOptions(options: ParsedGenerateOptions): Omit<GenerateOptions, 'output'> {
  return {
    schema: options.schema,
    ...(options.variables === undefined ? {} : { variables: options.variables }),
    ...planningOptions(options),
    ...(options.size === undefined ? {} : { size: options.size }),
    ...(options.shard === undefined ? {} : { shard: options.shard }),
    ...(options.chunkSize === undefined ? {} : { chunkSize: options.chunkSize }),
    resume: options.resume === true,
    ...(options.template === undefined ? {} : { fixedTables: options.template.fixed }),
    format: options.format,
    inserts: options.inserts,
    ...(options.rowsPerInsert === undefined ? {} : { rowsPerInsert: options.rowsPerInsert }),
    noOwner: options.noOwner,
    dataOnly: options.dataOnly,
    schemaOnly: options.schemaOnly,
    noPrivileges: options.noPrivileges,
    noComments: options.noComments,
    noPublications: options.noPublications,
    noSubscriptions: options.noSubscriptions,
    noSecurityLabels: options.noSecurityLabels,
    clean: options.clean,
    ifExists: options.ifExists,
    create: options.create,
    disableTriggers: options.disableTriggers,
    selection: options.selection,
    ...(options.compression === undefined ? {} : { compression: options.compression }),
    ...(options.fileCompression === undefined ? {} : { fileCompression: options.fileCompression }),
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    ...(options.createdAt === undefined ? {} : { createdAt: options.createdAt }),
    ...(options.dbname === undefined ? {} : { dbname: options.dbname }),
    ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
    truncate: options.truncate,
    append: options.append,
    unloggedDuringLoad: options.unloggedDuringLoad,
    strict: options.strict,
  };
}

/** The library's options with the connection (its password asked for when -W says so) and where the rows go. */
export async function runOptions(options: ParsedGenerateOptions, stdout: Writable): Promise<GenerateOptions> {
  return {
    ...libraryOptions(options),
    ...(options.connection === undefined
      ? {}
      : { connection: await withPasswordPrompt(options.connection, options.passwordPrompt) }),
    // With -d and no --file the rows go into that database.
    ...(options.connection !== undefined && !options.fileGiven
      ? {}
      : { output: options.file === '-' ? stdout : options.file }),
  };
}
