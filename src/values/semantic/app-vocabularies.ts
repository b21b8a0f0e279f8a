/**
 * Version 16: codes of well-known applications in the values the
 * application writes (were numbers of the type or label words):
 * - Quartz's `misfire_instr` (a `qrtz_` table's smallint): 0 (smart policy)
 *   mostly, 1 (fire now), 2 (do nothing), -1 (ignore misfires).
 * - A job queue's rows (Que's `que_jobs`, Delayed::Job's `delayed_jobs`,
 *   GoodJob's `good_jobs`, any `*jobs` table): `job_class` a Ruby class
 *   name (`SendEmailJob`), `queue` / `queue_name` a queue's word
 *   (`default`, `mailers`, `low`).
 */
import type { Column, Table } from '../../schema/model.js';
import { nameTokens } from './column-names.js';
import type { SemanticBuild, SemanticGenerator } from './semantic-generator.js';
import type { SemanticKind } from './semantic-kind.js';
import { createWeightedWordGenerator as weighted } from './text-values.js';

type Words = readonly (readonly [string, number])[];

const MISFIRE_INSTRUCTIONS: Words = [
  ['0', 70],
  ['1', 12],
  ['2', 12],
  ['-1', 6],
];
const QUEUES: Words = [
  ['default', 60],
  ['mailers', 14],
  ['low', 8],
  ['high', 6],
  ['critical', 3],
  ['reports', 4],
  ['webhooks', 5],
];
const JOB_VERBS = [
  'Send',
  'Process',
  'Sync',
  'Generate',
  'Import',
  'Export',
  'Cleanup',
  'Refresh',
  'Notify',
  'Charge',
];
const JOB_NOUNS = [
  'Email',
  'Payment',
  'Inventory',
  'Report',
  'Invoice',
  'Webhook',
  'Thumbnail',
  'Sessions',
  'SearchIndex',
  'Subscription',
  'Digest',
  'Order',
];
/** Class names as a Rails application names its jobs (`SendEmailJob`), each verb with some nouns. */
const JOB_CLASSES: readonly string[] = JOB_VERBS.flatMap((verb, v) =>
  JOB_NOUNS.filter((_, n) => (v + n) % 3 === 0).map((noun) => `${verb}${noun}Job`),
);

/** A job queue's table (`que_jobs`, `delayed_jobs`, `good_jobs`, `jobs`). */
function isJobQueueTable(table: Table): boolean {
  const words = nameTokens(table.name);
  return words[words.length - 1] === 'jobs';
}

/** Which known column this is (`misfire_instr`, `job_class`, `queue`), or null. */
function appColumnOf(table: Table, column: Column): 'misfire_instr' | 'job_class' | 'queue' | null {
  const name = column.name.toLowerCase();
  if (name === 'misfire_instr' && table.name.toLowerCase().startsWith('qrtz_')) return 'misfire_instr';
  if (!isJobQueueTable(table)) return null;
  if (name === 'job_class' || name === 'class_name') return 'job_class';
  return name === 'queue' || name === 'queue_name' ? 'queue' : null;
}

/** Version 16: the kind of such a column (a small code, a label), or null (see above). */
export function appVocabularyKind(table: Table, column: Column, family: string): SemanticKind | null {
  const known = appColumnOf(table, column);
  if (known === 'misfire_instr') return family === 'integer' ? 'small_code' : null;
  return known !== null && family === 'text' ? 'label' : null;
}

/** Version 16: the generator of such a column, or null where it is none or its values do not fit. */
export function appVocabularyGenerator(build: SemanticBuild): SemanticGenerator | null {
  const known = appColumnOf(build.table, build.column);
  if (known === 'misfire_instr')
    return build.base.name === 'int2' || build.base.name === 'int4' || build.base.name === 'int8'
      ? weighted(MISFIRE_INSTRUCTIONS)
      : null;
  const words =
    known === 'queue' ? QUEUES : known === 'job_class' ? JOB_CLASSES.map((c) => [c, 1] as const) : null;
  const fitting = words?.filter(([w]) => w.length <= build.maxLength) ?? [];
  return fitting.length < 2 ? null : weighted(fitting);
}

/** The plan's words for such a column, or null. */
export function appVocabularyText(table: Table, column: Column): string | null {
  const known = appColumnOf(table, column);
  if (known === 'misfire_instr') return ", Quartz's misfire instructions (0 mostly, 1, 2, -1)";
  if (known === 'job_class') return ', job class names as a Rails application writes them (SendEmailJob, …)';
  return known === 'queue' ? ", a queue's name (default mostly, mailers, low, high, …)" : null;
}
