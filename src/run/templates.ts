/**
 * Built-in schemas (`--template NAME`): DDL files shipped in the package's
 * `templates/` folder, and `templates/templates.json` with each template's
 * rows per table at scale 1 (tables listed as fixed keep their count at
 * every scale, as TPC-H's region and nation do).
 */
import { createReadStream, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { DatagenError, ErrorCodes } from '../errors.js';
import { editDistance } from '../plan/row-counts.js';
import { writeOutput } from '../sink/file-sink.js';

export interface Template {
  readonly name: string;
  readonly description: string;
  /** The DDL file. */
  readonly file: string;
  /** The scale used when none is given. */
  readonly defaultScale: number;
  /** Rows per table at scale 1, in the DDL's order. */
  readonly rows: Readonly<Record<string, number>>;
  /** Tables whose row count does not scale. */
  readonly fixed: readonly string[];
}

/** src/run or dist/run → the package root's templates/. */
const TEMPLATE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'templates');

type TemplateFile = Record<string, Omit<Template, 'name' | 'file'>>;

let loaded: readonly Template[] | undefined;

/** Every built-in template, by name. */
export function listTemplates(): readonly Template[] {
  loaded ??= Object.entries(
    JSON.parse(readFileSync(join(TEMPLATE_DIR, 'templates.json'), 'utf8')) as TemplateFile,
  ).map(([name, t]) => ({ ...t, name, file: join(TEMPLATE_DIR, `${name}.sql`) }));
  return loaded;
}

/** The template called `name`; an unknown name is an error naming the nearest and listing all. */
export function findTemplate(name: string): Template {
  const templates = listTemplates();
  const found = templates.find((t) => t.name === name);
  if (found) return found;
  const names = templates.map((t) => t.name);
  const near = names.reduce((a, b) => (editDistance(name, a) <= editDistance(name, b) ? a : b));
  throw new DatagenError(
    ErrorCodes.BAD_OPTION,
    `unknown template "${name}"${editDistance(name, near) <= 3 ? `; did you mean ${near}?` : ''} (the templates are ${names.join(', ')}; see datagen templates)`,
    { template: name },
  );
}

/**
 * Rows per table at `scale` (default: the template's): scale 1 rows times
 * the scale, rounded, at least 1; fixed tables keep theirs.
 *
 * @example
 * templateRowCounts(findTemplate('tpch'), 0.1) // { region: 5, nation: 25, supplier: 1000, …, lineitem: 600000 }
 */
export function templateRowCounts(template: Template, scale = template.defaultScale): Record<string, number> {
  const fixed = new Set(template.fixed);
  const counts: Record<string, number> = {};
  for (const [table, rows] of Object.entries(template.rows)) {
    counts[table] = fixed.has(table) ? rows : Math.max(1, Math.round(rows * scale));
  }
  return counts;
}

/** `--template NAME --schema-only`: the template's DDL as it is, to a path or a stream; returns the bytes. */
export function writeTemplateDdl(template: Template, output: string | Writable): Promise<number> {
  return writeOutput(createReadStream(template.file), output);
}

/** `datagen templates`: each template with its tables and rows at scale 1. */
export function describeTemplates(): string {
  return listTemplates()
    .map((t) => {
      const fixed = new Set(t.fixed);
      const tables = Object.entries(t.rows)
        .map(
          ([name, rows]) =>
            `    ${name.padEnd(14)} ${String(rows).padStart(9)}${fixed.has(name) ? ' (fixed)' : ''}`,
        )
        .join('\n');
      return `${t.name}: ${t.description}\n  rows at --scale 1 (default scale ${t.defaultScale}):\n${tables}\n`;
    })
    .join('\n');
}
