/**
 * Reading a YAML configuration with its positions: errors at the
 * `file:line:column` of the node they are about.
 */
import type { Document, LineCounter, Node, YAMLMap } from 'yaml';
import { DatagenError, ErrorCodes, formatLocation } from '../../errors.js';
import { nearestName } from '../../schema/names.js';
import { resolveAliases } from './yaml-aliases.js';
import { isScalar, yamlModule } from './yaml-module.js';

export interface ConfigReader {
  readonly file: string;
  /** `file:line:column` of a node (the file's start for none). */
  where(node: Node | null | undefined): string;
  /** A BAD_OPTION error at the node: `file:line:column: message`. */
  error(node: Node | null | undefined, message: string): DatagenError;
  /** A map's entries as [key text, key node, value node], refusing keys not in `allowed` (null: any). */
  entries(map: YAMLMap, allowed: readonly string[] | null, what: string): [string, Node, Node | null][];
}

export function createConfigReader(file: string, lines: LineCounter): ConfigReader {
  const position = (node: Node | null | undefined) => {
    const { line, col } = lines.linePos(node?.range?.[0] ?? 0);
    return { file, line, column: col };
  };
  const reader: ConfigReader = {
    file,
    where: (node) => formatLocation(position(node)),
    error: (node, message) => {
      const location = position(node);
      return new DatagenError(ErrorCodes.BAD_OPTION, `${formatLocation(location)}: ${message}`, location);
    },
    entries: (map, allowed, what) =>
      map.items.map((pair) => {
        const key = pair.key as Node;
        const name = isScalar(key) ? String(key.value) : '';
        if (allowed !== null && !allowed.includes(name)) {
          const near = nearestName(name, allowed);
          const keys = near === undefined ? '; the keys are' : `; did you mean "${near}"? The keys are`;
          const anchor = (pair.value as { anchor?: unknown } | null)?.anchor;
          // A block kept only to be aliased (`base: &base {...}` at the top, as in docker-compose files).
          const place =
            typeof anchor === 'string'
              ? `; a block written only for its anchor has no key of its own: write &${anchor} where the block is first used (columns: &${anchor} {…}) and *${anchor} or <<: *${anchor} where it is repeated`
              : '';
          throw reader.error(key, `unknown key "${name}" in ${what}${keys}: ${allowed.join(', ')}${place}`);
        }
        return [name, key, (pair.value as Node | null) ?? null];
      }),
  };
  return reader;
}

/** A YAML file's document (its aliases and merge keys resolved: yaml-aliases.ts) with its reader; a syntax error is thrown at its `file:line:column`. */
export function readYaml(
  text: string,
  file: string,
): { readonly doc: Document.Parsed; readonly reader: ConfigReader; readonly lines: LineCounter } {
  refuseLargeYaml(text, file);
  const { LineCounter, parseDocument } = yamlModule();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const [syntax] = doc.errors;
  if (syntax) {
    const { line, col } = lines.linePos(syntax.pos[0]);
    const location = { file, line, column: col };
    const message = `${formatLocation(location)}: ${syntaxWords(syntax, text, lines)}`;
    throw new DatagenError(ErrorCodes.BAD_OPTION, message, location);
  }
  const reader = createConfigReader(file, lines);
  resolveAliases(doc, reader);
  return { doc, reader, lines };
}

/**
 * A YAML syntax error in datagen's words where the parser's are about itself or give no fix: a key given twice
 * was "Map keys must be unique", a second document "Source contains multiple documents; please use
 * YAML.parseAllDocuments()", a tab that indents only "Tabs are not allowed as indentation".
 */
function syntaxWords(
  syntax: { readonly code: string; readonly message: string; readonly pos: [number, number] },
  text: string,
  lines: LineCounter,
): string {
  // The parser's own stack ran out on collections nested thousands deep: said as what the file does.
  if (/call stack/i.test(syntax.message))
    return 'the YAML nests too deeply here (thousands of levels; a configuration nests a few): is it the right file?';
  const words = syntax.message.split('\n')[0] ?? '';
  if (syntax.code === 'TAB_AS_INDENT')
    return `${words}: YAML indents with spaces only; replace the tabs at the start of this line (and the lines like it) with spaces`;
  if (syntax.code === 'MULTIPLE_DOCS')
    return 'a second YAML document begins here (after a --- line); a configuration is one document: remove the --- line and merge the settings into one map';
  if (syntax.code !== 'DUPLICATE_KEY') return words;
  const key = /^("[^"]*"|'[^']*'|[^:\s][^:]*?)\s*:/.exec(text.slice(syntax.pos[0]))?.[1];
  const first = key === undefined ? undefined : firstLineOfKey(key, syntax.pos[0], text, lines);
  const named = key === undefined ? 'this key' : `"${key.replace(/^(["'])(.*)\1$/, '$2')}"`;
  return `${named} is given a second time in the same map${first === undefined ? '' : `, first at line ${first}`}; give each key once (merge the two entries)`;
}

/** The line where a key given again at `pos` was first given: the nearest earlier line with it at the same indentation, none less indented between (block maps only). */
function firstLineOfKey(key: string, pos: number, text: string, lines: LineCounter): number | undefined {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  const indent = text.slice(lineStart, pos);
  if (!/^[ -]*$/.test(indent)) return undefined;
  const before = text.slice(0, lineStart).split('\n');
  for (let i = before.length - 1; i >= 0; i -= 1) {
    const line = before[i] ?? '';
    const own = /^ */.exec(line)?.[0].length ?? 0;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (own === indent.length && line.slice(own).startsWith(`${key}:`))
      return lines.linePos(before.slice(0, i).join('\n').length + (i > 0 ? 1 : 0)).line;
    if (own < indent.length) return undefined;
  }
  return undefined;
}

/** The most characters of a YAML file, comments included (comment lines parse at ~10 MB a second). */
export const MAX_YAML_CHARACTERS = 32_000_000;

/**
 * The most characters of a YAML file's lines that are not comments: the YAML parser takes about a second
 * and 100 MB of memory per 100,000 list items (a megabyte), and a quoted string 36 bytes of memory per
 * character (a 50 MB one took 41 s and 1.7 GB). `datagen init` writes its comments as comment lines, so a
 * starter file for thousands of tables stays far below.
 */
export const MAX_YAML_CONTENT = 4_000_000;

/** A YAML file past either bound refused, saying which and what to do, before the parser sees it. */
function refuseLargeYaml(text: string, file: string): void {
  const size = (n: number) => `${(n / 1e6).toFixed(1)} million characters`;
  const refuse = (why: string) =>
    new DatagenError(
      ErrorCodes.BAD_OPTION,
      `${file}: ${why}; is it the right file? Shorten its long value lists and strings (a list of thousands of values is better made by a generator or a lookup table)`,
      { file },
    );
  if (text.length > MAX_YAML_CHARACTERS)
    throw refuse(
      `it is ${size(text.length)}, more than the ${size(MAX_YAML_CHARACTERS)} datagen reads in a YAML file`,
    );
  if (text.length <= MAX_YAML_CONTENT) return;
  let content = 0;
  for (let start = 0; start < text.length; ) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end + 1;
    if (!/^[ \t]*(#|\r?\n|$)/.test(text.slice(start, Math.min(stop, start + 256)))) content += stop - start;
    start = stop;
  }
  if (content > MAX_YAML_CONTENT)
    throw refuse(
      `its YAML (comment lines aside) is ${size(content)}, more than the ${size(MAX_YAML_CONTENT)} datagen reads`,
    );
}
