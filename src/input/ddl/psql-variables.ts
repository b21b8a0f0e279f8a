/**
 * psql variables in a DDL file: `\set name value` and `\unset name` lines are
 * followed in file order, and `:name`, `:'name'` and `:"name"` in the SQL
 * after them are replaced as psql replaces them (the value as is, as a quoted
 * literal, as a quoted identifier). As in psql: not inside quoted strings,
 * identifiers, dollar-quoted bodies or comments, not in `::` casts, and an
 * unknown name is left as written. An included file sees the variables set
 * before its `\i` line, and what it sets applies after that line, as in psql
 * (the `include` callback follows the included file's `\set` lines there).
 * A backtick (shell command) value is not run: the variable keeps its earlier value.
 * `\gset [prefix]` after a SELECT of constants (`SELECT 4326 AS srid \gset`,
 * as 3DCityDB's scripts set their SRID) sets its columns as psql would; after
 * any other query it sets nothing (a use of the variable then says so).
 */
import { scanLines } from './source-text.js';
import { SqlLexer } from './sql-lexer.js';

const isVariableChar = (ch: string | undefined): boolean =>
  ch !== undefined && /[A-Za-z0-9_\u0080-\uffff]/.test(ch);

/** psql's PQescapeLiteral: quotes doubled; with a backslash, an E'' string with backslashes doubled. */
function quoteLiteral(value: string): string {
  const body = value.replaceAll("'", "''");
  return value.includes('\\') ? `E'${body.replaceAll('\\', '\\\\')}'` : `'${body}'`;
}

const quoteIdentifier = (value: string): string => `"${value.replaceAll('"', '""')}"`;

/** `:name`, `:'name'` or `:"name"` at `i` (a colon): the replacement and the length it replaces, or null. */
function reference(text: string, i: number, variables: ReadonlyMap<string, string>): [string, number] | null {
  const quote = text[i + 1];
  if (quote === "'" || quote === '"') {
    let end = i + 2;
    while (isVariableChar(text[end])) end++;
    const value = variables.get(text.slice(i + 2, end));
    if (end === i + 2 || text[end] !== quote || value === undefined) return null;
    return [quote === "'" ? quoteLiteral(value) : quoteIdentifier(value), end + 1 - i];
  }
  let end = i + 1;
  while (isVariableChar(text[end])) end++;
  const value = variables.get(text.slice(i + 1, end));
  return end === i + 1 || value === undefined ? null : [value, end - i];
}

/** The arguments of a `\set` line as psql reads them: unquoted words, '…' with '' and backslash escapes, variables. */
function metaArguments(rest: string, variables: ReadonlyMap<string, string>): string[] {
  const args: string[] = [];
  const pattern = /\s*(?:'((?:[^'\\]|''|\\.)*)'|(:(?:'[^']*'|"[^"]*"|[A-Za-z0-9_]+))|([^\s']+))/gy;
  for (let m = pattern.exec(rest); m !== null && m[0].trim() !== ''; m = pattern.exec(rest)) {
    if (m[1] !== undefined) {
      const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };
      args.push(m[1].replaceAll("''", "'").replace(/\\(.)/g, (_, c: string) => escapes[c] ?? c));
    } else if (m[2] !== undefined) {
      const r = reference(m[2], 0, variables);
      args.push(r ? r[0] : m[2]);
    } else args.push(m[3] ?? '');
  }
  return args;
}

/** Follow one meta-command line: `\set` defines (values concatenated, as psql does), `\unset` removes. */
function followMeta(line: string, variables: Map<string, string>): void {
  const m = /^\\(set|unset)(?:\s+(.*))?$/.exec(line.trim());
  if (m === null || m[2] === undefined) return;
  const [name, ...values] = metaArguments(m[2], variables);
  if (name === undefined) return;
  if (m[1] === 'unset') variables.delete(name);
  // A backtick value is a shell command's output (\set v `echo $DB_USER`): datagen runs no commands, so the
  // variable keeps what an earlier \set gave it, and a use of it unset stops the parse with the \set hint.
  else if (!values.some((v) => v.startsWith('`'))) variables.set(name, values.join(''));
}

/** One constant of a SELECT list as psql prints it (a number, a string's text, t/f), or null. */
function constantText(expr: string): string | null {
  const m =
    /^(?:([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?)|'((?:[^']|'')*)'|(true|false))(?:\s*::\s*[A-Za-z_][\w ]*)?$/i.exec(
      expr.trim(),
    );
  if (m === null) return null;
  if (m[1] !== undefined) return m[1];
  if (m[2] !== undefined) return m[2].replaceAll("''", "'");
  return m[3]?.toLowerCase() === 'true' ? 't' : 'f';
}

/** The columns of `SELECT const [AS] name, …` (what `\gset` would set), or null for any other query. */
export function constantSelectColumns(query: string): Map<string, string> | null {
  const code = query.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' ');
  const list = /^\s*SELECT\s+([\s\S]*?)\s*$/i.exec(code)?.[1];
  if (list === undefined || list === '') return null;
  const columns = new Map<string, string>();
  // Items split at commas outside string constants.
  for (const item of list.match(/(?:'(?:[^']|'')*'|[^,'])+/g) ?? []) {
    const m = /^([\s\S]*?)\s+(?:AS\s+)?(?:"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_]*))\s*$/i.exec(item.trim());
    const value = m === null ? null : constantText(m[1] ?? '');
    if (m === null || value === null) return null;
    columns.set(m[2]?.replaceAll('""', '"') ?? (m[3] ?? '').toLowerCase(), value);
  }
  return columns;
}

/** `\gset [prefix]` after `query`: its constant columns set as variables (nothing when it is not a SELECT of constants). */
function followGset(meta: string, query: string, variables: Map<string, string>): void {
  const m = /^\\gset(?:\s+(\S+))?\s*$/.exec(meta.trim());
  if (m === null) return;
  for (const [name, value] of constantSelectColumns(query) ?? [])
    variables.set(`${m[1] ?? ''}${name}`, value);
}

export interface SubstitutedText {
  readonly text: string;
  /** The variables as they stood at each meta-command line (1-based line number): what an include there sees. */
  readonly variablesAt: ReadonlyMap<number, ReadonlyMap<string, string>>;
}

/** The text with psql variables replaced; `variables` is updated by the `\set`/`\unset` lines it holds. */
export function substituteVariables(
  text: string,
  variables: Map<string, string>,
  include?: (metaLine: string) => void,
): SubstitutedText {
  const variablesAt = new Map<number, ReadonlyMap<string, string>>();
  if (!text.includes(':') && !text.includes('\\')) return { text, variablesAt };
  // Only substitutions change the text: the rest is copied in slices (a file of COPY rows runs to gigabytes).
  const parts: string[] = [];
  let copied = 0;
  // Rows of COPY ... FROM stdin blocks are data: psql sends them as they are.
  const copyData = /\bfrom\s+stdin\b/i.test(text) ? scanLines(text).copyData : [];
  let line = 1;
  const lexer = new SqlLexer(text);
  let lineStart = true;
  /** Where the query a `\gset` sends starts: after the last top-level `;` or meta-command line. */
  let queryStart = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (lineStart && copyData[line - 1] === true && ch !== '\n') {
      const end = text.indexOf('\n', i);
      i = (end === -1 ? text.length : end) - 1;
      lineStart = false;
      continue;
    }
    if (lineStart && lexer.state === 'code' && /^[ \t]*\\/.test(text.slice(i, i + 64))) {
      const end = text.indexOf('\n', i);
      const meta = text.slice(i, end === -1 ? text.length : end);
      variablesAt.set(line, new Map(variables));
      followMeta(meta, variables);
      followGset(meta, text.slice(queryStart, i), variables);
      include?.(meta);
      i += meta.length - 1;
      queryStart = i + 1;
      lineStart = false;
      continue;
    }
    lineStart = ch === '\n';
    if (lineStart) line++;
    if (lexer.state === 'code' && ch === ':') {
      if (text[i + 1] === ':') {
        i++;
        continue;
      }
      const r = reference(text, i, variables);
      if (r !== null) {
        parts.push(text.slice(copied, i), r[0]);
        copied = i + r[1];
        i += r[1] - 1;
      }
    } else if (lexer.state === 'code' && ch === ';') queryStart = i + 1;
    else if (lexer.state === 'code' && ch === '\\' && text.startsWith('\\gset', i)) {
      // A meta-command after SQL on its line (`SELECT 4326 AS srid \gset`): psql sends the query there.
      const end = text.indexOf('\n', i);
      followGset(text.slice(i, end === -1 ? text.length : end), text.slice(queryStart, i), variables);
      queryStart = i + 1;
    } else i = lexer.step(i);
  }
  parts.push(text.slice(copied));
  return { text: parts.join(''), variablesAt };
}
