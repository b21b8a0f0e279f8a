/**
 * aclitem (`grantee=privileges/grantor`, as in pg_class.relacl). Role names
 * are looked up when the value is read, so grantees are PUBLIC (an empty
 * name) or roles every PostgreSQL 10+ database has; the grantor likewise.
 */
import type { TypeSupport } from './generator.js';

const GRANTEES = ['', 'pg_monitor', 'pg_read_all_settings', 'pg_read_all_stats', 'pg_signal_backend'];
const GRANTORS = ['pg_monitor', 'pg_read_all_stats', 'pg_stat_scan_tables'];
/** SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER, EXECUTE, USAGE, CREATE, TEMPORARY, CONNECT. */
const PRIVILEGES = 'arwdDxtXUCTc';
const SUBSETS = 2 ** PRIVILEGES.length - 1;

/** The privileges of a non-empty subset (bit i: PRIVILEGES[i]), each with a grant option when `options` has bit i. */
function privileges(subset: number, options: number): string {
  let out = '';
  for (let i = 0; i < PRIVILEGES.length; i++) {
    if ((subset & (1 << i)) === 0) continue;
    out += PRIVILEGES[i];
    if ((options & (1 << i)) !== 0) out += '*';
  }
  return out;
}

export const aclItemSupport: TypeSupport = {
  random: () => ({
    random(rand) {
      const grantee = rand.pick(GRANTEES);
      // PUBLIC cannot hold grant options.
      const options = grantee === '' ? 0 : rand.chance(0.2) ? rand.next() : 0;
      return `${grantee}=${privileges(1 + rand.below(SUBSETS), options)}/${rand.pick(GRANTORS)}`;
    },
  }),
  unique: () => ({
    space: GRANTEES.length * SUBSETS * GRANTORS.length,
    value(k) {
      const grantee = GRANTEES[k % GRANTEES.length] as string;
      const rest = Math.floor(k / GRANTEES.length);
      const subset = 1 + (rest % SUBSETS);
      return `${grantee}=${privileges(subset, 0)}/${GRANTORS[Math.floor(rest / SUBSETS)]}`;
    },
  }),
};
