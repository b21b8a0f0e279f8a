/**
 * The schema model (IR): what every input produces and every later stage reads.
 *
 * Frozen, JSON-serialisable plain data with a `kind` tag on each node (the
 * kysely node pattern). Expressions (DEFAULT, CHECK, partial-index WHERE, …)
 * are kept both as the real parser's AST (libpg-query JSON) and as SQL text,
 * so the planner can compile the common shapes and outputs can print them.
 */
import type { SourceLocation } from '../errors.js';

/** A schema-qualified object name, exactly as PostgreSQL stores it (case preserved, unquoted). */
export interface QualifiedName {
  readonly schema: string;
  readonly name: string;
}

/** A parsed SQL expression: the libpg-query AST node and its deparsed text. */
export interface Expr {
  readonly kind: 'expr';
  /** libpg-query JSON AST node (e.g. `{ A_Expr: {...} }`). */
  readonly ast: unknown;
  /** The expression as SQL text. */
  readonly text: string;
}

/**
 * A reference to a type as a column or attribute declares it.
 *
 * Built-in types use PostgreSQL's internal names with `schema: 'pg_catalog'`
 * (`int4`, `int8`, `varchar`, `bpchar`, `numeric`, `timestamptz`, `bool`, …),
 * whatever spelling the DDL used (`integer`, `character varying`, `serial`…).
 * User types (enums, domains, composites, extension types) keep their schema.
 */
export interface TypeRef {
  readonly kind: 'type-ref';
  readonly schema: string;
  readonly name: string;
  /** Type modifiers: `varchar(20)` → [20], `numeric(10,2)` → [10, 2], `timestamp(3)` → [3]. */
  readonly typmods: readonly number[];
  /**
   * Set only when some type modifier is not a number (PostGIS `geometry(Point, 4326)`):
   * every modifier's text in order, identifiers as PostgreSQL's parser folds them
   * (`['point', '4326']`). `typmods` then holds only the numeric ones.
   */
  readonly typmodNames?: readonly string[];
  /** 0 for a scalar, 1 for `int[]`, 2 for `int[][]`. */
  readonly arrayDims: number;
  /** For `interval YEAR TO MONTH` and friends: the field restriction as written, upper-cased. */
  readonly intervalFields?: string;
}

export interface EnumType {
  readonly kind: 'enum';
  readonly schema: string;
  readonly name: string;
  readonly values: readonly string[];
}

export interface DomainType {
  readonly kind: 'domain';
  readonly schema: string;
  readonly name: string;
  readonly baseType: TypeRef;
  readonly notNull: boolean;
  readonly default: Expr | null;
  /** In each CHECK, the domain's value is the expression `VALUE`. */
  readonly checks: readonly CheckConstraint[];
}

export interface CompositeType {
  readonly kind: 'composite';
  readonly schema: string;
  readonly name: string;
  readonly attributes: readonly { readonly name: string; readonly type: TypeRef }[];
}

export interface RangeType {
  readonly kind: 'range';
  readonly schema: string;
  readonly name: string;
  readonly subtype: TypeRef;
  /**
   * The multirange type PostgreSQL creates with the range: `multirange_type_name`
   * when given, otherwise absent (the default name is derived from the range's).
   */
  readonly multirange?: QualifiedName;
}

export type TypeDefinition = EnumType | DomainType | CompositeType | RangeType;

export type IdentityKind = 'always' | 'by-default';

export interface Column {
  readonly kind: 'column';
  readonly name: string;
  readonly type: TypeRef;
  readonly notNull: boolean;
  /** The DEFAULT expression, if any (for serial columns: the implied `nextval(...)`). */
  readonly default: Expr | null;
  readonly identity: IdentityKind | null;
  /** `GENERATED ALWAYS AS (expr) STORED`: never written by datagen. */
  readonly generated: Expr | null;
  /** The generation expression as generator versions before 23 read it: its call of an overloaded function unread. */
  readonly generatedBefore23?: Expr;
  /** The sequence that feeds this column (serial, identity or a `nextval` default), if any. */
  readonly sequence: QualifiedName | null;
  readonly collation: string | null;
}

/** PRIMARY KEY, UNIQUE constraint, or unique index. */
export interface UniqueKey {
  readonly kind: 'primary-key' | 'unique';
  /** Constraint or index name (PostgreSQL's generated name when the DDL gave none). */
  readonly name: string;
  /**
   * One entry per key element: a column name, or `null` where the element is
   * an expression (see `expressions`, same position).
   */
  readonly columns: readonly (string | null)[];
  readonly expressions: readonly (Expr | null)[];
  /** Partial index predicate. */
  readonly where: Expr | null;
  readonly nullsNotDistinct: boolean;
  /** True for `CREATE UNIQUE INDEX` (vs a constraint). */
  readonly isIndex: boolean;
  readonly deferrable: boolean;
  /**
   * PostgreSQL 18's temporal key `(id, valid_at WITHOUT OVERLAPS)`: its last
   * column is a range, and rows equal on the others hold non-empty ranges that
   * never overlap.
   */
  readonly withoutOverlaps?: boolean;
  /**
   * A key the planner reads from an EXCLUDE constraint (plan/table-family.ts) whose one `&&` element is
   * this range column: rows equal on the other columns hold ranges that never overlap.
   */
  readonly overlapColumn?: string;
  /**
   * Version 19: a key the planner reads from an EXCLUDE whose `&&` element builds its range from two columns
   * (`tsrange(start_at, end_at)`): `lower` is the key's last column, and rows equal on the others hold
   * periods [lower, upper) that never overlap (plan/table-family.ts).
   */
  readonly periodBounds?: PeriodBounds;
}

/** The two columns a range constructor of an EXCLUDE element takes its bounds from, and the range's type. */
export interface PeriodBounds {
  readonly lower: string;
  readonly upper: string;
  /** `tsrange`, `tstzrange`, `daterange`, `int4range`, `int8range` or `numrange`. */
  readonly rangeType: string;
  /** The constructor's third argument makes the upper bound inclusive (`'[]'`, `'(]'`). */
  readonly upperInclusive: boolean;
}

export type ReferentialAction = 'no-action' | 'restrict' | 'cascade' | 'set-null' | 'set-default';

export interface ForeignKey {
  readonly kind: 'foreign-key';
  readonly name: string;
  readonly columns: readonly string[];
  readonly references: QualifiedName;
  /** Resolved: when the DDL wrote `REFERENCES t`, these are t's primary key columns. */
  readonly referencedColumns: readonly string[];
  readonly match: 'simple' | 'full' | 'partial';
  readonly onDelete: ReferentialAction;
  readonly onUpdate: ReferentialAction;
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
  readonly notValid: boolean;
  /** PostgreSQL 18's `FOREIGN KEY (id, PERIOD valid_at)`: the last column's range lies inside the parent rows' ranges. */
  readonly period?: boolean;
  /** PostgreSQL 18's `NOT ENFORCED`: written back; its values are still made to hold it. */
  readonly notEnforced?: boolean;
}

export interface CheckConstraint {
  readonly kind: 'check';
  readonly name: string;
  readonly expr: Expr;
  readonly noInherit: boolean;
  readonly notValid: boolean;
  /**
   * The generator version from which the values meet it by construction (a point's strict `st_x(g) > -180`:
   * input/ddl/postgis-checks.ts); the plan then neither reads nor evaluates it, as a `trust_checks:` one.
   */
  readonly metFrom?: number;
  /**
   * The CHECK as generator versions before 22 read it, when its `expr` inlines a call of an overloaded
   * one-expression function that its arguments' types resolve (input/ddl/inline-overloads.ts); before, the
   * call stayed unread and its table got no rows. plan/version-checks.ts reads this one for those versions.
   */
  readonly before22?: Expr;
  /** A domain's CHECK as generator versions before 23 read it (its overloaded call unread, as `before22`). */
  readonly before23?: Expr;
}

export interface ExclusionConstraint {
  readonly kind: 'exclusion';
  readonly name: string;
  readonly accessMethod: string;
  readonly elements: readonly {
    readonly column: string | null;
    readonly expr: Expr | null;
    readonly operator: string;
  }[];
  readonly where: Expr | null;
}

export interface PartitionSpec {
  readonly strategy: 'range' | 'list' | 'hash';
  /** Partition key elements: column names, or null where an expression. */
  readonly columns: readonly (string | null)[];
  readonly expressions: readonly (Expr | null)[];
}

/** `PARTITION OF parent FOR VALUES ...` */
export interface PartitionBound {
  readonly parent: QualifiedName;
  /** libpg-query's PartitionBoundSpec node (JSON) and its SQL text. */
  readonly bound: Expr;
  readonly isDefault: boolean;
}

export interface Table {
  readonly kind: 'table';
  readonly schema: string;
  readonly name: string;
  readonly columns: readonly Column[];
  readonly primaryKey: UniqueKey | null;
  /** UNIQUE constraints and unique indexes (not the primary key). */
  readonly uniques: readonly UniqueKey[];
  readonly foreignKeys: readonly ForeignKey[];
  readonly checks: readonly CheckConstraint[];
  readonly exclusions: readonly ExclusionConstraint[];
  /** Set when this table is partitioned (`PARTITION BY ...`). */
  readonly partitionBy: PartitionSpec | null;
  /** Set when this table is a partition of another. */
  readonly partitionOf: PartitionBound | null;
  /** `INHERITS (...)` parents. */
  readonly inherits: readonly QualifiedName[];
  readonly unlogged: boolean;
  readonly location: SourceLocation | null;
  /**
   * Set when DDL datagen cannot read (a DO block at file:line:col) alters,
   * renames or drops the table: its shape at load time is unknown, so it gets no rows.
   */
  readonly changedUnseenBy?: string;
  /**
   * Set when the DDL shows no row can be written (a NOT NULL foreign key to a
   * table CREATE TABLE AS makes, whose rows datagen does not model): why.
   */
  readonly noRowsBecause?: string;
  /**
   * Set when code a kept top-level call runs before the data writes the table's rows (an `INSERT ... ON
   * CONFLICT`, or a trigger the call makes): what runs it. From generator version 22 the table gets no
   * generated rows (no COPY, no setval), its keys and indexes come before the call, and it holds the rows that
   * code writes.
   */
  readonly rowsWrittenBy?: string;
  /**
   * Set when code a kept top-level call runs alters the table in a way its rows may not survive (an added
   * CHECK or key, a column's new type, dropped or renamed): what runs it. From generator version 22 the
   * table gets no rows.
   */
  readonly reshapedByCall?: string;
}

export interface Sequence {
  readonly kind: 'sequence';
  readonly schema: string;
  readonly name: string;
  /** `int2`, `int4` or `int8`. */
  readonly dataType: string;
  readonly start: bigint | null;
  readonly increment: bigint;
  readonly minValue: bigint | null;
  readonly maxValue: bigint | null;
  readonly cycle: boolean;
  /** `CACHE n`, if the DDL sets it. */
  readonly cache: bigint | null;
  readonly ownedBy: { readonly table: QualifiedName; readonly column: string } | null;
}

export type Section = 'pre-data' | 'post-data';

/** Kinds of objects a statement can name; an archive entry of a matching desc is that object. */
export type ObjectFamily =
  | 'relation'
  | 'type'
  | 'function'
  | 'operator'
  | 'schema'
  | 'extension'
  | 'constraint'
  | 'trigger'
  | 'rule'
  | 'policy'
  | 'event trigger'
  | 'publication'
  | 'cast'
  | 'operator class'
  | 'operator family'
  | 'statistics';

/**
 * An object a statement names, in pg_dump's TOC terms: its schema (null for
 * schemas and extensions) and its tag (`table conname` for constraints,
 * triggers, rules and policies; `name(argument types)` for routines, or the
 * bare name for any overload).
 */
export interface ObjectRef {
  readonly family: ObjectFamily;
  readonly schema: string | null;
  readonly name: string;
}

/**
 * One DDL statement for the output, in the order it must run within its
 * section. Shaped like a pg_dump TOC entry so both the plain script and the
 * archive writers can use it directly.
 */
export interface DdlStatement {
  readonly kind: 'statement';
  /** pg_dump's TOC description: `TABLE`, `INDEX`, `FK CONSTRAINT`, `SET`, `COMMENT`, … */
  readonly desc: string;
  readonly section: Section;
  /** The object's schema (pg_dump's TOC namespace), or null (e.g. for SCHEMA, EXTENSION). */
  readonly namespace: string | null;
  /** pg_dump's TOC tag: the object's name; `table conname` for constraints and triggers. */
  readonly tag: string;
  /** Owner from `ALTER ... OWNER TO`, when the DDL gave one. */
  readonly owner: string | null;
  /** The SQL, complete and ending in `;\n`. */
  readonly sql: string;
  /** Tables this statement needs (so an archive can order it and `pg_restore -j` can schedule it). */
  readonly tables: readonly QualifiedName[];
  readonly location: SourceLocation | null;
  /**
   * The search_path in force where the statement stood in the source (`[]`
   * when it was set empty, as pg_dump does). An archive, which restores with
   * an empty search_path, sets this one for statements that need it.
   */
  readonly searchPath: readonly string[];
  /**
   * The object a COMMENT, ACL or object-tuning ALTER belongs to. A COMMENT or
   * ACL entry depends on it alone (so `pg_restore -t/-n` keeps it with its
   * object); with `mergeIntoObject` the statement is part of that object's
   * own entry, as pg_dump writes `ALTER ... SET STATISTICS` inside it.
   */
  readonly object?: ObjectRef | null;
  readonly mergeIntoObject?: boolean;
  /** Other objects the statement needs (types of its columns, functions it calls, relations a view reads…). */
  readonly references?: readonly ObjectRef[];
  /** An operator's argument types, `(text, text)`: its tag is the bare name, as pg_dump's, and its DROP needs them. */
  readonly arguments?: string;
  /** A CREATE INDEX's (`{ IndexStmt }`) or a materialized view's AST (`{ CreateTableAsStmt }`): the planner reads it. */
  readonly ast?: unknown;
  /**
   * A table's CREATE (and its ALTER ... OWNER TO statements) where the table is renamed or moved later: its
   * entry is tagged with the final name, under which pg_restore's own ALTER ... OWNER TO, run right after the
   * CREATE, finds no table yet; an archive keeps the OWNER statements as written instead.
   */
  readonly renamedLater?: boolean;
  /** A type's or domain's name when the DDL ends, where it was renamed after its CREATE: what `-c` drops. */
  readonly dropTag?: string;
  /**
   * An `ALTER TABLE ... OWNER TO role` kept for a table renamed or moved later (renamedLater): the table as it
   * is named where the statement stands, and the role. An archive writes it as an entry of that table owned
   * by the role, so pg_restore writes the ALTER itself, and `--no-owner` leaves it out.
   */
  readonly ownedAs?: { readonly schema: string; readonly name: string; readonly role: string };
}

export interface Schema {
  readonly kind: 'schema';
  /** Schemas created by the DDL (not `public`). */
  readonly namespaces: readonly string[];
  readonly types: readonly TypeDefinition[];
  readonly tables: readonly Table[];
  readonly sequences: readonly Sequence[];
  /** Every statement for the output, pre-data then post-data, each section in run order. */
  readonly statements: readonly DdlStatement[];
  /** Extensions the DDL creates (`CREATE EXTENSION`). */
  readonly extensions: readonly string[];
  /** The oldest PostgreSQL major version whose syntax the DDL uses (15 when nothing newer); archive headers name it. */
  readonly serverVersion?: number;
  /** Rows the DDL records in migration tools' history tables (input/ddl/recorded-migrations.ts). */
  readonly recordedRows?: readonly RecordedRows[];
}

/** The values a DDL INSERT gives one column of a migration tool's history table, in order, distinct. */
export interface RecordedRows {
  readonly table: QualifiedName;
  readonly column: string;
  readonly values: readonly string[];
  /** The first INSERT's `file:line:column`. */
  readonly where: string;
}
