/**
 * Version 30 (issue 11, session 37): a parent's count of its children
 * (`posts.comment_count`, `users.post_count`, `customers.num_orders`) is how
 * many rows of the child table point at it, where the child table its name
 * names (`comments`, `post_comments`; singular or plural) references the
 * parent by one NOT NULL foreign key that no CHECK reads: that foreign key
 * is then an exact fan-out skewed as the default (generate/free-pick.ts
 * `countedSpec`, generate/counted-children.ts), so the parent row reads its
 * children's number from the fan-out, nothing stored. Where the count is
 * unknowable (a nullable or CHECKed foreign key, two of them to the parent,
 * no such child table) the column keeps version 29's values and the plan says
 * why.
 */
import type { Column, Table } from '../../schema/model.js';
import { nameTokens, singular } from './column-names.js';
import type { ChildRows, RowContext, SemanticBuild, SemanticGenerator } from './semantic-generator.js';
import { type SemanticKind, typeFamilyOf } from './semantic-kind.js';

const COUNT_LAST = new Set(['count', 'cnt']);
const COUNT_FIRST = new Set(['num', 'number', 'n', 'no', 'total', 'count']);

/** The children a count column's words name (`comment_count`, `num_orders`, `number_of_replies` → comment, order, reply), or null. */
export function countedNoun(tokens: readonly string[]): string | null {
  const last = tokens.at(-1) ?? '';
  if (tokens.length === 2 && COUNT_LAST.has(last)) return singular(tokens[0] as string);
  const first = tokens[0] ?? '';
  if (!COUNT_FIRST.has(first) || COUNT_LAST.has(last)) return null;
  if (tokens.length === 2) return singular(last);
  return tokens.length === 3 && tokens[1] === 'of' ? singular(last) : null;
}

/** Whether `child`'s name names the noun (`comments`, `post_comments`, `order_items` for item). */
export function tableHoldsNoun(child: Table, noun: string): boolean {
  const words = nameTokens(child.name);
  return words.length > 0 && singular(words.at(-1) as string) === noun;
}

/** Whether a column is an integer count by its name (counted noun) and type. */
function isCountColumn(column: Column): boolean {
  return typeFamilyOf(column.type.name) === 'integer' && countedNoun(nameTokens(column.name)) !== null;
}

/** The parent's integer column that counts `child`'s rows by its name, or undefined. */
export function countColumnFor(parent: Table, child: Table): Column | undefined {
  return parent.columns.find(
    (c) =>
      !c.generated && isCountColumn(c) && tableHoldsNoun(child, countedNoun(nameTokens(c.name)) as string),
  );
}

/** The child rows a version 30 count column counts (see above), or undefined where it keeps its values. */
function countedRows(
  ctx: RowContext,
  column: string,
  baseName: string,
  version: number,
): ChildRows | undefined {
  if (version < 30 || typeFamilyOf(baseName) !== 'integer') return undefined;
  const noun = countedNoun(nameTokens(column));
  if (noun === null || ctx.siblingKind(column) === null) return undefined;
  return ctx.childRows?.((child) => tableHoldsNoun(child, noun));
}

/** Whether a column is a count of its row's children its child rows decide (version 30: never NULL). */
export const isChildRowCount = (
  ctx: RowContext,
  column: string,
  baseName: string,
  version: number,
): boolean => countedRows(ctx, column, baseName, version) !== undefined;

const MAX_OF: Readonly<Record<string, number>> = { int2: 32_767, int4: 2_147_483_647 };

/** Version 30: a count column the rows of its child table decide (see above), else `usual`. */
export function withChildRowCount(
  build: SemanticBuild,
  kind: SemanticKind,
  usual: SemanticGenerator,
): SemanticGenerator {
  if (kind === null) return usual;
  const children = countedRows(build.ctx, build.column.name, build.base.name, build.version);
  if (children === undefined) return usual;
  const most = MAX_OF[build.base.name] ?? Number.MAX_SAFE_INTEGER;
  return {
    escapeFree: true,
    random(rand, row) {
      const n = children.rowsOf(row).length;
      return n > most ? usual.random(rand, row) : String(n);
    },
  };
}
