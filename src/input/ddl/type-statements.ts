/**
 * User types: enums (and ALTER TYPE ... ADD VALUE), domains, composites, ranges.
 */
import type {
  AlterDomainStmt,
  AlterEnumStmt,
  AlterObjectSchemaStmt,
  CompositeTypeStmt,
  CreateDomainStmt,
  CreateEnumStmt,
  CreateRangeStmt,
} from 'libpg-query';
import type { CheckConstraint, DomainType, Expr, QualifiedName, TypeRef } from '../../schema/model.js';
import { defaultMultirangeName, displayName, nameKey } from '../../schema/names.js';
import { quoteIdent } from '../../schema/quote.js';
import { exprOf, listItems, stringOf } from './ast.js';
import { addAsWritten, type DdlContext, type SourceStatement } from './ddl-context.js';
import {
  domainCheckExpr,
  reportRefusedDomainCheck,
  reportRefusedDomainDefault,
  reportRefusedDomainType,
} from './domain-inputs.js';
import { referencesIn } from './references.js';
import { reportRefusedTypeTypmods, shownName } from './refused-typmods.js';
import { renameLabelInChecks } from './renamed-enum-labels.js';
import { objectKey, type StatementInput } from './statement-list.js';

function addTypeStatement(
  ctx: DdlContext,
  stmt: SourceStatement,
  desc: string,
  schema: string,
  name: string,
): StatementInput {
  return addAsWritten(ctx, stmt, {
    desc,
    namespace: schema,
    tag: name,
    creates: objectKey('type', schema, name),
    references: referencesIn(ctx, stmt.node),
  });
}

/**
 * A second CREATE of a type the DDL made (and did not drop): PostgreSQL
 * rejects it ("type already exists"), so the output would stop there too.
 */
function secondDefinition(ctx: DdlContext, stmt: SourceStatement, q: QualifiedName, what: string): void {
  const key = nameKey(q);
  if (ctx.builder.types.has(key) && !ctx.droppedTypes.has(key)) {
    ctx.builder.problems.push({
      location: stmt.location,
      message: `CREATE ${what} ${displayName(q)}: the type is already defined earlier in the DDL, and PostgreSQL rejects a second definition; remove one (or DROP it first)`,
    });
  } else if (ctx.builder.tables.has(key) || ctx.builder.views.has(key)) {
    ctx.builder.problems.push({
      location: stmt.location,
      message: `CREATE ${what} ${displayName(q)}: a table or view of that name is defined earlier in the DDL and has a row type of the same name, so PostgreSQL rejects the type ("type already exists"); rename one`,
    });
  }
  ctx.droppedTypes.delete(key);
}

/**
 * A table or view named like a type the DDL made (and did not drop): its row
 * type would take the type's name, and PostgreSQL rejects it ("type already
 * exists"), so the output would stop there too.
 */
export function relationNamedLikeType(
  ctx: DdlContext,
  stmt: SourceStatement,
  q: QualifiedName,
  what: string,
): void {
  const key = nameKey(q);
  if (!ctx.builder.types.has(key) || ctx.droppedTypes.has(key)) return;
  ctx.builder.problems.push({
    location: stmt.location,
    message: `CREATE ${what} ${displayName(q)}: a type of that name is defined earlier in the DDL, and the ${what.toLowerCase()}'s row type needs the name, so PostgreSQL rejects it ("type already exists"); rename one`,
  });
}

function createdTypeName(ctx: DdlContext, names: readonly string[]): { schema: string; name: string } {
  const name = names.at(-1) ?? '';
  return { schema: names.length >= 2 ? (names.at(-2) ?? '') : ctx.creationSchema(), name };
}

function svals(nodes: CreateEnumStmt['typeName']): string[] {
  return (nodes ?? []).map((n) => stringOf(n) ?? '');
}

/** PostgreSQL's NAMEDATALEN - 1: the longest enum label, in bytes. */
const MAX_LABEL_BYTES = 63;

/** A label PostgreSQL refuses (too long, or already a label of the type): a located problem. */
function badLabel(
  ctx: DdlContext,
  stmt: SourceStatement,
  type: string,
  label: string,
  taken: readonly string[],
): boolean {
  const bytes = Buffer.byteLength(label, 'utf8');
  const problem =
    bytes > MAX_LABEL_BYTES
      ? `enum ${type}: the label '${label}' is ${bytes} bytes; PostgreSQL allows at most ${MAX_LABEL_BYTES} (shorten it)`
      : taken.includes(label)
        ? `enum ${type}: the label '${label}' is given twice; PostgreSQL refuses a repeated label (remove one)`
        : undefined;
  if (problem !== undefined) ctx.builder.problems.push({ location: stmt.location, message: problem });
  return problem !== undefined;
}

export function createEnum(ctx: DdlContext, stmt: SourceStatement, node: CreateEnumStmt): void {
  const q = createdTypeName(ctx, svals(node.typeName));
  secondDefinition(ctx, stmt, q, 'TYPE');
  const values = svals(node.vals);
  for (const [i, label] of values.entries()) badLabel(ctx, stmt, displayName(q), label, values.slice(0, i));
  const created = { kind: 'enum' as const, ...q, values };
  ctx.builder.types.set(nameKey(q), created);
  creatorOf.set(created, {
    statement: addTypeStatement(ctx, stmt, 'TYPE', q.schema, q.name),
    written: values,
  });
}

export function alterEnum(ctx: DdlContext, stmt: SourceStatement, node: AlterEnumStmt): void {
  const q = ctx.typeName(node.typeName);
  const type = ctx.builder.types.get(nameKey(q));
  if (type?.kind === 'enum') {
    const values = [...type.values];
    const name = displayName(q);
    const creation = creatorOf.get(type);
    let added: { label: string; at: number } | undefined;
    if (node.oldVal !== undefined && node.newVal !== undefined) {
      const at = values.indexOf(node.oldVal);
      if (at >= 0 && !badLabel(ctx, stmt, name, node.newVal, values)) {
        values[at] = node.newVal;
        renameLabelInChecks(ctx.builder, q, node.oldVal, node.newVal);
      }
    } else if (
      node.newVal !== undefined &&
      !(node.skipIfNewValExists === true && values.includes(node.newVal)) &&
      !badLabel(ctx, stmt, name, node.newVal, values)
    ) {
      const neighbour = node.newValNeighbor === undefined ? -1 : values.indexOf(node.newValNeighbor);
      const at = neighbour < 0 ? values.length : node.newValIsAfter === true ? neighbour + 1 : neighbour;
      values.splice(at, 0, node.newVal);
      added = { label: node.newVal, at };
    }
    const altered = { ...type, values };
    ctx.builder.types.set(nameKey(q), altered);
    const noOp = node.oldVal === undefined && added === undefined;
    if (creation !== undefined && added === undefined) {
      creatorOf.set(altered, creation);
      // ADD VALUE IF NOT EXISTS of a label the CREATE TYPE holds: nothing to write.
      if (noOp) return;
    }
    if (creation !== undefined && added !== undefined) {
      // Not folded (a label a rename freed, or the CREATE TYPE dropped): later labels stay ALTERs too.
      const folded = foldIntoCreation(ctx, creation, added);
      if (folded !== undefined) {
        creatorOf.set(altered, folded);
        return;
      }
    }
  } else {
    ctx.warn(
      'UNKNOWN_TYPE',
      `ALTER TYPE ${displayName(q)}: the enum is not defined in the DDL`,
      stmt.location,
      { type: q.name },
    );
  }
  addAsWritten(ctx, stmt, {
    desc: 'TYPE',
    namespace: q.schema,
    tag: q.name,
  });
}

/**
 * An enum created by this DDL gets its added labels in its CREATE TYPE, as
 * pg_dump writes an enum (never ALTER TYPE ... ADD VALUE): a label added in
 * the transaction that uses it is refused ("unsafe use of new value"), so a
 * script loaded with psql -1, pg_restore -1 or a direct load creating the
 * schema would fail. A RENAME VALUE is not folded: a default, CHECK or view
 * written before it may use the old label. The CREATE TYPE's labels are
 * those it was written with (renames not applied), so an added label is
 * placed by position; one that a rename freed (added back under an old
 * name) cannot be (the CREATE TYPE holds it already) and stays an ALTER.
 * Returns the folded creation, or undefined when the ADD VALUE stays.
 */
function foldIntoCreation(
  ctx: DdlContext,
  creation: EnumCreation,
  added: { readonly label: string; readonly at: number },
): EnumCreation | undefined {
  if (creation.written.includes(added.label)) return undefined;
  const written = [...creation.written];
  written.splice(added.at, 0, added.label);
  const labels = written.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ');
  const list = /\bAS\s+ENUM\s*\([\s\S]*\)\s*$/i;
  if (!list.test(creation.statement.sql)) return undefined;
  let folded: StatementInput | undefined;
  ctx.out.update((input) => {
    if (input !== creation.statement) return undefined;
    folded = { ...input, sql: input.sql.replace(list, `AS ENUM (${labels})`) };
    return folded;
  });
  // Undefined when the statement is gone (a later DROP TYPE took it out).
  return folded === undefined ? undefined : { statement: folded, written };
}

/** An enum's CREATE TYPE and the labels it is written with (position for position with the model's). */
interface EnumCreation {
  readonly statement: StatementInput;
  readonly written: readonly string[];
}

/**
 * The statement that made each enum with CREATE TYPE,
 * followed through ADD/RENAME VALUE and renames of the type (Prisma renames
 * a new type into the old one's name, then adds labels to it).
 */
const creatorOf = new WeakMap<object, EnumCreation>();

/** ALTER TYPE t RENAME TO u of an enum: the renamed definition keeps its creating statement. */
export function followEnumRename(before: object, after: object): void {
  const creation = creatorOf.get(before);
  if (creation !== undefined) creatorOf.set(after, creation);
}

/** A renamed enum's creating statement, as the statement list holds it now (a copy with its `-c` name: dropTag). */
export function restateEnumCreation(definition: object, from: StatementInput, to: StatementInput): void {
  const creation = creatorOf.get(definition);
  if (creation?.statement === from) creatorOf.set(definition, { ...creation, statement: to });
}

export function createDomain(ctx: DdlContext, stmt: SourceStatement, node: CreateDomainStmt): void {
  const q = createdTypeName(ctx, svals(node.domainname));
  secondDefinition(ctx, stmt, q, 'DOMAIN');
  const baseType = node.typeName === undefined ? null : ctx.typeRef(node.typeName, stmt.location).type;
  if (baseType !== null) reportRefusedDomainType(ctx, stmt, q, baseType, node.typeName?.location);
  let notNull = false;
  let defaultExpr: Expr | null = null;
  const checks: CheckConstraint[] = [];
  for (const c of node.constraints ?? []) {
    if (!('Constraint' in c)) continue;
    const con = c.Constraint;
    if (con.contype === 'CONSTR_NOTNULL') notNull = true;
    else if (con.contype === 'CONSTR_DEFAULT' && con.raw_expr !== undefined) {
      defaultExpr = exprOf(con.raw_expr);
      if (baseType !== null) reportRefusedDomainDefault(ctx, stmt, q, baseType, con.raw_expr);
    } else if (con.contype === 'CONSTR_CHECK' && con.raw_expr !== undefined) {
      const name = con.conname ?? ctx.names.chooseConstraintName(q.schema, q.name, null, 'check');
      ctx.names.addConstraint(q.schema, name);
      if (baseType !== null)
        reportRefusedDomainCheck(ctx, stmt, q, baseType, {
          name,
          expr: con.raw_expr,
          location: con.location,
        });
      checks.push({
        kind: 'check',
        name,
        expr: baseType === null ? exprOf(con.raw_expr) : domainCheckExpr(ctx, baseType, con.raw_expr),
        noInherit: false,
        notValid: con.skip_validation === true,
      });
    }
  }
  if (baseType !== null) {
    const domain: DomainType = { kind: 'domain', ...q, baseType, notNull, default: defaultExpr, checks };
    ctx.builder.types.set(nameKey(q), domain);
  }
  addTypeStatement(ctx, stmt, 'DOMAIN', q.schema, q.name);
}

/**
 * ALTER DOMAIN: ADD / DROP CONSTRAINT, SET / DROP NOT NULL and SET / DROP
 * DEFAULT change the values the domain accepts; the statement is kept in place.
 */
export function alterDomain(ctx: DdlContext, stmt: SourceStatement, node: AlterDomainStmt): void {
  const q = ctx.typeName(node.typeName);
  const type = ctx.builder.types.get(nameKey(q));
  if (type?.kind !== 'domain') {
    if (node.missing_ok !== true) {
      ctx.builder.problems.push({
        location: stmt.location,
        message: `ALTER DOMAIN ${displayName(q)}: the domain is not defined in the DDL (add the CREATE DOMAIN before it)`,
      });
    }
  } else {
    const def = node.def;
    let changed: DomainType = type;
    switch (node.subtype) {
      case 'C': // ADD CONSTRAINT
        if (def !== undefined && 'Constraint' in def) {
          const con = def.Constraint;
          if (con.contype === 'CONSTR_NOTNULL') changed = { ...type, notNull: true };
          else if (con.contype === 'CONSTR_CHECK' && con.raw_expr !== undefined) {
            const name = con.conname ?? ctx.names.chooseConstraintName(q.schema, q.name, null, 'check');
            ctx.names.addConstraint(q.schema, name);
            reportRefusedDomainCheck(ctx, stmt, q, type.baseType, {
              name,
              expr: con.raw_expr,
              location: con.location,
            });
            const check: CheckConstraint = {
              kind: 'check',
              name,
              expr: domainCheckExpr(ctx, type.baseType, con.raw_expr),
              noInherit: false,
              notValid: con.skip_validation === true,
            };
            changed = { ...type, checks: [...type.checks, check] };
          }
        }
        break;
      case 'X': // DROP CONSTRAINT
        changed = { ...type, checks: type.checks.filter((c) => c.name !== node.name) };
        break;
      case 'N': // DROP NOT NULL
        changed = { ...type, notNull: false };
        break;
      case 'O': // SET NOT NULL
        changed = { ...type, notNull: true };
        break;
      case 'T': // SET / DROP DEFAULT
        if (def !== undefined) reportRefusedDomainDefault(ctx, stmt, q, type.baseType, def);
        changed = { ...type, default: def === undefined ? null : exprOf(def) };
        break;
      default:
        break;
    }
    ctx.builder.types.set(nameKey(q), changed);
  }
  addAsWritten(ctx, stmt, {
    desc: 'DOMAIN',
    namespace: q.schema,
    tag: q.name,
  });
}

export function createComposite(ctx: DdlContext, stmt: SourceStatement, node: CompositeTypeStmt): void {
  const q = ctx.createdName(node.typevar ?? {});
  secondDefinition(ctx, stmt, q, 'TYPE');
  const attributes = (node.coldeflist ?? []).flatMap((c) => {
    if (!('ColumnDef' in c) || c.ColumnDef.typeName === undefined) return [];
    const name = c.ColumnDef.colname ?? '';
    const type = ctx.typeRef(c.ColumnDef.typeName, stmt.location).type;
    const what = `attribute ${shownName(q)}.${quoteIdent(name)}`;
    reportRefusedTypeTypmods(ctx, what, type, stmt.at(c.ColumnDef.typeName.location));
    return [{ name, type }];
  });
  ctx.builder.types.set(nameKey(q), { kind: 'composite', ...q, attributes });
  ctx.names.addRelation(q.schema, q.name);
  addTypeStatement(ctx, stmt, 'TYPE', q.schema, q.name);
}

export function createRange(ctx: DdlContext, stmt: SourceStatement, node: CreateRangeStmt): void {
  const q = createdTypeName(ctx, svals(node.typeName));
  secondDefinition(ctx, stmt, q, 'TYPE');
  let subtype: TypeRef | undefined;
  // PostgreSQL's default: `floatrange` → `floatmultirange`, `r` → `r_multirange`, in the range's schema.
  let multirange: QualifiedName = { schema: q.schema, name: defaultMultirangeName(q.name) };
  for (const p of node.params ?? []) {
    if (!('DefElem' in p) || p.DefElem.arg === undefined) continue;
    const arg = p.DefElem.arg;
    if (p.DefElem.defname === 'subtype' && 'TypeName' in arg) {
      subtype = ctx.typeRef(arg.TypeName, stmt.location).type;
    } else if (p.DefElem.defname === 'multirange_type_name' && 'TypeName' in arg) {
      const names = svals(arg.TypeName.names);
      const name = names[names.length - 1];
      if (name !== undefined)
        multirange = { schema: names.length > 1 ? (names[names.length - 2] as string) : q.schema, name };
    }
  }
  if (subtype !== undefined) ctx.builder.types.set(nameKey(q), { kind: 'range', ...q, subtype, multirange });
  addTypeStatement(ctx, stmt, 'TYPE', q.schema, q.name);
}

/** `ALTER TYPE/DOMAIN t SET SCHEMA s` (not modelled): t's name is free again in its old schema. */
export function typeMovedAway(ctx: DdlContext, node: AlterObjectSchemaStmt): void {
  if (node.objectType !== 'OBJECT_TYPE' && node.objectType !== 'OBJECT_DOMAIN') return;
  const object = node.object;
  if (object === undefined) return;
  ctx.droppedTypes.add(
    nameKey(ctx.typeName('TypeName' in object ? object.TypeName.names : listItems(object))),
  );
}
