/**
 * Version 15: an employee's titles in a history of periods (`titles (emp_no,
 * title, from_date, to_date)`: the start a series beside the employee,
 * plan/key-components.ts and generate/series-offsets.ts) climb one ladder
 * of the employees sample's titles, a rung a period (Staff → Senior Staff;
 * Assistant Engineer → Engineer → Senior Engineer → Technique Leader).
 * Version 14 drew a word per row (`atrium`, `affiliate`) and overlapped the
 * periods.
 */
import type { Column, Table } from '../../schema/model.js';
import { mix32, streamKey } from '../random.js';
import { nameTokens } from './column-names.js';
import { isPeriodStart } from './period-chain-end.js';
import type { SemanticBuild, SemanticGenerator } from './semantic-generator.js';

/** The employees sample's ladders, lowest rung first, with the share of employees on each. */
const LADDERS: readonly { readonly titles: readonly string[]; readonly share: number }[] = [
  { titles: ['Staff', 'Senior Staff'], share: 45 },
  { titles: ['Assistant Engineer', 'Engineer', 'Senior Engineer', 'Technique Leader'], share: 55 },
];
/** The rung an employee starts on: most start at the bottom or one above. */
const START_RUNGS: readonly number[] = [0, 0, 0, 1, 1, 1, 1, 2, 2, 0];
const TITLE_TABLES = new Set(['title', 'titles']);

/** The ladder whose share holds `pick` (0 <= pick < the shares' sum). */
function ladderAt<T extends { readonly share: number }>(ladders: readonly T[], pick: number): T {
  let left = pick;
  for (const l of ladders) {
    if (left < l.share) return l;
    left -= l.share;
  }
  return ladders[ladders.length - 1] as T;
}

/** Version 15: a titles table's `title` beside a period's start (the employees sample's `titles`). */
export function isCareerTitle(table: Table, column: Column): boolean {
  const words = nameTokens(column.name);
  const tableWords = nameTokens(table.name);
  return (
    (words.join('_') === 'title' || words.join('_') === 'job_title') &&
    TITLE_TABLES.has(tableWords[tableWords.length - 1] ?? '') &&
    table.columns.some((c) => isPeriodStart(table, c.name))
  );
}

/** A title on the employee's ladder at the row's period; `made` where the start is no series. */
export function withCareerTitles(build: SemanticBuild, made: SemanticGenerator): SemanticGenerator {
  const start = build.table.columns.find((c) => isPeriodStart(build.table, c.name));
  const chain = start === undefined ? undefined : build.ctx.periodChain?.(start.name);
  const ladders = LADDERS.map((l) => ({
    ...l,
    titles: l.titles.filter((t) => t.length <= build.maxLength),
  })).filter((l) => l.titles.length >= 2);
  if (chain === undefined || ladders.length === 0) return made;
  const total = ladders.reduce((a, l) => a + l.share, 0);
  const key = streamKey(
    build.ctx.seed ?? 0,
    build.table.schema,
    build.table.name,
    build.column.name,
    'career',
  );
  return {
    escapeFree: true,
    random(_rand, row) {
      const { parent, k, slots, earlier } = chain.place(row);
      const h = mix32(Math.imul(parent + 1, 0x9e3779b1) ^ key);
      const ladder = ladderAt(ladders, h % total);
      const first = Math.min(
        START_RUNGS[(h >>> 16) % START_RUNGS.length] as number,
        ladder.titles.length - 2,
      );
      // A rung a period the employee held before this one, the top kept.
      const rung = Math.min(first + (earlier ?? Math.max(0, slots - 1 - k)), ladder.titles.length - 1);
      return ladder.titles[rung] as string;
    },
  };
}
