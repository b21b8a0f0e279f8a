/**
 * A kept DO block's ALTER TABLE of a table its code names only when it runs (`EXECUTE format('ALTER TABLE %I
 * ADD COLUMN x int NOT NULL', r.tablename)` in a loop over `pg_tables`, `'ALTER TABLE ' || t || ' ...'`): any
 * table made before the block may be the one altered. An ALTER the rows survive (an added nullable column, one
 * with a DEFAULT, OWNER TO, ...) keeps them; any other (a NOT NULL column without DEFAULT: COPY, which names its
 * columns, met a NULL there) leaves every such table without rows, as a table the block names would be. A
 * foreign key the block makes to a table so named needs every table's keys made before it. A routine the block
 * runs is read so too, its `ALTER TABLE s.%I` naming a table of s (QWAT's fn_label_create_fields adds columns and
 * foreign keys to `qwat_od.%I`; where the block calls it with constants, the table they name alone:
 * called-alter-names.ts), and a table its foreign keys reference keeps its keys before the block. A
 * `RENAME CONSTRAINT` changes only a name: the rows load as before.
 */
import { formatLocation } from '../../errors.js';
import { quoteQualified } from '../../schema/quote.js';
import type { AlteredNames } from './called-alter-names.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import { keepBeforeBlock, REFERENCED_TABLE, SHAPE_KEPT, writtenRelation } from './do-blocks.js';
import { columnsKeptForRows } from './kept-alter-rows.js';

/** A `format()` placeholder (`%I`, `%s`, `%1$I`), schema-qualified or not. */
const PLACEHOLDER = String.raw`%(?:\d+\$)?[IsL]`;

/** `ALTER TABLE [IF EXISTS] [ONLY]` then a name the code builds: a placeholder, or the end of a string `'... ' || t`. */
const DYNAMIC_ALTER = new RegExp(
  String.raw`\balter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?(?:(?:${PLACEHOLDER}\s*\.\s*)?${PLACEHOLDER}|"?${PLACEHOLDER}"?|(')\s*\|\|)`,
  'gi',
);

/** `ALTER TABLE [IF EXISTS] [ONLY] s.%I`: a table of schema s the code names when it runs. */
const SCHEMA_DYNAMIC_ALTER = new RegExp(
  String.raw`\balter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?("[^"]+"|[\w$]+)\s*\.\s*"?${PLACEHOLDER}"?`,
  'gi',
);

/**
 * What follows a dynamic ALTER's name when it renames one of the table's constraints (`RENAME CONSTRAINT %I TO
 * %I`, Boundary's loop over `pg_constraint` bringing every UNIQUE to its style guide's name): only a name
 * changes, the constraint stays, so the rows load as before.
 */
const RENAMES_CONSTRAINT = new RegExp(
  String.raw`^\s*rename\s+constraint\s+(?:"?${PLACEHOLDER}"?|"[^"]+"|[\w$]+)\s+to\s+(?:"?${PLACEHOLDER}"?|"[^"]+"|[\w$]+)\s*;?\s*$`,
  'i',
);

/** `REFERENCES` a name the code builds (`%I`, `' || t`). */
const DYNAMIC_REFERENCE = new RegExp(String.raw`\breferences\s+(?:"?${PLACEHOLDER}|'\s*\|\|)`, 'i');

/** The text after a dynamic ALTER's name, to the end of its string: what the ALTER does to the table. */
function alterRest(body: string, end: number, concatenated: boolean): string {
  let from = end;
  if (concatenated) {
    // `'ALTER TABLE ' || quote_ident(t) || ' ADD COLUMN ...'`: the next string after the name's expression, past
    // the `'.'` between a schema and a table built so (`s.nspname || '.' || s.relname || ' OWNER TO r'`).
    const next = /\|\|\s*'(?:"?\."?'\s*\|\|[^']*?\|\|\s*')?/g;
    next.lastIndex = end;
    const m = next.exec(body);
    if (m === null) return '';
    from = m.index + m[0].length;
  }
  const close = /'(?!')/g;
  close.lastIndex = from;
  const m = close.exec(body);
  return body.slice(from, m === null ? body.length : m.index).replaceAll("''", "'");
}

/** A dynamic ALTER TABLE in code's text: where its name ends, whether a string concatenation builds it, its schema. */
interface DynamicAlter {
  readonly text: string;
  readonly end: number;
  readonly concatenated: boolean;
  readonly schema?: string;
}

function dynamicAlters(body: string, called: boolean): DynamicAlter[] {
  const alters: DynamicAlter[] = [...body.matchAll(DYNAMIC_ALTER)].map((m) => ({
    text: m[0],
    end: (m.index ?? 0) + m[0].length,
    concatenated: m[1] !== undefined,
  }));
  if (!called) return alters;
  for (const m of body.matchAll(SCHEMA_DYNAMIC_ALTER)) {
    const written = m[1] ?? '';
    const schema = written.startsWith('"') ? written.slice(1, -1) : written.toLowerCase();
    alters.push({ text: m[0], end: (m.index ?? 0) + m[0].length, concatenated: false, schema });
  }
  return alters;
}

/**
 * The model's tables (made so far) a kept DO block's dynamic ALTER TABLE may change so their rows no longer
 * load: each gets no rows (`changedUnseenBy`, warned per table naming the block and its ALTER). `called`: the
 * body is a routine's the block runs (its `ALTER TABLE s.%I` read too, and its constant `REFERENCES t`).
 */
export function markTablesAlteredDynamically(
  ctx: DdlContext,
  stmt: SourceStatement,
  body: string,
  called = false,
  named?: AlteredNames,
): void {
  // A foreign key to a table named when the block runs: every table's keys so far must exist before it.
  if (DYNAMIC_REFERENCE.test(body))
    for (const table of ctx.builder.tables.values()) keepBeforeBlock(ctx, table);
  if (called)
    for (const match of body.matchAll(REFERENCED_TABLE)) {
      const q = writtenRelation(ctx, match[1] ?? '');
      if (ctx.builder.table(q) !== undefined) keepBeforeBlock(ctx, q);
    }
  for (const alter of dynamicAlters(body, called)) {
    const rest = alterRest(body, alter.end, alter.concatenated);
    if (SHAPE_KEPT.test(rest) || RENAMES_CONSTRAINT.test(rest)) continue;
    const shown = `${alter.text.replace(/\s*'?\s*\|\|$/, ' <name>')}${rest}`.replace(/\s+/g, ' ').trim();
    const what = `DO block at ${formatLocation(stmt.location)} (${called ? 'a routine it runs: ' : ''}its \`${shown.slice(0, 80)}\` names the table only when it runs, so any table made before it may be altered so)`;
    for (const table of ctx.builder.tables.values()) {
      if (table.changedUnseenBy !== undefined) continue;
      if (alter.schema !== undefined && table.schema !== alter.schema) continue;
      // The block's calls name the tables (called-alter-names.ts): only those are altered.
      if (alter.schema !== undefined && named !== undefined && !named.get(alter.schema)?.has(table.name))
        continue;
      if (columnsKeptForRows(table, `ALTER TABLE ${quoteQualified(table)} ${rest}`)) continue;
      table.changedUnseenBy = what;
      keepBeforeBlock(ctx, table, true);
    }
  }
}
