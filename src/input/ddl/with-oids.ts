/**
 * Tables WITH OIDS, which PostgreSQL 12 removed: pg_dump before 12 wrote
 * `SET default_with_oids = true` ahead of such a table (and hand-written DDL
 * `WITH (OIDS=TRUE)`); a server of 12 or later refuses both ("tables declared
 * WITH OIDS are not supported"). The tables are made without the oid column,
 * as pg_restore 12 and later restores an older archive's.
 */
import type { CreateStmt, Node, VariableSetStmt } from 'libpg-query';
import { displayName } from '../../schema/names.js';
import { quoteIdent } from '../../schema/quote.js';
import { stringOf } from './ast.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';

/** The tag `SET default_with_oids = true` is counted under among the statements left out. */
export const WITH_OIDS_SETTING = 'SET default_with_oids = true';

/** A boolean setting's or option's value as PostgreSQL's parse_bool reads it (no value: true). */
function isTrue(value: Node | undefined): boolean {
  if (value === undefined) return true;
  if ('Integer' in value) return value.Integer.ival === 1;
  if ('Boolean' in value) return value.Boolean.boolval === true;
  if ('A_Const' in value) {
    const c = value.A_Const;
    if (c.ival !== undefined) return c.ival.ival === 1;
    if (c.boolval !== undefined) return c.boolval.boolval === true;
  }
  const text = stringOf(value) ?? ('A_Const' in value ? value.A_Const.sval?.sval : undefined);
  return text !== undefined && /^(t|tr|tru|true|y|ye|yes|on|1)$/i.test(text);
}

/** `SET default_with_oids = true`: a setting no server since 12 takes. */
export function isWithOidsSetting(set: VariableSetStmt): boolean {
  return set.name === 'default_with_oids' && (set.args ?? []).some((a) => isTrue(a));
}

/** Takes `oids = true` out of a CREATE TABLE's options, warned. True when it did (the statement is then written anew). */
export function takeOutOids(ctx: DdlContext, stmt: SourceStatement, rewritten: CreateStmt): boolean {
  const options = rewritten.options ?? [];
  const kept = options.filter(
    (o) => !('DefElem' in o && o.DefElem.defname === 'oids' && isTrue(o.DefElem.arg)),
  );
  if (kept.length === options.length) return false;
  if (kept.length > 0) rewritten.options = kept;
  else delete rewritten.options;
  const q = rewritten.relation ?? {};
  ctx.warn(
    'WITH_OIDS',
    `CREATE TABLE ${q.schemaname === undefined ? quoteIdent(q.relname ?? '') : displayName({ schema: q.schemaname, name: q.relname ?? '' })} WITH (OIDS=TRUE): PostgreSQL 12 and later have no tables WITH OIDS and refuse it; the table is written without the oid column, as pg_restore 12 and later restores it`,
    stmt.location,
  );
  return true;
}
