/**
 * The `dropStmt` pg_dump stores with each TOC entry (used by `pg_restore
 * --clean`), and the catalog each kind of object lives in (shown by `-l`).
 *
 * pg_restore also reads the dropStmt: it emits `ALTER … OWNER TO` only when
 * both owner and dropStmt are set, and for functions it takes the object's
 * signature from the text after "DROP ". Kinds not listed get no dropStmt,
 * so pg_restore never has to guess how to set their owner.
 */
import type { DdlStatement, QualifiedName } from '../schema/model.js';
import { quoteIdent, quoteQualified } from '../schema/quote.js';

const SIMPLE_DROPS: Record<string, string> = {
  TABLE: 'TABLE',
  VIEW: 'VIEW',
  'MATERIALIZED VIEW': 'MATERIALIZED VIEW',
  'FOREIGN TABLE': 'FOREIGN TABLE',
  SEQUENCE: 'SEQUENCE',
  TYPE: 'TYPE',
  DOMAIN: 'DOMAIN',
  INDEX: 'INDEX',
  COLLATION: 'COLLATION',
  STATISTICS: 'STATISTICS',
  'TEXT SEARCH CONFIGURATION': 'TEXT SEARCH CONFIGURATION',
  'TEXT SEARCH DICTIONARY': 'TEXT SEARCH DICTIONARY',
};

const ON_TABLE_DROPS = new Set(['TRIGGER', 'RULE', 'POLICY']);
const CONSTRAINT_DESCS = new Set(['CONSTRAINT', 'FK CONSTRAINT', 'CHECK CONSTRAINT']);
const ROUTINE_DESCS = new Set(['FUNCTION', 'PROCEDURE', 'AGGREGATE']);

/** pg_class, pg_namespace, … OIDs pg_dump shows as an entry's tableoid. */
const CATALOG_OIDS: Record<string, number> = {
  SCHEMA: 2615,
  EXTENSION: 3079,
  TABLE: 1259,
  VIEW: 1259,
  'MATERIALIZED VIEW': 1259,
  'FOREIGN TABLE': 1259,
  SEQUENCE: 1259,
  INDEX: 1259,
  TYPE: 1247,
  DOMAIN: 1247,
  FUNCTION: 1255,
  PROCEDURE: 1255,
  AGGREGATE: 1255,
  DEFAULT: 2604,
  CONSTRAINT: 2606,
  'FK CONSTRAINT': 2606,
  'CHECK CONSTRAINT': 2606,
  TRIGGER: 2620,
  RULE: 2618,
  POLICY: 3256,
  PUBLICATION: 6104,
  'PUBLICATION TABLE': 6106,
  'PUBLICATION TABLES IN SCHEMA': 6237,
  COLLATION: 3456,
  OPERATOR: 2617,
  CAST: 2605,
  'OPERATOR CLASS': 2616,
  'OPERATOR FAMILY': 2753,
  STATISTICS: 3381,
  'EVENT TRIGGER': 3466,
  ACL: 0,
};

/** The catalog OID pg_dump would put in an entry of this kind (0 when it has none). */
export function catalogOidFor(desc: string): number {
  return CATALOG_OIDS[desc] ?? 0;
}

/**
 * The table a `table name` tag (constraints, triggers, defaults) belongs to,
 * and the part after it.
 */
export function splitTableTag(
  statement: Pick<DdlStatement, 'tag' | 'namespace' | 'tables'>,
): { table: QualifiedName; rest: string } | null {
  for (const table of statement.tables) {
    const prefix = `${table.name} `;
    if (
      statement.tag.startsWith(prefix) &&
      (statement.namespace === null || table.schema === statement.namespace)
    ) {
      return { table, rest: statement.tag.slice(prefix.length) };
    }
  }
  return null;
}

/** The DROP SQL for a statement's object, ending in `;\n`, or null when pg_dump has none for it. */
export function dropStatementFor(statement: DdlStatement): string | null {
  const { desc, namespace: ns, tag } = statement;
  if (desc === 'SCHEMA') return `DROP SCHEMA ${quoteIdent(tag)};\n`;
  if (desc === 'EXTENSION') return `DROP EXTENSION ${quoteIdent(tag)};\n`;
  if (desc === 'PUBLICATION') return `DROP PUBLICATION ${quoteIdent(tag)};\n`;
  // Tagged `CAST (integer AS app.money2)`, as pg_dump's dropStmt names it.
  if (desc === 'CAST' && tag.startsWith('CAST (')) return `DROP ${tag};\n`;
  if (ns === null) return null;
  // pg_dump's `DROP OPERATOR CLASS app.abs_ops USING btree`: the access method is its CREATE's first USING.
  if (desc === 'OPERATOR CLASS' || desc === 'OPERATOR FAMILY') {
    const am = /\bUSING\s+([A-Za-z_][\w$]*|"(?:[^"]|"")+")/i.exec(statement.sql)?.[1];
    if (am === undefined) return null;
    return `DROP ${desc} ${quoteQualified({ schema: ns, name: tag })} USING ${am};\n`;
  }
  // An identity sequence (`ALTER TABLE … ADD GENERATED … AS IDENTITY`) goes with its table, as in pg_dump.
  if (desc === 'SEQUENCE' && statement.sql.startsWith('ALTER TABLE ')) return null;
  const simple = SIMPLE_DROPS[desc];
  const name = statement.dropTag ?? tag;
  if (simple !== undefined) return `DROP ${simple} ${quoteQualified({ schema: ns, name })};\n`;
  if (desc === 'OPERATOR') {
    // An operator name is never quoted.
    return statement.arguments === undefined
      ? null
      : `DROP OPERATOR ${quoteIdent(ns)}.${tag}${statement.arguments};\n`;
  }
  if (ROUTINE_DESCS.has(desc)) {
    // Tag is `name(argument types)`, as pg_dump writes it.
    const paren = tag.indexOf('(');
    if (paren <= 0) return null;
    return `DROP ${desc} ${quoteIdent(ns)}.${quoteIdent(tag.slice(0, paren))}${tag.slice(paren)};\n`;
  }
  const split = splitTableTag(statement);
  if (split === null) return null;
  const table = quoteQualified(split.table);
  if (CONSTRAINT_DESCS.has(desc))
    return `ALTER TABLE ONLY ${table} DROP CONSTRAINT ${quoteIdent(split.rest)};\n`;
  if (ON_TABLE_DROPS.has(desc)) return `DROP ${desc} ${quoteIdent(split.rest)} ON ${table};\n`;
  if (desc === 'DEFAULT')
    return `ALTER TABLE ${table} ALTER COLUMN ${quoteIdent(split.rest)} DROP DEFAULT;\n`;
  return null;
}
