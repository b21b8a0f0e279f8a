/**
 * Tables a kept DO block or a kept call of a DDL routine creates under a name
 * built when it runs (Evergreen's auditor: `EXECUTE 'CREATE TABLE auditor.'
 * || quote_ident(sch || '_' || tbl || '_history') || ...`, called as
 * `SELECT auditor.create_auditor('actor', 'usr')`). The DDL cannot name
 * them, so a later CREATE INDEX or ALTER TABLE on a table of that schema the
 * DDL never defines is kept as written (the table exists at load time,
 * without generated rows) instead of refusing the run, with one warning for
 * them all.
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

export interface RunTimeRelationLog {
  /** A kept block or call (`by`, as its warning names it) creates tables named at run time in these schemas. */
  made(schemas: readonly string[], by: string): void;
  /** Whether a table the DDL never defines may be one of them; a statement kept on it (at `location`) is noted. */
  covers(table: QualifiedName, location: SourceLocation): boolean;
  warning(): Warning | null;
}

export function createRunTimeRelationLog(): RunTimeRelationLog {
  /** Schema (or `*`) → the first block or call that creates run-time named tables there. */
  const makers = new Map<string, string>();
  const tables = new Map<string, { by: string }>();
  let first: SourceLocation | null = null;
  let statements = 0;
  return {
    made(schemas, by) {
      for (const schema of schemas) if (!makers.has(schema)) makers.set(schema, by);
    },
    covers(table, location) {
      const by = makers.get(table.schema) ?? makers.get('*');
      if (by === undefined) return false;
      first ??= location;
      statements++;
      const name = quoteQualified(table);
      if (!tables.has(name)) tables.set(name, { by });
      return true;
    },
    warning() {
      if (first === null) return null;
      const names = [...tables.keys()];
      const shown =
        names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
      const makersNamed = [...new Set([...tables.values()].map((t) => t.by))].join('; ');
      const where = formatLocation(first);
      return {
        code: 'RUN_TIME_TABLES',
        message: `${statements === 1 ? 'a statement' : `${statements} statements`} (the first at ${where}) ${statements === 1 ? 'is' : 'are'} on tables the DDL never defines (${shown}), which code that builds table names when it runs may create (${makersNamed}): kept as written, and those tables get no data. Write them as plain CREATE TABLE statements for datagen to generate their rows`,
        where,
      };
    },
  };
}
