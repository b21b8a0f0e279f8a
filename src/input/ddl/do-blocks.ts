/**
 * DO blocks kept as written: what their text shows they change (tables
 * altered, indexes renamed, relations made), so the statements around them
 * keep an order the block can run in.
 */
import type { Node } from 'libpg-query';
import { formatLocation } from '../../errors.js';
import type { QualifiedName } from '../../schema/model.js';
import { nameKey } from '../../schema/names.js';
import { stringOf } from './ast.js';
import { doBlockCode } from './code-sql.js';
import type { DdlContext, RoutineEffects, SourceStatement } from './ddl-context.js';
import { addsUnfilledNotNull, columnsKeptForRows } from './kept-alter-rows.js';
import { renameConstraint } from './renames.js';
import type { TableDraft } from './schema-builder.js';

const ALTERED_TABLE =
  /\b(?:alter|drop)\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?((?:"[^"]+"|[\w$]+)(?:\s*\.\s*(?:"[^"]+"|[\w$]+))?)/gi;

const ALTERED_TYPE =
  /\balter\s+type\s+((?:"[^"]+"|[\w$]+)(?:\s*\.\s*(?:"[^"]+"|[\w$]+))?)\s+(?!add\s+value\b)/gi;

export const REFERENCED_TABLE = /\breferences\s+((?:"[^"]+"|[\w$]+)(?:\s*\.\s*(?:"[^"]+"|[\w$]+))?)/gi;

/** What follows `ALTER TABLE t` when the table keeps its columns and constraints. */
export const SHAPE_KEPT =
  /^\s*(?:owner\s+to|(?:enable|disable|(?:no\s+)?force)\s+row\s+level\s+security|replica\s+identity|set\s+tablespace|set\s*\(|reset\s*\()/i;

/** What follows `ALTER TABLE t`: `RENAME CONSTRAINT a TO b`. */
const RENAMED_CONSTRAINT = /^\s*rename\s+constraint\s+("[^"]+"|[\w$]+)\s+to\s+("[^"]+"|[\w$]+)/i;

/** The names of a table's constraints in the model. */
export function constraintNames(table: TableDraft): string[] {
  return [
    ...(table.primaryKey ? [table.primaryKey.name] : []),
    ...table.uniques.map((u) => u.name),
    ...table.checks.map((c) => c.name),
    ...table.exclusions.map((x) => x.name),
    ...table.foreignKeys.map((f) => f.name),
  ].filter((n): n is string => typeof n === 'string');
}

const ALTERED_INDEX =
  /\balter\s+index\s+(?:if\s+exists\s+)?((?:"[^"]+"|[\w$]+)(?:\s*\.\s*(?:"[^"]+"|[\w$]+))?)/gi;

/** The code of a DO block. */
export function doBody(node: { args?: Node[] }): string {
  return (node.args ?? [])
    .flatMap((a) => ('DefElem' in a && a.DefElem.defname === 'as' ? [stringOf(a.DefElem.arg) ?? ''] : []))
    .join('\n');
}

/**
 * `CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] x`, `CREATE [OR REPLACE] VIEW|SEQUENCE x`,
 * `CREATE [UNLOGGED] TABLE [IF NOT EXISTS] x`, `RENAME TO x`.
 */
const MADE_RELATION =
  /\b(?:create\s+(?:unique\s+)?index\s+(?:concurrently\s+)?(?:if\s+not\s+exists\s+)?|create\s+(?:or\s+replace\s+)?(?:materialized\s+)?(?:view|sequence)\s+(?:if\s+not\s+exists\s+)?|create\s+(?:unlogged\s+)?table\s+(?:if\s+not\s+exists\s+)?|rename\s+to\s+)((?:"[^"]+"|[\w$]+)(?:\s*\.\s*(?:"[^"]+"|[\w$]+))?)/gi;

/** The bare names of the relations code (a DO block's or a routine's body) may create or rename to. */
export function madeRelations(body: string): string[] {
  return [...body.matchAll(MADE_RELATION)].map((match) => bareName(match[1] ?? ''));
}

/** `CREATE SCHEMA [IF NOT EXISTS] name` in code's text; no name where the text builds it (`'CREATE SCHEMA ' || s`, `%I`). */
const MADE_SCHEMA =
  /\bcreate\s+schema\s+(?:if\s+not\s+exists\s+)?(?!authorization\b)("[^"]+"|[\w$]+\b(?!\s*\.))?/gi;

/** The bare names of the schemas code may create (`*`: one named when the code runs). */
export function madeSchemas(body: string): string[] {
  return [...body.matchAll(MADE_SCHEMA)].map((match) => (match[1] === undefined ? '*' : bareName(match[1])));
}

/** The bare name of an identifier as a DO block's SQL text (or a string in it) writes it. */
function bareName(written: string): string {
  const last = written.split(/\s*\.\s*/).at(-1) ?? '';
  return last.startsWith('"') ? last.slice(1, -1) : last.toLowerCase();
}

/**
 * Tables a DO block's body alters, renames or drops: their shape at load time is unknown, so they get no
 * rows. Tables, indexes, sequences and views it may make are remembered for a later ALTER or DROP of them.
 */
export function markTablesChangedByDo(ctx: DdlContext, stmt: SourceStatement, node: { args?: Node[] }): void {
  markTablesChangedByCode(
    ctx,
    `DO block at ${formatLocation(stmt.location)}`,
    doBlockCode(ctx, doBody(node)).text,
  );
}

/**
 * What kept code (a DO block's body, the body of a routine a kept top-level SELECT or CALL runs) does to the
 * tables the model has, read from its text: `what` names the code in warnings ("DO block at f.sql:3:1").
 */
function markTablesChangedByCode(ctx: DdlContext, what: string, body: string): void {
  ctx.calledFunctions.codeMayCreate = true;
  for (const name of madeRelations(body)) ctx.madeByDo.add(name);
  markAlteredTables(ctx, what, body, ALTERED_TABLE, false);
  // Every table of `DROP TABLE a, b` (ALTERED_TABLE finds only a): b's COPY after the block met no table.
  for (const q of droppedTables(ctx, body)) {
    const table = ctx.builder.table(q);
    if (table === undefined) continue;
    table.changedUnseenBy ??= what;
    keepBeforeBlock(ctx, q, true);
  }
  // A type the block changes (`ALTER TYPE t RENAME VALUE 'a' TO 'b'`, Kestra): the values a column of it takes
  // at load time are unknown, so its tables get no rows. Adding a value keeps every value datagen writes.
  for (const match of body.matchAll(ALTERED_TYPE)) {
    const type = bareName(match[1] ?? '');
    for (const table of ctx.builder.tables.values())
      if (table.columns.some((c) => c.type.name === type))
        table.changedUnseenBy ??= `${what} (through type ${type} of its columns)`;
  }
  // A foreign key the block makes (`REFERENCES auth.users`, in a table it creates): the referenced table's
  // keys must exist when the block runs.
  for (const match of body.matchAll(REFERENCED_TABLE)) {
    const q = writtenRelation(ctx, match[1] ?? '');
    if (ctx.builder.table(q) !== undefined) keepBeforeBlock(ctx, q);
  }
  // ALTER INDEX (a rename): the table's shape is known, but the index must exist when the block runs.
  for (const match of body.matchAll(ALTERED_INDEX)) {
    const q = ctx.builder.indexes.get(nameKey(writtenRelation(ctx, match[1] ?? '')));
    if (q !== undefined) keepBeforeBlock(ctx, q);
  }
}

/** What else follows `ALTER TABLE t` in a called routine and keeps the table's shape and rows. */
const CALL_SHAPE_KEPT =
  /^\s*(?:(?:enable|disable)\s+(?:always\s+|replica\s+)?(?:trigger|rule)\b|cluster\s+on\b|set\s+without\s+cluster\b|alter\s+(?:column\s+)?(?:"[^"]+"|[\w$]+)\s+set\s+(?:statistics|storage)\b)/i;

/** `ALTER TABLE [IF EXISTS] [ONLY] t` in code's text. */
const ALTERED_ONLY =
  /\balter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?((?:"[^"]+"|[\w$]+)(?:\s*\.\s*(?:"[^"]+"|[\w$]+))?)/gi;

/**
 * The model's tables the body of a routine a kept top-level SELECT or CALL runs alters, read as a DO block's
 * are: an ALTER the rows survive (an added nullable column, or one with a DEFAULT; OWNER TO, ...) keeps them;
 * one no rows survive (an added NOT NULL column without DEFAULT, before or after the data) leaves the table
 * without rows; any other (an added CHECK or key, a column's new type, a dropped or renamed column, which
 * only a call after the data survives) leaves it without rows from generator version 22
 * (`Table.reshapedByCall`: before, the rows were written and loaded or not as they happened to meet it).
 */
export function markTablesAlteredByCall(ctx: DdlContext, what: string, body: string): void {
  markAlteredTables(ctx, what, body, ALTERED_ONLY, true);
}

/** The ALTER TABLE statements `pattern` finds in code's text, on the model's tables (see the callers). */
function markAlteredTables(
  ctx: DdlContext,
  what: string,
  body: string,
  pattern: RegExp,
  byCall: boolean,
): void {
  for (const match of body.matchAll(pattern)) {
    const q = writtenRelation(ctx, match[1] ?? '');
    const table = ctx.builder.table(q);
    if (table === undefined) continue;
    // `ALTER TABLE t RENAME CONSTRAINT a TO b` keeps its columns: the table keeps its rows, and a constraint
    // the model has is renamed there (its creation, written before or after the block, then makes b; the
    // block's own rename finds no a, as when the migration ran).
    const after = body.slice((match.index ?? 0) + match[0].length);
    const renamed = RENAMED_CONSTRAINT.exec(after);
    // `ALTER TABLE t OWNER TO …` (Supabase storage's role setup, in an EXECUTE string) keeps its shape and rows.
    const statement = `${match[0]}${after.split(';')[0] ?? ''}`;
    if (
      SHAPE_KEPT.test(after) ||
      (byCall && CALL_SHAPE_KEPT.test(after)) ||
      columnsKeptForRows(table, statement, byCall)
    )
      continue;
    if (renamed === null && (!byCall || addsUnfilledNotNull(table, statement)))
      table.changedUnseenBy ??= what;
    else if (renamed === null) table.reshapedByCall ??= what;
    else {
      const [from, to] = [bareName(renamed[1] ?? ''), bareName(renamed[2] ?? '')];
      if (constraintNames(table).includes(from)) renameConstraint(ctx, table, from, to);
    }
    // A table the block changes unseen gets no rows: its triggers, rules and policies so far stay before the
    // block too (Hatchet's block drops v1_events_olap and makes it again with its trigger).
    keepBeforeBlock(ctx, q, table.changedUnseenBy !== undefined);
  }
}

const NAME = String.raw`(?:"[^"]+"|[\w$]+)(?:\s*\.\s*(?:"[^"]+"|[\w$]+))?`;
/** `DROP TABLE [IF EXISTS] a, s.b`: the names dropped. */
const DROPPED_TABLES = new RegExp(
  String.raw`\bdrop\s+table\s+(?:if\s+exists\s+)?(${NAME}(?:\s*,\s*${NAME})*)`,
  'gi',
);

/**
 * The tables of the model that the body of a routine a kept top-level SELECT or CALL runs drops, and does not
 * make again (`made`: the bare names its code creates): they get no rows, their keys and own foreign keys stay
 * before the call (graph-node's remove_public_deployments() drops public.entities and entity_history; the
 * COPY into them after it failed). What such a routine alters is not read (a v21 candidate: as a DO block's).
 * Whether it drops any: such a call stays where it is written (function-calls.ts writeCallsAfterData).
 */
export function markTablesDroppedByCode(
  ctx: DdlContext,
  what: string,
  body: string,
  made: ReadonlySet<string>,
): boolean {
  let any = false;
  for (const q of droppedTables(ctx, body)) {
    const table = ctx.builder.table(q);
    if (table === undefined || made.has(q.name)) continue;
    table.changedUnseenBy ??= what;
    keepBeforeBlock(ctx, q, true);
    keepReferencingKeysBeforeCall(ctx, q);
    any = true;
  }
  return any;
}

/** The relations `DROP TABLE [IF EXISTS] a, s.b` statements in code's text name, resolved. */
function droppedTables(ctx: DdlContext, body: string): QualifiedName[] {
  return [...body.matchAll(DROPPED_TABLES)].flatMap((match) =>
    [...(match[1] ?? '').matchAll(new RegExp(NAME, 'g'))].map((written) => writtenRelation(ctx, written[0])),
  );
}

/**
 * The foreign keys of other tables that reference a table kept code drops: `DROP TABLE ... CASCADE` drops them
 * with it, so they are made before the call (on tables still without rows) as the DDL made them, and leave the
 * model (a column of one takes its own values: the loaded database keeps no such key). Written post-data, they
 * named a table the call had dropped, and the load stopped there.
 */
function keepReferencingKeysBeforeCall(ctx: DdlContext, q: QualifiedName): void {
  const dropped = (s: { group: number; desc: string; tables: readonly QualifiedName[] }) =>
    s.group === 3 &&
    s.desc === 'FK CONSTRAINT' &&
    s.tables[1] !== undefined &&
    nameKey(s.tables[1]) === nameKey(q) &&
    (s.tables[0] === undefined || nameKey(s.tables[0]) !== nameKey(q));
  ctx.out.moveHere((s) => (dropped(s) ? { ...s, group: 0 } : undefined));
  for (const table of ctx.builder.tables.values()) {
    if (nameKey(table) === nameKey(q)) continue;
    table.foreignKeys = table.foreignKeys.filter((fk) => nameKey(fk.references) !== nameKey(q));
  }
}

/** A relation name as a DO block's text writes it (quoted, or folded to lower case), resolved. */
export function writtenRelation(ctx: DdlContext, written: string): QualifiedName {
  const parts = written.split(/\s*\.\s*/).map((p) => (p.startsWith('"') ? p.slice(1, -1) : p.toLowerCase()));
  const relname = parts.at(-1) ?? '';
  return ctx.resolveRelation(parts.length >= 2 ? { schemaname: parts[0] ?? '', relname } : { relname });
}

/**
 * A table's keys and indexes so far stay before the block (as written): the block may drop or rename what
 * they name. Its foreign keys stay post-data, after the keys they reference. `withTriggers`: its triggers,
 * rules and policies too (a table without rows: none fire on a load).
 */
export function keepBeforeBlock(ctx: DdlContext, q: QualifiedName, withTriggers = false): void {
  if (withTriggers) keepForeignKeysBeforeBlock(ctx, q);
  // Moved to just before the block: a rename since they were written (`ALTER TABLE a RENAME TO b`) has
  // rewritten them to the new name, which is the table's name only from the rename on.
  ctx.out.moveHere((s) =>
    (s.group === 1 || s.group === 2 || (withTriggers && s.group === 4)) &&
    s.tables[0] !== undefined &&
    nameKey(s.tables[0]) === nameKey(q)
      ? { ...s, group: 0 }
      : undefined,
  );
}

/**
 * A table the block changes unseen (gets no rows): its own foreign keys stay before the block too, after the
 * keys they reference, since the block may drop or rename the table (graph-node's remove_public_deployments()
 * drops entity_history, whose foreign key to event_meta_data then named no table post-data). One to the table
 * itself follows the table's own keys (TEKSI wastewater's `organisation.fk_dataowner` to `organisation(obj_id)`,
 * which PostgreSQL refused before its primary key).
 */
function keepForeignKeysBeforeBlock(ctx: DdlContext, q: QualifiedName): void {
  const own = (s: { group: number; desc: string; tables: readonly QualifiedName[] }) =>
    s.group === 3 &&
    s.desc === 'FK CONSTRAINT' &&
    s.tables[0] !== undefined &&
    nameKey(s.tables[0]) === nameKey(q);
  const referenced = new Map<string, QualifiedName>();
  ctx.out.update((s) => {
    if (!own(s)) return undefined;
    // A foreign key to its own table names the table once (`tables` holds no second name).
    const to = s.tables[1] ?? q;
    referenced.set(nameKey(to), to);
    return undefined;
  });
  for (const to of referenced.values()) keepBeforeBlock(ctx, to);
  ctx.out.moveHere((s) => (own(s) ? { ...s, group: 0 } : undefined));
}

/** The words that begin DDL (or run it) in code's text. */
const DDL_WORD = /\b(?:create|alter|drop|comment\s+on|grant|revoke|truncate|security\s+label|execute)\b/gi;
const IDENT = String.raw`(?:"[^"]+"|[\w$]+)`;
/**
 * What each DDL word begins in code that only renames: `ALTER TABLE [IF EXISTS] [ONLY] t RENAME CONSTRAINT a
 * TO b`, `ALTER INDEX [IF EXISTS] i RENAME TO j`, or an `EXECUTE` of a string constant that is an ALTER.
 */
const RENAME_ONLY = new RegExp(
  String.raw`^(?:alter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?${NAME}\s+rename\s+constraint\s+${IDENT}\s+to\s+${IDENT}|alter\s+index\s+(?:if\s+exists\s+)?${NAME}\s+rename\s+to\s+${IDENT}|execute\s+'\s*alter\s)`,
  'i',
);

/** Whether code's text runs DDL, all of it renames of constraints and indexes (Formbricks' guarded renames). */
function onlyRenames(body: string): boolean {
  const words = [...body.matchAll(DDL_WORD)];
  return words.length > 0 && words.every((m) => RENAME_ONLY.test(body.slice(m.index)));
}

/**
 * The warning for a DO block kept as written that runs DDL: one that only renames constraints and indexes
 * makes nothing and changes no table's rows (`markTablesChangedByDo` follows a constraint's rename and keeps a
 * renamed index before it); any other makes or changes what datagen cannot see.
 */
export function keptDoBlockWarning(where: string, effects: RoutineEffects): string {
  if (!effects.writes && effects.bodies.every(onlyRenames))
    return `DO block at ${where} only renames constraints or indexes (ALTER TABLE ... RENAME CONSTRAINT, ALTER INDEX ... RENAME TO): it makes nothing and every table keeps its rows; it is kept as written and renames them where the output loads (a constraint is written by its new name already)`;
  return `DO block at ${where}: the objects it creates (or changes) cannot be seen by datagen and get no data; it is kept as written. Write them as plain DDL for datagen to generate their rows`;
}
