/**
 * The output statements in pg_dump's order: pre-data in source order, then
 * post-data by group (keys, indexes, foreign keys, the rest, materialized
 * view data), each group in source order.
 */
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
  /** See DdlStatement.object / mergeIntoObject / references. */
  readonly object?: ObjectRef;
  readonly mergeIntoObject?: boolean;
  readonly references?: readonly ObjectRef[];
  readonly arguments?: string;
}

export interface StatementList {
  add(statement: StatementInput): void;
  /** Record an owner for the statement that created `objectKey` (no-op when it is not in the DDL). */
  setOwner(objectKey: string, owner: string): void;
  finish(): DdlStatement[];
}

/** Object keys for owner folding. */
export function objectKey(
  kind: 'relation' | 'type' | 'schema' | 'function' | 'other',
  schema: string,
  name: string,
) {
  return `${kind}\u0000${schema}\u0000${name}`;
}

/** `currentSearchPath` is read as each statement is added: the path in force where it stands. */
export function createStatementList(currentSearchPath: () => readonly string[]): StatementList {
  const entries: {
    input: StatementInput;
    owner: string | null;
    seq: number;
    searchPath: readonly string[];
  }[] = [];
  const byObject = new Map<string, { owner: string | null }>();
  return {
    add(input) {
      const entry = { input, owner: null, seq: entries.length, searchPath: [...currentSearchPath()] };
      entries.push(entry);
      if (input.creates !== undefined && !byObject.has(input.creates)) byObject.set(input.creates, entry);
    },
    setOwner(key, owner) {
      const entry = byObject.get(key);
      if (entry !== undefined) entry.owner = owner;
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
        } satisfies DdlStatement;
      });
    },
  };
}
