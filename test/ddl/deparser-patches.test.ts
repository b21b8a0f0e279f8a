/**
 * The printers datagen adds to pgsql-deparser 18 (src/input/ddl/deparser-patches.ts):
 * what they print parses back to the same tree.
 */
import { loadModule, type Node, parseSync } from 'libpg-query';
import { beforeAll, describe, expect, it } from 'vitest';
import { deparseNode } from '../../src/input/ddl/ast.js';

function parsed(sql: string): unknown {
  const tree = parseSync(sql) as { stmts: { stmt: Node }[] };
  return JSON.parse(JSON.stringify(tree.stmts[0]?.stmt), (key, value) =>
    key === 'location' ? undefined : value,
  );
}

describe('deparser patches: printed SQL parses back to the same tree', () => {
  beforeAll(async () => {
    await loadModule();
  });

  it.each([
    "SELECT JSON_EXISTS(body, '$.title')",
    "SELECT JSON_EXISTS(b, 'strict $.a' PASSING 1 AS x, 'q' AS \"Y\" FALSE ON ERROR)",
    "SELECT JSON_VALUE(body, '$.a' RETURNING int DEFAULT 0 ON EMPTY ERROR ON ERROR)",
    "SELECT JSON_QUERY(body, '$.a' RETURNING jsonb WITH CONDITIONAL WRAPPER KEEP QUOTES EMPTY ARRAY ON EMPTY)",
    "SELECT JSON_QUERY(b FORMAT JSON, '$.a' WITHOUT WRAPPER OMIT QUOTES NULL ON ERROR)",
    "SELECT JSON_QUERY(b, '$' WITH UNCONDITIONAL WRAPPER EMPTY OBJECT ON ERROR)",
    'SELECT (x IS JSON) IS TRUE, NOT (x IS JSON OBJECT), (x IS JSON ARRAY WITH UNIQUE KEYS) = false',
    "CREATE TABLE t (j jsonb CHECK (JSON_EXISTS(j, '$.a') AND (j::text IS JSON OBJECT)))",
  ])('%s', (sql) => {
    const tree = parsed(sql);
    const printed = deparseNode((parseSync(sql) as { stmts: { stmt: Node }[] }).stmts[0]?.stmt as Node);
    expect(parsed(printed)).toEqual(tree);
  });
});
