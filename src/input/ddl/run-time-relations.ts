/**
 * Tables a kept DO block or a kept call of a DDL routine creates under a name
 * built when it runs (Evergreen's auditor: `EXECUTE 'CREATE TABLE auditor.'
 * || quote_ident(sch || '_' || tbl || '_history') || ...`, called as
 * `SELECT auditor.create_auditor('actor', 'usr')`; Hatchet's
 * `create_v1_hash_partitions('v1_payload_wal', 4)` making `v1_payload_wal_0`
 * to `_3`). The DDL cannot name them, so a later CREATE INDEX or ALTER TABLE
 * on a table of that schema the DDL never defines is kept as written (the
 * table exists at load time, without generated rows) where the name is one
 * the code can be shown to build: the call's string arguments, numbers
 * (a partition's index or date) and words of the code's string constants,
 * joined by `_`. One warning for them all. A statement on a name none of
 * that code builds (Hatchet's `LOCK TABLE v1_runs_olap_new`, a table a Go
 * migration makes) would stop the load there: it is left out, each one named
 * in one warning.
 */
import { formatLocation, type SourceLocation, type Warning } from '../../errors.js';
import type { QualifiedName } from '../../schema/model.js';
import { quoteQualified } from '../../schema/quote.js';

/**
 * `CREATE [UNLOGGED] TABLE [IF NOT EXISTS] [schema.]` followed by the end of a string (`'`, `$$`, `$tag$`),
 * a format placeholder (`%I`, `%s`) or a concatenation: the table's name is made when the code runs.
 */
const RUN_TIME_TABLE =
  /\bcreate\s+(?:unlogged\s+)?table\s+(?:if\s+not\s+exists\s+)?(?:("[^"]+"|[a-z_][\w]*)\s*\.\s*)?(?:\$[a-z_]*\$|'|%[sIL]|\|\|)/gi;

/**
 * The schemas (folded as PostgreSQL folds them; `*` where the schema too is made at run time) in which
 * code (a DO block's or a routine's body) creates tables under names made when it runs.
 */
export function runTimeTableSchemas(body: string): string[] {
  return [...body.matchAll(RUN_TIME_TABLE)].map((match) => {
    const schema = match[1];
    if (schema === undefined) return '*';
    return schema.startsWith('"') ? schema.slice(1, -1) : schema.toLowerCase();
  });
}

/** A string constant in code: `'...'` (`''` inside) or `$tag$...$tag$`. */
const STRING_CONSTANT = /'((?:[^']|'')*)'|\$([a-z_]*)\$([\s\S]*?)\$\2\$/gi;

/** The words (letters, folded) of code's string constants: what a name it builds at run time may be made of. */
export function stringConstantWords(body: string): string[] {
  const words = new Set<string>();
  for (const m of body.matchAll(STRING_CONSTANT))
    for (const w of (m[1] ?? m[3] ?? '').matchAll(/[a-z]+/gi)) words.add(w[0].toLowerCase());
  return [...words];
}

/** What names code that builds table names when it runs can be shown to build from. */
export interface RunTimeNameParts {
  /** The string arguments a call passes (`'v1_payload_wal'`). */
  readonly args: readonly string[];
  /** Words of the code's string constants (`stringConstantWords`). */
  readonly words: readonly string[];
}

/**
 * Whether `name` is pieces joined by `_`, each a call argument, a number, or a word of the code's strings
 * (`v1_payload_wal_0` from `'v1_payload_wal'`; `public_usr_history` from `'public'`, `'usr'` and `_history`).
 */
export function builtFrom(name: string, parts: RunTimeNameParts): boolean {
  const lower = name.toLowerCase();
  const args = parts.args.map((a) => a.toLowerCase()).filter((a) => a !== '');
  const words = new Set(parts.words);
  const reachable = new Set<number>([0]);
  for (let at = 0; at <= lower.length; at++) {
    if (!reachable.has(at)) continue;
    if (at === lower.length) return true;
    const next = (end: number) => {
      if (end === lower.length) reachable.add(end);
      else if (lower[end] === '_') reachable.add(end + 1);
    };
    for (const a of args) if (lower.startsWith(a, at)) next(at + a.length);
    const token = /^[a-z]+|^[0-9]+/.exec(lower.slice(at))?.[0];
    if (token !== undefined && (/^[0-9]/.test(token) || words.has(token))) next(at + token.length);
  }
  return false;
}

export interface RunTimeRelationLog {
  /** A kept block or call (`by`, as its warning names it) creates tables named at run time in these schemas. */
  made(schemas: readonly string[], by: string, parts: RunTimeNameParts): void;
  /** Whether a table the DDL never defines is shown to be one of them. */
  shows(table: QualifiedName): boolean;
  /** `shows`, and a statement kept on it (at `location`) is noted. */
  covers(table: QualifiedName, location: SourceLocation): boolean;
  /**
   * Whether a statement (`what`, at `location`) on a table the DDL never defines, in a schema such code makes
   * tables in under names it is not shown to build, is left out: noted for the warning.
   */
  leavesOut(table: QualifiedName, location: SourceLocation, what: string): boolean;
  warnings(): Warning[];
}

interface Maker {
  readonly by: string;
  readonly parts: RunTimeNameParts;
}

export function createRunTimeRelationLog(): RunTimeRelationLog {
  /** Schema (or `*`) → the blocks and calls that create run-time named tables there. */
  const makers = new Map<string, Maker[]>();
  const tables = new Map<string, { by: string }>();
  const leftOut: string[] = [];
  let firstLeftOut: SourceLocation | null = null;
  let first: SourceLocation | null = null;
  let statements = 0;
  const makersOf = (table: QualifiedName) => [
    ...(makers.get(table.schema) ?? []),
    ...(makers.get('*') ?? []),
  ];
  const makerOf = (table: QualifiedName) => makersOf(table).find((m) => builtFrom(table.name, m.parts));
  return {
    shows: (table) => makerOf(table) !== undefined,
    made(schemas, by, parts) {
      for (const schema of new Set(schemas))
        makers.set(schema, [...(makers.get(schema) ?? []), { by, parts }]);
    },
    covers(table, location) {
      const by = makerOf(table)?.by;
      if (by === undefined) return false;
      first ??= location;
      statements++;
      const name = quoteQualified(table);
      if (!tables.has(name)) tables.set(name, { by });
      return true;
    },
    leavesOut(table, location, what) {
      if (makersOf(table).length === 0) return false;
      firstLeftOut ??= location;
      leftOut.push(`${what} at ${formatLocation(location)}`);
      return true;
    },
    warnings() {
      const out: Warning[] = [];
      if (first !== null) out.push(keptWarning(first, statements, tables));
      if (firstLeftOut !== null) {
        const shown = leftOut.length > 8 ? [...leftOut.slice(0, 8), `${leftOut.length - 8} more`] : leftOut;
        out.push({
          code: 'RUN_TIME_TABLES',
          message: `left out ${leftOut.length === 1 ? 'a statement' : `${leftOut.length} statements`} on tables the DDL never defines, whose names none of the code that builds table names when it runs can be shown to build (from its arguments, numbers and the words of its strings), so PostgreSQL would refuse them and the load stop there: ${shown.join('; ')}. Write those tables' CREATE TABLE (or the migration that makes them, if it is not SQL) into the DDL to keep them`,
          where: formatLocation(firstLeftOut),
        });
      }
      return out;
    },
  };
}

function keptWarning(
  first: SourceLocation,
  statements: number,
  tables: Map<string, { by: string }>,
): Warning {
  const names = [...tables.keys()];
  const shown =
    names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
  const makersNamed = [...new Set([...tables.values()].map((t) => t.by))].join('; ');
  const where = formatLocation(first);
  return {
    code: 'RUN_TIME_TABLES',
    message: `${statements === 1 ? 'a statement' : `${statements} statements`} (the first at ${where}) ${statements === 1 ? 'is' : 'are'} on tables the DDL never defines (${shown}), which code that builds table names when it runs creates (${makersNamed}): kept as written, and those tables get no data. Write them as plain CREATE TABLE statements for datagen to generate their rows`,
    where,
  };
}
