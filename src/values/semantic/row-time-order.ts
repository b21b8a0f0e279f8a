/**
 * Version 4: the order of a row's times beyond version 3's (time-values.ts
 * builds the values): created ≤ started ≤ updated; an end after the start of
 * its own pair (`end_date` after `begin_date` where a `start_time` is
 * there too; `closed_at` after `opened_at`; a message `read_at` after its
 * `sent_at`), after the creation where that start is NULL.
 */
import type { Column } from '../../schema/model.js';
import { nameTokens } from './column-names.js';
import { isCreationName, isModificationName, isStartAfterCreation } from './number-time-names.js';
import type { SemanticBuild } from './semantic-generator.js';

type Pairs = readonly (readonly [readonly string[], readonly string[]])[];

/** Pairs version 4 reads before time-values.ts' own: an event's end and its own start. */
const FIRST_PAIRS: Pairs = [
  [
    ['closed', 'close', 'reopened'],
    ['opened', 'open'],
  ],
  [
    ['delivered', 'read', 'seen', 'opened', 'clicked', 'bounced'],
    ['sent', 'queued'],
  ],
];

/** The table's creation column (`created_at`, `inserted_at`) other than `but`, as a created_at kind, or null. */
function creationColumn(build: SemanticBuild, but: string | null): string | null {
  const found = build.table.columns.find(
    (column) =>
      column.name !== but &&
      column.name !== build.column.name &&
      !column.generated &&
      isCreationName(column.name) &&
      build.ctx.siblingKind(column.name) === 'created_at',
  );
  return found?.name ?? null;
}

/** The creation column a start column (`started_at`, `published_at`) follows, or null. */
export function creationToFollow(build: SemanticBuild): string | null {
  if (build.version < 4 || !isStartAfterCreation(build.column.name)) return null;
  return creationColumn(build, null);
}

/** The starts of work a last change (`updated_at`) follows (the latest of them), where they follow the creation. */
export function startsBeforeUpdate(build: SemanticBuild): string[] {
  if (build.version < 4 || !isModificationName(build.column.name)) return [];
  const starts = build.table.columns.filter(
    (column) =>
      column.name !== build.column.name &&
      !column.generated &&
      isStartAfterCreation(column.name) &&
      build.ctx.siblingKind(column.name) === 'created_at',
  );
  return starts.length > 0 && creationColumn(build, starts[0]?.name ?? null) !== null
    ? starts.map((column) => column.name)
    : [];
}

/** The creation a later time falls back on where its start (`started_at`, not the creation itself) is NULL. */
export function creationBehind(build: SemanticBuild, start: string | null): string | null {
  if (build.version < 4 || start === null || isCreationName(start)) return null;
  return creationColumn(build, start);
}

/**
 * The start of this column's own pair among `starts`: the first pair whose
 * end words the name has and that has a start in the row, the start whose
 * other words are this name's (`begin_date` for `end_date`) first.
 */
export function pairedStart(build: SemanticBuild, starts: readonly Column[], pairs: Pairs): string | null {
  const own = build.tokens;
  for (const [ends, startWords] of [...FIRST_PAIRS, ...pairs]) {
    const end = own.findIndex((w) => ends.includes(w));
    if (end < 0) continue;
    const rest = own.filter((_, i) => i !== end).join(' ');
    let first: string | null = null;
    for (const column of starts) {
      const t = nameTokens(column.name);
      const at = t.findIndex((w) => startWords.includes(w));
      if (at < 0) continue;
      if (t.filter((_, i) => i !== at).join(' ') === rest) return column.name;
      first ??= column.name;
    }
    if (first !== null) return first;
  }
  return null;
}
