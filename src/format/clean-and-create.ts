/**
 * The parts of a plain script pg_dump writes for `-c/--clean`,
 * `--if-exists` and `-C/--create`: the DROP statements in reverse order
 * before anything is created, and the CREATE DATABASE + `\connect` prologue.
 */
import { dropStatementFor, splitTableTag } from '../archive/drop-statement.js';
import { walkAst } from '../input/ddl/ast-walk.js';
import type { DdlStatement, Schema } from '../schema/model.js';
import { quoteIdent } from '../schema/quote.js';

const DROP_KINDS =
  /^DROP (MATERIALIZED VIEW|FOREIGN TABLE|TEXT SEARCH CONFIGURATION|TEXT SEARCH DICTIONARY|TABLE|VIEW|SEQUENCE|TYPE|DOMAIN|INDEX|COLLATION|SCHEMA|EXTENSION|OPERATOR CLASS|OPERATOR FAMILY|OPERATOR|CAST|STATISTICS|PUBLICATION|FUNCTION|PROCEDURE|AGGREGATE|TRIGGER|RULE|POLICY|DATABASE) /;

/** A drop statement as `--if-exists` writes it (pg_backup_archiver.c's rewrite of dropStmt). */
export function withIfExists(drop: string): string {
  if (drop.startsWith('ALTER TABLE ')) {
    return `ALTER TABLE IF EXISTS ${drop.slice('ALTER TABLE '.length)}`.replace(
      / DROP CONSTRAINT /,
      ' DROP CONSTRAINT IF EXISTS ',
    );
  }
  return drop.replace(DROP_KINDS, 'DROP $1 IF EXISTS ');
}

/** Code the script runs after the data: a kept call or DO block (post-data's last step). */
const CODE_DESCS = new Set(['SELECT', 'CALL', 'DO']);

/**
 * A drop that takes along what it does not name: a constraint's or table's
 * drop with CASCADE. Code run after the data makes objects datagen cannot
 * see (ulogd2's `SELECT ulog2_add_foreign_keys()` adds foreign keys to
 * `mac`'s key), which would stop a second run's drop of what they depend on.
 */
function cascading(drop: string): string {
  if (!drop.startsWith('DROP TABLE ') && !/^ALTER TABLE .* DROP CONSTRAINT /.test(drop)) return drop;
  return `${drop.slice(0, -';\n'.length)} CASCADE;\n`;
}

/**
 * The TYPE and DOMAIN statements made after a table that has a column of
 * their type (a migration's `CREATE TYPE` then `ALTER TABLE t ADD COLUMN c
 * that_type`, Linkwarden's Prisma migrations): dropped in reverse order, each
 * comes before that table's drop, so it drops with CASCADE the column it
 * would otherwise wait for (the table's drop follows).
 */
function typesOfEarlierTables(schema: Schema): Set<DdlStatement> {
  const tableAt = new Map<string, number>();
  schema.statements.forEach((s, i) => {
    if (s.desc === 'TABLE' && s.namespace !== null) tableAt.set(`${s.namespace}.${s.tag}`, i);
  });
  const firstUse = new Map<string, number>();
  for (const t of schema.tables) {
    const at = tableAt.get(`${t.schema}.${t.name}`);
    if (at === undefined) continue;
    for (const c of t.columns) {
      const type = `${c.type.schema}.${c.type.name}`;
      firstUse.set(type, Math.min(firstUse.get(type) ?? at, at));
    }
  }
  const held = new Set<DdlStatement>();
  schema.statements.forEach((s, i) => {
    if ((s.desc !== 'TYPE' && s.desc !== 'DOMAIN') || s.namespace === null) return;
    if ((firstUse.get(`${s.namespace}.${s.dropTag ?? s.tag}`) ?? i) < i) held.add(s);
  });
  return held;
}

/** The sequences (`schema.name`, or a bare name where unqualified) a default's nextval() / currval() read. */
function sequencesRead(ast: unknown): string[] {
  const names: string[] = [];
  walkAst(ast, (key, n) => {
    if (key !== 'FuncCall') return;
    const fn = ((n.funcname as { String?: { sval?: string } }[] | undefined) ?? []).at(-1)?.String?.sval;
    if (fn !== 'nextval' && fn !== 'currval') return;
    let arg = (n.args as Record<string, Record<string, unknown>>[] | undefined)?.[0];
    while (arg?.TypeCast !== undefined) arg = arg.TypeCast.arg as typeof arg;
    const text = (arg?.A_Const?.sval as { sval?: string } | undefined)?.sval;
    if (text === undefined) return;
    const parts = [...text.matchAll(/"((?:[^"]|"")*)"|([^."]+)/g)].map((m) =>
      m[1] !== undefined ? m[1].replaceAll('""', '"') : (m[2] ?? '').toLowerCase(),
    );
    names.push(parts.join('.'));
  });
  return names;
}

/**
 * The SEQUENCE statements made after a table whose column's default reads the sequence, where no DEFAULT
 * statement of that column follows the sequence (a migration's `ALTER TABLE chains ADD COLUMN namespace text
 * DEFAULT 'chain' || currval('chains_id_seq')`, graph-node): dropped in reverse order, the sequence's drop
 * comes before the table's and is refused ("other objects depend on it"), so it drops the default with CASCADE.
 */
function sequencesOfEarlierDefaults(schema: Schema): Set<DdlStatement> {
  const at = (desc: string, ns: string, tag: string) =>
    schema.statements.findIndex((s) => s.desc === desc && s.namespace === ns && s.tag === tag);
  const held = new Set<DdlStatement>();
  schema.statements.forEach((s, i) => {
    if (s.desc !== 'SEQUENCE' || s.namespace === null) return;
    const names = new Set([`${s.namespace}.${s.tag}`, s.tag]);
    const read = schema.tables.some((t) => {
      const table = at('TABLE', t.schema, t.name);
      return (
        table >= 0 &&
        table < i &&
        t.columns.some(
          (c) =>
            c.default !== null &&
            sequencesRead(c.default.ast).some((name) => names.has(name)) &&
            at('DEFAULT', t.schema, `${t.name} ${c.name}`) < i,
        )
      );
    });
    if (read) held.add(s);
  });
  return held;
}

/**
 * The bare names of the indexes an `ALTER INDEX parent ATTACH PARTITION
 * child` attaches: each goes with its parent index's drop and has no drop of
 * its own (pg_dump's `parentidx`); dropped alone it is refused ("index ...
 * requires it"), as codefund's second run of its -c script was.
 */
function attachedIndexes(schema: Schema): Set<string> {
  const names = new Set<string>();
  for (const s of schema.statements) {
    if (s.desc !== 'INDEX ATTACH') continue;
    const child = /\bATTACH\s+PARTITION\s+(?:(?:"(?:[^"]|"")+"|[^\s."]+)\.)?("(?:[^"]|"")+"|[^\s.";]+)/i.exec(
      s.sql,
    )?.[1];
    if (child === undefined) continue;
    names.add(child.startsWith('"') ? child.slice(1, -1).replaceAll('""', '"') : child.toLowerCase());
  }
  return names;
}

/** A DEFAULT statement's column is the table's still (a later `DROP COLUMN` takes it, and its default, away). */
function columnStays(schema: Schema, s: DdlStatement): boolean {
  const split = splitTableTag(s);
  if (split === null) return true;
  const table = schema.tables.find((t) => t.schema === split.table.schema && t.name === split.table.name);
  return table === undefined || table.columns.some((c) => c.name === split.rest);
}

/** `schema.table column` of a DEFAULT statement. */
function columnOfDefault(s: DdlStatement): string {
  const split = splitTableTag(s);
  return split === null ? '' : `${split.table.schema}.${split.table.name} ${split.rest}`;
}

/** `schema.table column` of each column of a TYPE or DOMAIN statement's type (by its final name). */
function columnsOfType(schema: Schema, s: DdlStatement): string[] {
  const name = s.dropTag ?? s.tag;
  return schema.tables.flatMap((t) =>
    t.columns
      .filter((c) => c.type.schema === s.namespace && c.type.name === name)
      .map((c) => `${t.schema}.${t.name} ${c.name}`),
  );
}

/** `-c`: every object's drop, post-data first, each section in reverse (as pg_dump orders them). */
export function dropStatements(schema: Schema, ifExists: boolean, keep: (desc: string) => boolean): string {
  const codeAfterData = schema.statements.some((s) => s.section === 'post-data' && CODE_DESCS.has(s.desc));
  const laterTypes = typesOfEarlierTables(schema);
  const laterSequences = sequencesOfEarlierDefaults(schema);
  const attached = attachedIndexes(schema);
  const drops: string[] = [];
  // Columns a type's drop with CASCADE took along: an older DEFAULT of one has no column to drop from.
  const gone = new Set<string>();
  for (const section of ['post-data', 'pre-data'] as const) {
    const statements = schema.statements.filter((s) => s.section === section && keep(s.desc));
    for (const s of statements.reverse()) {
      if (s.desc === 'INDEX' && attached.has(s.tag)) continue;
      if (s.desc === 'DEFAULT' && (!columnStays(schema, s) || gone.has(columnOfDefault(s)))) continue;
      let drop = dropStatementFor(s);
      if (drop === null) continue;
      if (ifExists) drop = withIfExists(drop);
      if (laterTypes.has(s) || laterSequences.has(s)) drop = `${drop.slice(0, -';\n'.length)} CASCADE;\n`;
      if (laterTypes.has(s)) for (const column of columnsOfType(schema, s)) gone.add(column);
      drops.push(codeAfterData ? cascading(drop) : drop);
    }
  }
  return drops.join('');
}

/** psql's `\connect` to a database by name (pg_dump's appendPsqlMetaConnect). */
export function connectMetaCommand(name: string): string {
  if (/^[a-z_][a-z0-9_]*$/.test(name)) return `\\connect ${name}\n`;
  const conninfo = `dbname='${name.replace(/[\\']/g, '\\$&')}'`;
  return `\\connect -reuse-previous=on "${conninfo.replaceAll('"', '""')}"\n`;
}

/** `-C`: the database made and connected to (dropped first with `-c`). */
export function createDatabasePrologue(name: string, clean: boolean, ifExists: boolean): string {
  const ident = quoteIdent(name);
  const drop = clean ? `DROP DATABASE ${ifExists ? 'IF EXISTS ' : ''}${ident};\n` : '';
  const comment = `--\n-- Name: ${name.replace(/[\r\n]/g, ' ')}; Type: DATABASE; Schema: -\n--\n\n`;
  return `${drop}${comment}CREATE DATABASE ${ident} WITH TEMPLATE = template0 ENCODING = 'UTF8';\n\n\n${connectMetaCommand(name)}\n`;
}
