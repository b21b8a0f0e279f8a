/**
 * pg_dump gives a publication's `PUBLICATION TABLE` and `PUBLICATION TABLES IN SCHEMA` entries the
 * publication's owner (dumpPublicationTable, dumpPublicationNamespace), so `pg_restore -l` shows it and
 * `--use-set-session-authorization` adds each member as that role; the DDL's `ALTER PUBLICATION ... OWNER
 * TO` sets it on the publication's own statement only.
 */
import type { DdlStatement } from '../schema/model.js';

const MEMBER_DESCS = new Set(['PUBLICATION TABLE', 'PUBLICATION TABLES IN SCHEMA']);

/** The statements, each publication member without an owner given its publication's. */
export function withPublicationOwners(statements: readonly DdlStatement[]): DdlStatement[] {
  const owners = new Map<string, string>();
  for (const s of statements) if (s.desc === 'PUBLICATION' && s.owner !== null) owners.set(s.tag, s.owner);
  if (owners.size === 0) return [...statements];
  return statements.map((s) => {
    if (!MEMBER_DESCS.has(s.desc) || s.owner !== null) return s;
    const publication = s.references?.find((r) => r.family === 'publication');
    const owner = publication === undefined ? undefined : owners.get(publication.name);
    return owner === undefined ? s : { ...s, owner };
  });
}
