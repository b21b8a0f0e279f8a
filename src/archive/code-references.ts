/**
 * The tables a pre-data DO block (kept as written, so opaque to datagen) may make a foreign key to: `REFERENCES
 * parent` in its code or in the routines it calls (those they call too), or `REFERENCES %I` / `REFERENCES ' ||
 * t` naming a table only when it runs (then any table). pg_restore -j wraps such a table's COPY in `TRUNCATE ONLY`, which PostgreSQL refuses on a table a
 * foreign key references: their TABLE DATA entries list no TABLE dependency (build-archive-entries.ts), as the
 * data of a table a pre-data foreign key names.
 */
import type { QualifiedName, Schema } from '../schema/model.js';

const REFERENCED =
  /\breferences\s+(?:(%(?:\d+\$)?[IsL]|'\s*\|\||\$\d|"[^"]+"|[\w$]+)(?:\s*\.\s*("[^"]+"|[\w$]+|%(?:\d+\$)?[IsL]))?)/gi;

/** A name as code's text writes it: quoted kept, else folded to lower case; undefined where the code builds it. */
function writtenName(written: string | undefined): string | undefined {
  if (written === undefined || /^(?:%|'|\$)/.test(written)) return undefined;
  return written.startsWith('"') ? written.slice(1, -1) : written.toLowerCase();
}

/** A call in code's text (`PERFORM qwat_sys.fn_label_create_fields('pipe')`): the routine's bare name, folded. */
const CALLED = /(?:^|[^\w$."])(?:(?:"[^"]+"|[a-z_][\w$]*)\s*\.\s*)?("[^"]+"|[a-z_][\w$]*)\s*\(/gi;

/**
 * The code a pre-data DO block runs: its own text, and the pre-data routines it calls, and those they call, by
 * bare name (QWAT's `PERFORM qwat_sys.fn_label_create_fields('pipe')`, whose EXECUTE adds `REFERENCES
 * qwat_vl.visible(vl_code_int)`).
 */
export function preDataCode(schema: Schema): string[] {
  const routines = new Map<string, string[]>();
  for (const s of schema.statements)
    if (s.section === 'pre-data' && (s.desc === 'FUNCTION' || s.desc === 'PROCEDURE')) {
      const name = s.tag.replace(/\(.*$/s, '').replace(/^"(.*)"$/s, '$1');
      routines.set(name, [...(routines.get(name) ?? []), s.sql]);
    }
  const code = schema.statements.filter((s) => s.section === 'pre-data' && s.desc === 'DO').map((s) => s.sql);
  const seen = new Set<string>();
  for (let i = 0; i < code.length; i++)
    for (const match of (code[i] ?? '').matchAll(CALLED)) {
      const written = match[1] ?? '';
      const name = written.startsWith('"') ? written.slice(1, -1) : written.toLowerCase();
      if (seen.has(name) || !routines.has(name)) continue;
      seen.add(name);
      code.push(...(routines.get(name) ?? []));
    }
  return code;
}

/** Whether a table's data may be referenced by a foreign key a pre-data DO block makes (see the file's comment). */
export function codeMayReference(schema: Schema): (table: QualifiedName) => boolean {
  const names = new Set<string>();
  let any = false;
  for (const sql of preDataCode(schema)) {
    for (const match of sql.matchAll(REFERENCED)) {
      const name = writtenName(match[2] ?? match[1]);
      if (name === undefined) any = true;
      else names.add(name);
    }
  }
  return (table) => any || names.has(table.name);
}
