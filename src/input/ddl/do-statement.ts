/**
 * DO blocks (handle-statement.ts hands them here): the readings that make one its DDL, and what a block kept
 * as written is read to do.
 */
import type { Node } from 'libpg-query';
import { formatLocation } from '../../errors.js';
import { displayName } from '../../schema/names.js';
import { calledAlterNames } from './called-alter-names.js';
import { doBlockCode } from './code-sql.js';
import { readConditionalBlock } from './conditional-do.js';
import { constantDoStatements } from './constant-do.js';
import { addAsWritten, type DdlContext, type SourceStatement } from './ddl-context.js';
import { doBody, keptDoBlockWarning, markTablesChangedByDo } from './do-blocks.js';
import { doBlockLeftOutForMissing } from './do-required-relations.js';
import { markTablesAlteredDynamically } from './dynamic-alters.js';
import { plpgsqlOnlyWarning, readExceptionBlock } from './exception-do.js';
import { writtenTables } from './function-calls.js';
import { guardedStatements } from './guarded-do.js';
import { roleGuardedBlockSummary } from './role-guarded-do.js';
import { bodyEffects, onlyChecks, tableChecked, withCalledRoutines } from './routines.js';
import { releaseDependentNote } from './version-conditions.js';

/**
 * A DO block: read as the DDL it runs where it can be (guarded, conditional, under "exists already" handlers,
 * constant), left out where it only writes rows or checks, else kept as written and its effects read from its
 * code. `handle` reads a statement of it as the DDL's own.
 */
export function doBlock(
  ctx: DdlContext,
  stmt: SourceStatement,
  block: Extract<Node, { DoStmt: unknown }>['DoStmt'],
  handle: (statement: SourceStatement) => void,
): void {
  // A block that only guards plain DDL (drizzle-kit's `EXCEPTION WHEN duplicate_object`) is that DDL,
  // or nothing when its guard fires (an object it makes exists already).
  const guarded = guardedStatements(ctx, doBody(block), stmt);
  if (guarded !== undefined) {
    for (const inner of guarded) handle(inner);
    return;
  }
  // IF / ELSE on what the schema holds (information_schema, pg_type), nested: the branches taken.
  if (readConditionalBlock(ctx, doBody(block), stmt, handle)) return;
  if (ctx.readsExceptionBlocks === true && readExceptionDoBlock(ctx, stmt, doBody(block), handle)) return;
  // Constant DDL, EXECUTEd or plain, under handlers that only raise again (claircore's uuid-ossp): that DDL.
  const constant = constantDoStatements(ctx, doBody(block), stmt);
  if (constant !== undefined) {
    for (const inner of constant) handle(inner);
    return;
  }
  const effects = withCalledRoutines(ctx, bodyEffects(doBlockCode(ctx, doBody(block))));
  if (effects.writes && !effects.creates) {
    ctx.warn(
      'DO_BLOCK',
      `DO block at ${formatLocation(stmt.location)} writes rows: it is left out, as INSERT statements are (its rows would collide with the generated ones, or miss the UPDATEs left out). Run it after loading if its rows are needed`,
      stmt.location,
    );
    return;
  }
  const roles = roleGuardedBlockSummary(doBody(block));
  if (roles !== undefined) {
    ctx.warn(
      'DO_BLOCK',
      `DO block at ${formatLocation(stmt.location)}: ${roles}. Whether the role exists is decided on the server the output loads into, so the block is kept as written and runs there; it makes and changes no table, so the generated rows do not depend on it`,
      stmt.location,
    );
    addAsWritten(ctx, stmt, { desc: 'DO', namespace: null, tag: '' });
    return;
  }
  const checked = tableChecked(ctx, effects);
  if (checked !== undefined) {
    ctx.warn(
      'DO_BLOCK',
      `DO block at ${formatLocation(stmt.location)} only reads and reports (it makes, changes and writes nothing), reading ${displayName(checked)}: where the output would run it, before the data, that table holds none of the rows it checks (the DDL's INSERTs are left out), so it is left out, as queries are`,
      stmt.location,
    );
    return;
  }
  if (onlyChecks(effects)) {
    ctx.warn(
      'DO_BLOCK',
      `DO block at ${formatLocation(stmt.location)} only reads and reports (it makes, changes and writes nothing, and calls only built-in functions): it is kept as written and runs where the output loads, so a check it raises an error on stops the load there`,
      stmt.location,
    );
    addAsWritten(ctx, stmt, { desc: 'DO', namespace: null, tag: '' });
    return;
  }
  if (doBlockLeftOutForMissing(ctx, stmt, doBody(block))) return;
  markTablesChangedByDo(ctx, stmt, block);
  const own = doBlockCode(ctx, doBody(block)).text;
  markTablesAlteredDynamically(ctx, stmt, own);
  // The routines it runs (`PERFORM f('t')`), whose ALTERs name their table only when they run.
  const named = calledAlterNames(ctx, doBody(block));
  for (const body of effects.bodies)
    if (body !== own) markTablesAlteredDynamically(ctx, stmt, body, true, named.get(body));
  // Tables the routines it runs write (the audit triggers QWAT's activate_audit_tables() attaches write
  // logged_actions as the data loads) hold their rows, not datagen's, as a kept SELECT's do.
  const written = writtenTables(ctx, [{ ...effects, bodies: effects.bodies.filter((b) => b !== own) }]);
  if (written.length > 0)
    ctx.writingCalls.set(stmt.location, {
      runs: `routines the DO block at ${formatLocation(stmt.location)} runs`,
      tables: written,
    });
  for (const schema of effects.schemas) ctx.schemasMadeByCode.add(schema);
  ctx.runTimeTables.made(effects.runTimeSchemas, `DO block at ${formatLocation(stmt.location)}`, {
    args: [],
    words: effects.runTimeWords,
  });
  const where = formatLocation(stmt.location);
  const release = ctx.readsConstantLoops === true ? releaseDependentNote(doBody(block)) : undefined;
  const warning =
    plpgsqlOnlyWarning(where, doBody(block)) ??
    (release === undefined ? keptDoBlockWarning(where, effects) : `DO block at ${where}: ${release}`);
  ctx.warn('DO_BLOCK', warning, stmt.location);
  addAsWritten(ctx, stmt, { desc: 'DO', namespace: null, tag: '' });
}

/**
 * A block of plain DDL in nested `BEGIN … EXCEPTION WHEN <exists already>` blocks, beside row migrations
 * (exception-do.ts, from generator version 24): its DDL read as if written plainly. True when read.
 */
function readExceptionDoBlock(
  ctx: DdlContext,
  stmt: SourceStatement,
  body: string,
  handle: (statement: SourceStatement) => void,
): boolean {
  const read = readExceptionBlock(ctx, body, stmt, handle);
  if (read?.rowsLeftOut === true)
    ctx.warn(
      'DO_BLOCK',
      `DO block at ${formatLocation(stmt.location)}: read as the DDL it runs (a part under EXCEPTION WHEN duplicate_... left out where its object is there already); the rows it reads and writes are left out, as INSERT statements are`,
      stmt.location,
    );
  return read !== undefined;
}
