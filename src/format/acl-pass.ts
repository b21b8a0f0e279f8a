/**
 * pg_dump's plain script runs its entries in three passes, as pg_restore
 * does (pg_backup_archiver.c, _tocEntryRestorePass): every entry but the
 * privileges in order (pre-data, data, post-data), then the ACL pass (GRANT
 * and REVOKE, ALTER DEFAULT PRIVILEGES), then the entries that must come
 * after the privileges (event triggers, which would fire on the GRANTs, with
 * their comments and owners; materialized views' REFRESH, which runs as the owner).
 *
 * pg_dump can move every privilege to the end because it writes each
 * object's privileges in full. Hand-written DDL may rely on where they stand:
 * ALTER DEFAULT PRIVILEGES, or a GRANT ON ALL TABLES IN SCHEMA, reaches only
 * the objects made after (before) it. Such a statement followed by more
 * pre-data DDL stays where it is, and so does every privilege statement
 * before it (their order is kept); the privileges after the last one go to
 * the ACL pass, with the SET/RESET SESSION AUTHORIZATION around them.
 */
import type { DdlStatement } from '../schema/model.js';

const ACL_PASS = new Set(['ACL', 'DEFAULT ACL']);
/** Pre-data statements that make no object a default privilege or ON ALL grant could reach. */
const MAKES_NOTHING = new Set(['ACL', 'DEFAULT ACL', 'COMMENT', 'SET', 'OWNER', 'SECURITY LABEL']);

function isPostAcl(s: DdlStatement): boolean {
  return (
    s.desc === 'EVENT TRIGGER' ||
    s.desc === 'MATERIALIZED VIEW DATA' ||
    (s.desc === 'COMMENT' && s.tag.startsWith('EVENT TRIGGER ')) ||
    // The plain script's ALTER EVENT TRIGGER ... OWNER TO (an archive carries it in the trigger's entry).
    (s.desc === 'OWNER' && /^ALTER\s+EVENT\s+TRIGGER\s/i.test(s.sql.trimStart()))
  );
}

const isSessionAuthorization = (s: DdlStatement | undefined): boolean =>
  s !== undefined && s.desc === 'SET' && s.tag === 'session_authorization';

export interface AclPasses {
  /** Written after the post-data, in their order. */
  readonly acl: ReadonlySet<DdlStatement>;
  /** Written after those. */
  readonly postAcl: ReadonlySet<DdlStatement>;
}

export function aclPasses(statements: readonly DdlStatement[]): AclPasses {
  // The last statement whose reach depends on where it stands: nothing at or before it moves.
  let pinned = -1;
  let laterDdl = false;
  for (let i = statements.length - 1; i >= 0 && pinned < 0; i--) {
    const s = statements[i] as DdlStatement;
    const positional = s.desc === 'DEFAULT ACL' || (s.desc === 'ACL' && s.tag === '');
    if (positional && laterDdl) pinned = i;
    if (s.section === 'pre-data' && !MAKES_NOTHING.has(s.desc)) laterDdl = true;
  }
  const acl = new Set<DdlStatement>();
  statements.forEach((s, i) => {
    if (i > pinned && ACL_PASS.has(s.desc)) acl.add(s);
  });
  // pg_dump's SET SESSION AUTHORIZATION before a grant another role made, and the RESET after it.
  statements.forEach((s, i) => {
    if (i <= pinned || !isSessionAuthorization(s)) return;
    const next = statements[i + 1];
    const previous = statements[i - 1];
    if ((next !== undefined && acl.has(next)) || (previous !== undefined && acl.has(previous))) acl.add(s);
  });
  return { acl, postAcl: new Set(statements.filter(isPostAcl)) };
}
