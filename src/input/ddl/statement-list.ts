/**
 * The output statements in pg_dump's order: pre-data in source order, then
 * post-data by group (keys, indexes, foreign keys, the rest, materialized
 * view data), each group in source order.
 */
import type { Node } from 'libpg-query';
import type { SourceLocation } from '../../errors.js';
import type { DdlStatement, ObjectRef, QualifiedName } from '../../schema/model.js';

/** 0 = pre-data; post-data: 1 keys/exclusions, 2 indexes, 3 foreign keys, 4 triggers/rules/policies/…, 5 matview data. */
export type StatementGroup = 0 | 1 | 2 | 3 | 4 | 5;

export interface StatementInput {
  readonly desc: string;
  readonly group: StatementGroup;
  readonly namespace: string | null;
  readonly tag: string;
  /** SQL without the trailing semicolon (added here). */
  readonly sql: string;
  readonly tables: readonly QualifiedName[];
  readonly location: SourceLocation | null;
  /** Key of the object this statement creates, so a later `OWNER TO` can set its owner. */
  readonly creates?: string;
  /** The statement's AST (post-data statements), so a later rename can rewrite it. */
  readonly node?: Node;
  /** See DdlStatement.object / mergeIntoObject / references. */
  readonly object?: ObjectRef;
  readonly mergeIntoObject?: boolean;
  readonly references?: readonly ObjectRef[];
  readonly arguments?: string;
  /** See DdlStatement.renamedLater / dropTag / ownedAs. */
  readonly renamedLater?: boolean;
  readonly dropTag?: string;
  readonly ownedAs?: DdlStatement['ownedAs'];
}

export interface StatementList {
  add(statement: StatementInput): void;
  /** Record an owner for the statement that created `objectKey` (no-op when it is not in the DDL). */
  setOwner(objectKey: string, owner: string): void;
  /** Whether a statement so far created `objectKey`. */
  has(objectKey: string): boolean;
  /** Whether a statement so far matches `test`. */
  some(test: (statement: StatementInput) => boolean): boolean;
  /**
   * Take out the statements so far that create `objectKey` or match `also`
   * (an object dropped by later DDL whose creation was moved to post-data,
   * where it would run after the drop). Returns how many were taken out.
   */
  remove(objectKey: string | null, also?: (statement: StatementInput) => boolean): number;
  /** Replace each statement so far for which `change` returns a new one (a later rename rewrites them). */
  update(change: (statement: StatementInput) => StatementInput | undefined): void;
  /** As update, and each changed statement is moved to here, after every statement so far (its search path kept). */
  moveHere(change: (statement: StatementInput) => StatementInput | undefined): void;
  /**
   * As update, and each changed statement written before the first statement `anchor` matches is moved to just
   * before it (a kept call whose code needs a table's keys). Nothing moves when no statement matches.
   */
  moveBefore(
    anchor: (statement: StatementInput) => boolean,
    change: (statement: StatementInput) => StatementInput | undefined,
  ): void;
  /**
   * Move each statement `movable` gives a test for to the end of the post-data's group 4, after every
   * statement there, where each statement after it in source order that stays passes that test (its
   * independence of the moved one). Returns those moved, in source order.
   */
  toPostDataEnd(
    movable: (statement: StatementInput) => ((later: StatementInput) => boolean) | undefined,
  ): StatementInput[];
  finish(): DdlStatement[];
}

/** Object keys for owner folding. */
export function objectKey(
  kind: 'relation' | 'type' | 'schema' | 'function' | 'constraint' | 'other',
  schema: string,
  name: string,
) {
  return `${kind}\u0000${schema}\u0000${name}`;
}

/** The key of a table constraint (keys, exclusions and foreign keys are created by post-data statements). */
export function constraintKey(table: QualifiedName, name: string): string {
  return objectKey('constraint', table.schema, `${table.name}\u0000${name}`);
}

interface Entry {
  input: StatementInput;
  owner: string | null;
  seq: number;
  searchPath: readonly string[];
}

/** StatementList.toPostDataEnd over the list's entries; `counter` is past every entry's seq. */
function toPostDataEnd(
  entries: readonly Entry[],
  counter: number,
  movable: (statement: StatementInput) => ((later: StatementInput) => boolean) | undefined,
): StatementInput[] {
  const moved: StatementInput[] = [];
  const staying: StatementInput[] = [];
  for (const e of [...entries].sort((a, b) => b.seq - a.seq)) {
    const independent = movable(e.input);
    if (independent === undefined || !staying.every(independent)) {
      staying.push(e.input);
      continue;
    }
    e.input = { ...e.input, group: 4 };
    e.seq += counter;
    moved.unshift(e.input);
  }
  return moved;
}

/** StatementList.moveBefore over the list's entries; `update` is the list's. */
function moveBefore(
  entries: Entry[],
  anchor: (statement: StatementInput) => boolean,
  update: StatementList['update'],
  change: (statement: StatementInput) => StatementInput | undefined,
): void {
  const at = entries.find((e) => anchor(e.input));
  if (at === undefined) return;
  const earlier = new Set(entries.filter((e) => e.seq < at.seq).map((e) => e.input));
  const moved: Entry[] = [];
  update((input) => {
    const next = earlier.has(input) ? change(input) : undefined;
    const entry = next === undefined ? undefined : entries.find((e) => e.input === input);
    if (entry !== undefined) moved.push(entry);
    return next;
  });
  // Between the statement before the anchor and the anchor, in their order.
  moved.forEach((e, i) => {
    e.seq = at.seq - 1 + (i + 1) / (moved.length + 1);
  });
  entries.sort((a, b) => a.seq - b.seq);
}

/** `currentSearchPath` is read as each statement is added: the path in force where it stands. */
export function createStatementList(
  currentSearchPath: (input: StatementInput) => readonly string[],
): StatementList {
  const entries: Entry[] = [];
  const byObject = new Map<string, { owner: string | null }>();
  let counter = 0;
  return {
    add(input) {
      const entry = { input, owner: null, seq: counter++, searchPath: [...currentSearchPath(input)] };
      entries.push(entry);
      if (input.creates !== undefined && !byObject.has(input.creates)) byObject.set(input.creates, entry);
    },
    setOwner(key, owner) {
      const entry = byObject.get(key);
      if (entry !== undefined) entry.owner = owner;
    },
    has(key) {
      return byObject.has(key);
    },
    some(test) {
      return entries.some((e) => test(e.input));
    },
    update(change) {
      for (const e of entries) {
        const next = change(e.input);
        if (next === undefined) continue;
        if (e.input.creates !== undefined && byObject.get(e.input.creates) === e)
          byObject.delete(e.input.creates);
        e.input = next;
        if (next.creates !== undefined && !byObject.has(next.creates)) byObject.set(next.creates, e);
      }
      // Another statement making what a changed one made before (an overload left behind) stands for it now.
      for (const e of entries)
        if (e.input.creates !== undefined && !byObject.has(e.input.creates)) byObject.set(e.input.creates, e);
    },
    moveHere(change) {
      const moved = new Set<(typeof entries)[number]>();
      this.update((input) => {
        const next = change(input);
        if (next !== undefined) {
          const entry = entries.find((e) => e.input === input);
          if (entry !== undefined) moved.add(entry);
        }
        return next;
      });
      for (const e of entries) if (moved.has(e)) e.seq = counter++;
      entries.sort((a, b) => a.seq - b.seq);
    },
    moveBefore(anchor, change) {
      moveBefore(entries, anchor, (c) => this.update(c), change);
    },
    toPostDataEnd(movable) {
      return toPostDataEnd(entries, counter, movable);
    },
    remove(key, also) {
      const before = entries.length;
      const kept = entries.filter(
        (e) => !(key !== null && e.input.creates === key) && !(also?.(e.input) ?? false),
      );
      for (const e of entries) {
        const created = e.input.creates;
        if (created !== undefined && !kept.includes(e) && byObject.get(created) === e)
          byObject.delete(created);
      }
      entries.length = 0;
      entries.push(...kept);
      return before - kept.length;
    },
    finish() {
      const sorted = [...entries].sort((a, b) => a.input.group - b.input.group || a.seq - b.seq);
      return sorted.map(({ input, owner, searchPath }) => {
        const body = input.sql.trimEnd().replace(/;+$/, '').trimEnd();
        return {
          kind: 'statement',
          desc: input.desc,
          section: input.group === 0 ? 'pre-data' : 'post-data',
          namespace: input.namespace,
          tag: input.tag,
          owner,
          sql: `${body};\n`,
          tables: input.tables,
          location: input.location,
          searchPath,
          ...(input.object === undefined ? {} : { object: input.object }),
          ...(input.mergeIntoObject === true ? { mergeIntoObject: true } : {}),
          ...(input.references === undefined || input.references.length === 0
            ? {}
            : { references: input.references }),
          ...(input.arguments === undefined ? {} : { arguments: input.arguments }),
          ...(input.renamedLater === true ? { renamedLater: true } : {}),
          ...(input.dropTag === undefined ? {} : { dropTag: input.dropTag }),
          ...(input.ownedAs === undefined ? {} : { ownedAs: input.ownedAs }),
          ...(input.node !== undefined && ('IndexStmt' in input.node || 'CreateTableAsStmt' in input.node)
            ? { ast: input.node }
            : {}),
        } satisfies DdlStatement;
      });
    },
  };
}
