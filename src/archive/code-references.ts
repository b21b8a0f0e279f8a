/**
 * The tables a pre-data DO block (kept as written, so opaque to datagen) may make a foreign key to: `REFERENCES
 * parent` in its code, or `REFERENCES %I` / `REFERENCES ' || t` naming a table only when it runs (then any
 * table). pg_restore -j wraps such a table's COPY in `TRUNCATE ONLY`, which PostgreSQL refuses on a table a
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

/** Whether a table's data may be referenced by a foreign key a pre-data DO block makes (see the file's comment). */
export function codeMayReference(schema: Schema): (table: QualifiedName) => boolean {
  const names = new Set<string>();
  let any = false;
  for (const s of schema.statements) {
    if (s.section !== 'pre-data' || s.desc !== 'DO') continue;
    for (const match of s.sql.matchAll(REFERENCED)) {
      const name = writtenName(match[2] ?? match[1]);
      if (name === undefined) any = true;
      else names.add(name);
    }
  }
  return (table) => any || names.has(table.name);
}
