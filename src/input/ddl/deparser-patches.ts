/**
 * pgsql-deparser, loaded on first use (`deparseSync`: `require`, the package
 * is CommonJS, so callers stay synchronous): a thread that never turns AST
 * back into SQL (a generation worker) does not compile it. With it, printers
 * pgsql-deparser 18 lacks or gets wrong, installed on its Deparser once per
 * loaded package (a test runner may evaluate this module again over the same
 * cached package). Without them valid DDL ended in a stack trace.
 */
import { createRequire } from 'node:module';
import type * as DeparserPackage from 'pgsql-deparser';
import { quoteIdent } from '../../schema/quote.js';

interface Printer {
  visit(node: unknown, context: unknown): string;
  JsonValueExpr(node: unknown, context: unknown): string;
  formatJsonOutput(output: unknown, context: unknown): string | null;
}

type Method = (this: Printer, node: never, context: unknown) => string;

type Package = typeof DeparserPackage;

const installed = Symbol.for('datagen.deparserPatches');

const BEHAVIOURS: Readonly<Record<string, string>> = {
  JSON_BEHAVIOR_NULL: 'NULL',
  JSON_BEHAVIOR_ERROR: 'ERROR',
  JSON_BEHAVIOR_EMPTY: 'EMPTY',
  JSON_BEHAVIOR_TRUE: 'TRUE',
  JSON_BEHAVIOR_FALSE: 'FALSE',
  JSON_BEHAVIOR_UNKNOWN: 'UNKNOWN',
  JSON_BEHAVIOR_EMPTY_ARRAY: 'EMPTY ARRAY',
  JSON_BEHAVIOR_EMPTY_OBJECT: 'EMPTY OBJECT',
};

const WRAPPERS: Readonly<Record<string, string>> = {
  JSW_NONE: 'WITHOUT WRAPPER',
  JSW_CONDITIONAL: 'WITH CONDITIONAL WRAPPER',
  JSW_UNCONDITIONAL: 'WITH UNCONDITIONAL WRAPPER',
};

const QUOTES: Readonly<Record<string, string>> = {
  JS_QUOTES_KEEP: 'KEEP QUOTES',
  JS_QUOTES_OMIT: 'OMIT QUOTES',
};

const FUNCTIONS: Readonly<Record<string, string>> = {
  JSON_EXISTS_OP: 'JSON_EXISTS',
  JSON_QUERY_OP: 'JSON_QUERY',
  JSON_VALUE_OP: 'JSON_VALUE',
};

interface JsonBehavior {
  readonly btype?: string;
  readonly expr?: unknown;
}

function behaviour(printer: Printer, b: JsonBehavior | undefined, on: string, context: unknown): string[] {
  if (b?.btype === undefined) return [];
  const what =
    b.btype === 'JSON_BEHAVIOR_DEFAULT' ? `DEFAULT ${printer.visit(b.expr, context)}` : BEHAVIOURS[b.btype];
  return what === undefined ? [] : [`${what} ON ${on}`];
}

/**
 * PostgreSQL 17's `JSON_EXISTS`, `JSON_QUERY` and `JSON_VALUE` (a JsonFuncExpr),
 * as PostgreSQL's grammar reads them: context item, path, PASSING, RETURNING,
 * wrapper, quotes, ON EMPTY, ON ERROR.
 */
const printJsonFuncExpr = function (
  this: Printer,
  node: {
    op?: string;
    context_item?: unknown;
    pathspec?: unknown;
    passing?: { JsonArgument?: { val?: unknown; name?: string } }[];
    output?: unknown;
    wrapper?: string;
    quotes?: string;
    on_empty?: JsonBehavior;
    on_error?: JsonBehavior;
  },
  context: unknown,
): string {
  const parts = [`${this.JsonValueExpr(node.context_item, context)}, ${this.visit(node.pathspec, context)}`];
  const passing = (node.passing ?? []).map(
    (a) => `${this.JsonValueExpr(a.JsonArgument?.val, context)} AS ${quoteIdent(a.JsonArgument?.name ?? '')}`,
  );
  if (passing.length > 0) parts.push(`PASSING ${passing.join(', ')}`);
  const output = this.formatJsonOutput(node.output, context);
  if (output !== null) parts.push(output);
  const wrapper = WRAPPERS[node.wrapper ?? ''];
  if (wrapper !== undefined) parts.push(wrapper);
  const quotes = QUOTES[node.quotes ?? ''];
  if (quotes !== undefined) parts.push(quotes);
  parts.push(
    ...behaviour(this, node.on_empty, 'EMPTY', context),
    ...behaviour(this, node.on_error, 'ERROR', context),
  );
  return `${FUNCTIONS[node.op ?? ''] ?? 'JSON_VALUE'}(${parts.join(' ')})`;
};

let loaded: Package['deparseSync'] | undefined;

/** pgsql-deparser's `deparseSync`, the package loaded and patched on the first call. */
export function deparseSync(...args: Parameters<Package['deparseSync']>): ReturnType<Package['deparseSync']> {
  loaded ??= loadDeparser();
  return loaded(...args);
}

function loadDeparser(): Package['deparseSync'] {
  const deparser = createRequire(import.meta.url)('pgsql-deparser') as Package;
  installPatches(deparser.Deparser.prototype as unknown as Record<string | symbol, unknown>);
  return deparser.deparseSync;
}

function installPatches(methods: Record<string | symbol, unknown>): void {
  if (methods[installed] === true) return;
  methods[installed] = true;
  // pgsql-deparser 18 prints PostgreSQL 16's `x IS JSON [OBJECT|ARRAY|SCALAR]` bare, and IS is non-associative in
  // PostgreSQL's grammar: `x IS JSON IS TRUE` does not parse back. Its text is put in parentheses, as PostgreSQL
  // prints the predicate (`CHECK ((o IS JSON OBJECT))`).
  const printJsonIs = methods.JsonIsPredicate as Method;
  methods.JsonIsPredicate = function (this: Printer, node: never, context: unknown): string {
    return `(${printJsonIs.call(this, node, context)})`;
  };
  methods.JsonFuncExpr = printJsonFuncExpr;
  // `LIKE s.base` inside CREATE TABLE: its relation is a bare RangeVar, which the deparser's visit takes for
  // another node once it has a schemaname, and prints as nothing (`LIKE` alone: pgq's `like pgq.event_template`).
  const printLike = methods.TableLikeClause as Method;
  methods.TableLikeClause = function (this: Printer, node: never, context: unknown): string {
    const clause = node as { relation?: object };
    const relation = clause.relation;
    const wrapped =
      relation === undefined || 'RangeVar' in relation
        ? clause
        : { ...clause, relation: { RangeVar: relation } };
    return printLike.call(this, wrapped as never, context);
  };
}
