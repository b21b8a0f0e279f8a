/**
 * Custom settings a script sets for its own code to read (`SET tmp.srid TO
 * 4326`, then a DO block reading `current_setting('tmp.srid')`: 3DCityDB's
 * create-db.sql). A plain script keeps the SET in its session; an archive
 * leaves SET statements out (pg_restore sets its own session state, and
 * `pg_restore -j` runs entries on several connections), so an entry that
 * reads such a setting carries the SETs in force where it stood.
 */
import type { DdlStatement } from '../schema/model.js';

/** A placeholder parameter: PostgreSQL takes any dotted name (`prefix.name`) as one. */
const isCustomSetting = (s: DdlStatement): boolean => s.desc === 'SET' && s.tag.includes('.');

/**
 * The statements with each one that names a custom setting set before it
 * (its name quoted, as `current_setting('tmp.srid')` writes it) led by the
 * SETs in force there.
 */
export function withCustomSettings(statements: readonly DdlStatement[]): DdlStatement[] {
  if (!statements.some(isCustomSetting)) return [...statements];
  const inForce = new Map<string, string>();
  return statements.map((s) => {
    if (isCustomSetting(s)) {
      inForce.set(s.tag.toLowerCase(), s.sql);
      return s;
    }
    if (s.desc === 'SET') return s;
    const lower = s.sql.toLowerCase();
    const read = [...inForce].filter(([name]) => lower.includes(`'${name}'`)).map(([, sql]) => sql);
    return read.length === 0 ? s : { ...s, sql: read.join('') + s.sql };
  });
}
