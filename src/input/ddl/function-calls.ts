/**
 * Top-level SELECT / CALL statements that run functions the DDL defines:
 * kept (their objects unseen, warned) or left out when they only write rows.
 */
import type { Node } from 'libpg-query';
import { formatLocation, type SourceLocation, type Warning } from '../../errors.js';
import type { QualifiedName } from '../../schema/model.js';
import { displayName, nameKey } from '../../schema/names.js';
import { stringsOf, walkAst } from './ast.js';
import type { DdlCall, DdlContext, RoutineEffects, SourceStatement } from './ddl-context.js';
import { markTablesAlteredByCall, markTablesDroppedByCode, writtenRelation } from './do-blocks.js';
import { keptCallDdl } from './dynamic-ddl.js';
import { NO_EFFECTS, onlyChecks, tableChecked, withCalledRoutines } from './routines.js';
import { objectKey } from './statement-list.js';

/**
 * A top-level SELECT / CALL of functions the DDL defines. One that only
 * writes rows (INSERT/UPDATE/DELETE in its body) is left out, as INSERT
 * statements are: its rows would load before datagen's and collide with
 * them. Otherwise it is kept, with a warning that objects it creates get no
 * data.
 */
export function userFunctionCalls(ctx: DdlContext, stmt: SourceStatement): 'keep' | 'leave out' {
  const called = new Map<string, RoutineEffects>();
  // The bare names of the routines it runs (a later DROP or CREATE OR REPLACE of one depends on the call).
  const routines = new Set<string>();
  const args: string[] = [];
  walkAst(stmt.node, (key, n) => {
    if (key !== 'FuncCall' && key !== 'funccall') return;
    for (const a of (n.args as Node[] | undefined) ?? []) {
      const value = stringArgument(a);
      if (value !== undefined) args.push(value);
    }
    const names = stringsOf(n.funcname as Node[] | undefined);
    const name = names.at(-1) ?? '';
    const schemas = names.length >= 2 ? [names.at(-2) ?? ''] : ctx.searchPath;
    const schema = schemas.find((s) => ctx.out.has(objectKey('function', s, name)));
    if (schema === undefined) return;
    routines.add(name);
    called.set(
      `${schema}.${name}()`,
      withCalledRoutines(ctx, ctx.routineEffects.get(`${schema}\u0000${name}`) ?? NO_EFFECTS),
    );
  });
  if (called.size === 0) return 'keep';
  const what = `${'CallStmt' in stmt.node ? 'CALL' : 'SELECT'} at ${formatLocation(stmt.location)} runs ${[...called.keys()].join(', ')}, defined in the DDL`;
  const effects = [...called.values()];
  const checked = effects.map((e) => tableChecked(ctx, e)).find((q) => q !== undefined);
  if (checked !== undefined && effects.every(onlyChecks)) {
    ctx.warn(
      'FUNCTION_CALL',
      `${what}, which only reads and reports (it makes, changes and writes nothing), reading ${displayName(checked)}: where the output would run it, before the data, that table holds none of the rows it checks (the DDL's INSERTs are left out), so it is left out, as queries are`,
      stmt.location,
    );
    return 'leave out';
  }
  if (effects.some((e) => e.writes) && !effects.some((e) => e.creates)) {
    ctx.warn(
      'FUNCTION_CALL',
      `${what}, which writes rows: it is left out, as INSERT statements are (its rows would collide with the generated ones). Run it after loading if its rows are needed (keys its tables' sequences give go on past the generated ones, but keys it writes itself may collide), or run the DDL with it first and fill that database with \`datagen generate -d DB --append\`, whose keys go around its rows`,
      stmt.location,
    );
    return 'leave out';
  }
  for (const name of effects.flatMap((e) => e.made)) ctx.madeByDo.add(name);
  // The model's tables it drops (graph-node's remove_public_deployments() drops public.entities): no rows.
  const runs = `${[...called.keys()].join(', ')} that the ${'CallStmt' in stmt.node ? 'CALL' : 'SELECT'} at ${formatLocation(stmt.location)} runs`;
  const made = new Set(effects.flatMap((e) => e.made));
  let drops = false;
  for (const body of new Set(effects.flatMap((e) => e.bodies)))
    if (markTablesDroppedByCode(ctx, runs, body, made)) drops = true;
  for (const body of new Set(effects.flatMap((e) => e.bodies))) markTablesAlteredByCall(ctx, runs, body);
  // What its EXECUTEs run where the call's arguments make their text (OHDSI WebAPI's rename_duplicate_names()
  // adds a UNIQUE by `format('ALTER TABLE %I.%I ADD CONSTRAINT ...')`): read as the body's own ALTERs are.
  for (const sql of keptCallDdl(ctx, stmt) ?? []) markTablesAlteredByCall(ctx, runs, sql);
  for (const schema of effects.flatMap((e) => e.schemas)) ctx.schemasMadeByCode.add(schema);
  const written = writtenTables(ctx, effects);
  if (written.length > 0) ctx.writingCalls.set(stmt.location, { runs, tables: written });
  ctx.runTimeTables.made(
    effects.flatMap((e) => e.runTimeSchemas),
    `${'CallStmt' in stmt.node ? 'CALL' : 'SELECT'} of ${[...called.keys()].join(', ')} at ${formatLocation(stmt.location)}`,
    { args, words: effects.flatMap((e) => e.runTimeWords) },
  );
  // A call that drops model tables stays where it is written: later DDL may rely on the drop (graph-node's
  // `DROP FUNCTION log_entity_event()` after remove_public_deployments() dropped the tables whose triggers use it).
  if (effects.some((e) => e.creates) && !drops) {
    ctx.ddlCalls.set(stmt.location, ddlCall(ctx, what, effects, [...routines]));
  }
  ctx.warn(
    'FUNCTION_CALL',
    `${what}: objects it creates cannot be seen by datagen and get no data (and rows it inserts load before datagen's); it is kept as written. Write those objects as plain DDL for datagen to generate their rows`,
    stmt.location,
  );
  return 'keep';
}

/** What never depends on a call written after the data: session settings, privileges (after the post-data too). */
const AFTER_CALLS = new Set(['SET', 'ACL', 'DEFAULT ACL']);

/**
 * A kept call of DDL routines, and the names a later statement that depends on it would hold: what its
 * code makes, and the routines it runs (a later `DROP FUNCTION` or `CREATE OR REPLACE` of one): those the
 * DDL defines, not every word its code writes before a parenthesis (`IN (`, `VALUES (`, `log (k)`).
 */
function ddlCall(
  ctx: DdlContext,
  what: string,
  effects: readonly RoutineEffects[],
  routines: readonly string[],
): DdlCall {
  const defined = new Set([...ctx.routineEffects.keys()].map((key) => key.slice(key.indexOf('\u0000') + 1)));
  const calls = effects.flatMap((e) => e.calls).filter((name) => defined.has(name));
  const names = [...routines, ...effects.flatMap((e) => [...e.made, ...e.schemas]), ...calls];
  const anyName = names.includes('*') || effects.some((e) => e.runTimeSchemas.length > 0);
  return { what, warning: ctx.warnings.length, makes: anyName ? null : [...new Set(names)] };
}

/**
 * Kept calls of DDL routines that no later statement may depend on are written after the data, as the
 * post-data's last step (pgMemento's `SELECT pgmemento.init('public')`): the DDL they run, which datagen
 * cannot see, then changes the loaded tables as it would a live database's. A column one adds gets its
 * DEFAULT in each row (an audit id from a sequence), the keys its code relies on (`ON CONFLICT`) are
 * there, and triggers it makes neither fire on the load nor write rows that collide with the generated
 * ones. A later statement depends on a call unless it is a session setting or privilege, or names (as a
 * word) none of the relations and schemas the call's routines are seen to make, where those are known
 * (no names built when it runs), and is no other kept call of DDL routines that stays.
 */
export function writeCallsAfterData(ctx: DdlContext): void {
  const moved = ctx.out.toPostDataEnd((s) => {
    const call = s.location === null ? undefined : ctx.ddlCalls.get(s.location);
    if (call === undefined) return undefined;
    const makes = call.makes?.map((name) => name.toLowerCase());
    return (later) => {
      if (AFTER_CALLS.has(later.desc)) return true;
      if (makes === undefined || (later.location !== null && ctx.ddlCalls.has(later.location))) return false;
      const words = new Set(later.sql.toLowerCase().split(/[^\w$]+/));
      return !makes.some((name) => words.has(name));
    };
  });
  const after = new Set(moved.map((s) => s.location));
  for (const [location, { runs, tables }] of ctx.writingCalls)
    if (!after.has(location)) keepWrittenTablesBeforeCall(ctx, location, runs, tables);
  for (const s of moved) {
    const call = s.location === null ? undefined : ctx.ddlCalls.get(s.location);
    const warning = call === undefined ? undefined : ctx.warnings[call.warning];
    if (call === undefined || warning?.code !== 'FUNCTION_CALL') continue;
    ctx.warnings[call.warning] = {
      ...warning,
      message: `${call.what}, which runs DDL datagen cannot see: it is written after the data, as the last of the post-data, so triggers it creates do not fire on the load, columns it adds get their DEFAULTs and objects it creates get no data. Write those objects as plain DDL for datagen to generate their rows`,
    };
  }
}

/** A call's string argument (`'v1_payload_wal'`, `'t'::text`): what a name the routine builds may be made of. */
function stringArgument(node: Node): string | undefined {
  const inner = 'TypeCast' in node ? node.TypeCast.arg : node;
  return inner !== undefined && 'A_Const' in inner ? inner.A_Const.sval?.sval : undefined;
}

const RELATION = String.raw`(?:"[^"]+"|[\w$]+)(?:\s*\.\s*(?:"[^"]+"|[\w$]+))?`;
/** `INSERT INTO t`, `UPDATE [ONLY] t`, `DELETE FROM t`, `MERGE INTO t`, `COPY t FROM` in code's text: t. */
const WRITTEN = new RegExp(
  String.raw`\b(?:insert\s+into|update(?:\s+only)?|delete\s+from|merge\s+into)\s+(${RELATION})|\bcopy\s+(${RELATION})\s+from\b`,
  'gi',
);

/** The model's tables code a kept call runs (its routines, those they name: trigger functions it attaches) writes. */
export function writtenTables(ctx: DdlContext, effects: readonly RoutineEffects[]): QualifiedName[] {
  const found = new Map<string, QualifiedName>();
  for (const body of new Set(effects.flatMap((e) => e.bodies)))
    for (const match of body.matchAll(WRITTEN)) {
      const q = writtenRelation(ctx, match[1] ?? match[2] ?? '');
      if (ctx.builder.table(q) !== undefined) found.set(nameKey(q), q);
    }
  return [...found.values()];
}

/**
 * A kept call that stays before the data and whose code writes rows of the model's tables (`INSERT ... ON
 * CONFLICT` into a log, triggers it makes that write rows as the data loads): each such table holds the rows
 * that code writes (from generator version 22 none of datagen's: `Table.rowsWrittenBy`), and its keys and
 * indexes are made before the call, where `ON CONFLICT` needs them and where they stop a row that collides.
 */
function keepWrittenTablesBeforeCall(
  ctx: DdlContext,
  location: SourceLocation,
  runs: string,
  tables: readonly QualifiedName[],
): void {
  for (const q of tables) {
    const table = ctx.builder.table(q);
    if (table === undefined || table.changedUnseenBy !== undefined) continue;
    table.rowsWrittenBy ??= runs;
    ctx.out.moveBefore(
      (s) => s.location === location,
      (s) =>
        (s.group === 1 || s.group === 2) && s.tables[0] !== undefined && nameKey(s.tables[0]) === nameKey(q)
          ? { ...s, group: 0 }
          : undefined,
    );
  }
}

/** `SELECT at f.sql:3:1 runs ...`: the statement's kind and place in a kept call's warning. */
const CALL_AT = /^(SELECT|CALL) at (\S+?):(\d+:\d+) (runs .*)$/s;

/**
 * Kept calls' warnings that differ only in the call's place (OHDSI WebAPI's eight `SELECT
 * webapi.rename_duplicate_names(...)`) said once, with every place: `8 SELECTs (at f.sql:9075:1, 9076:1,
 * …) run ...`. In place in `warnings`, where the first of them was.
 */
export function groupCallWarnings(warnings: Warning[]): void {
  const groups = new Map<string, { first: number; kind: string; places: string[] }>();
  const drop = new Set<number>();
  warnings.forEach((w, i) => {
    const match = w.code === 'FUNCTION_CALL' ? CALL_AT.exec(w.message) : null;
    if (match === null) return;
    const [, kind = '', file = '', place = '', rest = ''] = match;
    const key = `${kind}\u0000${file}\u0000${rest}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { first: i, kind, places: [`${file}:${place}`] });
    else {
      group.places.push(place);
      drop.add(i);
    }
  });
  for (const [key, { first, kind, places }] of groups) {
    const warning = warnings[first];
    if (places.length === 1 || warning === undefined) continue;
    const rest = key.slice(key.lastIndexOf('\u0000') + 1).replace(/^runs /, 'run ');
    warnings[first] = { ...warning, message: `${places.length} ${kind}s (at ${places.join(', ')}) ${rest}` };
  }
  const kept = warnings.filter((_, i) => !drop.has(i));
  warnings.splice(0, warnings.length, ...kept);
}
