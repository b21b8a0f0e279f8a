/**
 * What -O, -x, --no-comments, --no-publications, --no-subscriptions and
 * --no-security-labels leave out of a run's schema, and the warnings that
 * name what the output still needs.
 */

import type { Schema } from '../schema/model.js';
import type { GenerateOptions } from './generate-options.js';
import type { LoadedSchema } from './load-schema.js';

/**
 * -x: the schema without its GRANT/REVOKE statements (default privileges
 * too, and the SET SESSION AUTHORIZATION pg_dump puts around a grant another
 * role made); --no-comments: without COMMENT ON; --no-publications and
 * --no-subscriptions: without those objects and their comments;
 * --no-security-labels: without SECURITY LABEL.
 */
export function withoutLeftOut(schema: Schema, options: GenerateOptions): Schema {
  const on = (s: Schema['statements'][number], kind: string) =>
    s.desc === kind ||
    s.desc === `ALTER${kind}` ||
    (s.desc === 'COMMENT' && s.sql.toUpperCase().startsWith(`COMMENT ON ${kind} `)) ||
    (s.desc === 'OWNER' && s.sql.toUpperCase().startsWith(`ALTER ${kind} `));
  const out = (s: Schema['statements'][number]) =>
    (options.noPrivileges === true &&
      (s.desc === 'ACL' ||
        s.desc === 'DEFAULT ACL' ||
        (s.desc === 'SET' && s.tag === 'session_authorization'))) ||
    (options.noComments === true && s.desc === 'COMMENT') ||
    (options.noPublications === true && (on(s, 'PUBLICATION') || s.desc.startsWith('PUBLICATION '))) ||
    (options.noSubscriptions === true && (on(s, 'SUBSCRIPTION') || s.desc === 'CREATESUBSCRIPTION')) ||
    (options.noSecurityLabels === true && (s.desc === 'SECLABEL' || s.desc === 'SECURITY LABEL'));
  return { ...schema, statements: schema.statements.filter((s) => !out(s)) };
}

/**
 * -O and -x take the ownership and privilege statements out, and
 * --no-security-labels the labels: the warning about what the DDL uses and
 * does not create then names only the roles and label providers the output
 * still needs (none left: no warning).
 */
export function withoutLeftOutRoles(loaded: LoadedSchema, options: GenerateOptions): LoadedSchema {
  const left =
    options.noOwner && options.noPrivileges
      ? 'Both'
      : options.noOwner
        ? 'Owners'
        : options.noPrivileges
          ? 'Privileges'
          : '';
  const labels = options.noSecurityLabels === true ? 'Labels' : '';
  if (left === '' && labels === '') return loaded;
  const variant = `without${left}${labels}`;
  const warnings = loaded.warnings.flatMap((w) => {
    const message = w.code === 'EXTERNAL_OBJECTS' ? w.data?.[variant] : undefined;
    if (message === undefined) return [w];
    return message === '' ? [] : [{ ...w, message }];
  });
  return { ...loaded, warnings };
}
