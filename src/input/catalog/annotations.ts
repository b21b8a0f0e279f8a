/**
 * What pg_dump writes about an object besides its definition: COMMENT ON
 * (right after the object) and its privileges as GRANT/REVOKE (in the ACL
 * pass, after everything else, in the objects' order). Each is an SQL
 * expression the object's query adds; names through format('%I').
 *
 * Privileges as pg_dump's buildACLCommands writes them: the object's ACL
 * against its baseline (pg_init_privs where the object has initial
 * privileges, else acldefault for its kind and owner); a baseline item the
 * ACL lacks is revoked (REVOKE <its privileges> ... FROM grantee), an ACL item the
 * baseline lacks granted, its privileges in pg_dump's order (ALL when it
 * holds all its kind has), those with grant option apart, under SET
 * SESSION AUTHORIZATION when another role granted them.
 */

/** A literal as pg_dump's appendStringLiteral writes it (standard_conforming_strings on: quotes doubled only). */
export const literal = (text: string) => `'''' || pg_catalog.replace(${text}, '''', '''''') || ''''`;

/**
 * `\nCOMMENT ON <kind> <name> IS '...';` for the object (catalog `classid`,
 * oid `oid`, column `subid`), or '' when it has none.
 */
export function commentOn(kind: string, name: string, classid: string, oid: string, subid = '0'): string {
  return `coalesce((SELECT E'\\nCOMMENT ON ${kind} ' || ${name} || ' IS ' || ${literal('cd.description')} || ';'
     FROM pg_catalog.pg_description cd WHERE cd.classoid = 'pg_catalog.${classid}'::pg_catalog.regclass
       AND cd.objoid = ${oid} AND cd.objsubid = ${subid}), '')`;
}

/** A table's (or view's) column comments, in column order, after its own (table alias c). */
export function columnComments(): string {
  return `coalesce((SELECT pg_catalog.string_agg(pg_catalog.format(E'\\nCOMMENT ON COLUMN %I.%I.%I IS ', n.nspname, c.relname, a.attname)
       || ${literal('cd.description')} || ';', '' ORDER BY a.attnum)
     FROM pg_catalog.pg_description cd JOIN pg_catalog.pg_attribute a ON a.attrelid = cd.objoid AND a.attnum = cd.objsubid
     WHERE cd.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND cd.objoid = c.oid AND cd.objsubid > 0
       AND NOT a.attisdropped), '')`;
}

/** A grantee (oid, 0 for PUBLIC) as GRANT writes it. */
const grantee = (oid: string) =>
  `CASE WHEN ${oid} = 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(${oid})) END`;

/** pg_dump's order of privilege words (parseAclItem). */
const PRIVILEGE_ORDER = `ARRAY['SELECT', 'CREATE', 'USAGE', 'INSERT', 'REFERENCES', 'DELETE', 'TRIGGER', 'TRUNCATE',
  'MAINTAIN', 'UPDATE', 'EXECUTE', 'TEMPORARY', 'CONNECT', 'SET', 'ALTER SYSTEM']`;

/** What an ACL belongs to: GRANT's word for it, its name (an SQL expression), its owner, kind, ACL and baseline. */
export interface AclTarget {
  /** GRANT's object word: TABLE, SEQUENCE, FUNCTION, SCHEMA, TYPE, ...; TABLES etc. for default privileges. */
  readonly word: string;
  /** The object's name as SQL text (an expression), '' for default privileges. */
  readonly name: string;
  /** The owner's oid (expression). */
  readonly owner: string;
  /** The ACL (expression, aclitem[]). */
  readonly acl: string;
  /** The baseline (expression, aclitem[]). */
  readonly baseline: string;
  /** How many privileges its kind has (for ALL). */
  readonly all: string;
  /** A column's name (expression): privileges written `SELECT(col)`. */
  readonly column?: string;
  /** Put before each command (ALTER DEFAULT PRIVILEGES ... ). */
  readonly prefix?: string;
}

/**
 * The privilege list of one ACL item (`item`, an expression): those with
 * (`go` true) or without (false) grant option, or all of them (null, as a
 * REVOKE lists them); ALL when that is every privilege its kind has; NULL
 * when none.
 */
function privilegeList(t: AclTarget, item: string, go: boolean | null): string {
  const column = t.column ? `|| '(' || pg_catalog.quote_ident(${t.column}) || ')'` : '';
  const allOfThem = go === false ? 'NOT pg_catalog.bool_or(acl_x.is_grantable)' : 'true';
  return `(SELECT CASE WHEN pg_catalog.count(*) = 0 THEN NULL
       WHEN pg_catalog.count(*) = ${t.all} AND ${allOfThem} THEN 'ALL' ${column}
       ELSE pg_catalog.string_agg(acl_x.privilege_type ${column}, ',' ORDER BY pg_catalog.array_position(${PRIVILEGE_ORDER}, acl_x.privilege_type)) END
     FROM pg_catalog.aclexplode(ARRAY[${item}]) acl_x${go === null ? '' : ` WHERE acl_x.is_grantable = ${go}`})`;
}

/** `ON <word> <name>` as GRANT writes it (default privileges: two spaces, as pg_dump). */
const onObject = (t: AclTarget) => (t.prefix ? ` ON ${t.word}  ` : ` ON ${t.word} ' || ${t.name} || ' `);

/**
 * The GRANT/REVOKE commands (newline-separated text, NULL when the ACL is the
 * baseline) that make the object's privileges from its baseline: a
 * baseline item the ACL lacks revoked (its privileges), then each ACL item
 * the baseline lacks granted.
 */
export function aclCommands(t: AclTarget): string {
  const prefix = t.prefix ? `${t.prefix} || ` : '';
  const all = privilegeList(t, 'acl_a.item', true);
  const plain = privilegeList(t, 'acl_a.item', false);
  const revoked = privilegeList(t, 'acl_b.item', null);
  const on = onObject(t);
  const grants = `(SELECT pg_catalog.string_agg(acl_g.cmd, E'\\n' ORDER BY acl_g.go)
     FROM (SELECT 0 AS go, ${prefix}'GRANT ' || acl_p.plain || '${on}TO ' || ${grantee('acl_p.grantee')} || ';' AS cmd WHERE acl_p.plain IS NOT NULL
           UNION ALL SELECT 1, ${prefix}'GRANT ' || acl_p.wgo || '${on}TO ' || ${grantee('acl_p.grantee')} || ' WITH GRANT OPTION;'
           WHERE acl_p.wgo IS NOT NULL) acl_g)`;
  return `CASE WHEN ${t.acl} IS NOT NULL THEN (SELECT pg_catalog.string_agg(acl_z.cmd, E'\\n' ORDER BY acl_z.pass, acl_z.n) FROM (
     SELECT 0 AS pass, acl_b.n, ${prefix}'REVOKE ' || ${revoked} || '${on}FROM '
         || ${grantee('(SELECT acl_x.grantee FROM pg_catalog.aclexplode(ARRAY[acl_b.item]) acl_x LIMIT 1)')} || ';' AS cmd
     FROM pg_catalog.unnest(${t.baseline}) WITH ORDINALITY acl_b(item, n)
     WHERE NOT (acl_b.item = ANY (${t.acl})) AND ${revoked} IS NOT NULL
     UNION ALL
     SELECT 1, acl_a.n, CASE WHEN acl_p.grantor <> ${t.owner}
         THEN 'SET SESSION AUTHORIZATION ' || pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(acl_p.grantor)) || E';\\n' ELSE '' END
       || ${grants}
       || CASE WHEN acl_p.grantor <> ${t.owner} THEN E'\\nRESET SESSION AUTHORIZATION;' ELSE '' END
     FROM pg_catalog.unnest(${t.acl}) WITH ORDINALITY acl_a(item, n)
       CROSS JOIN LATERAL (SELECT (SELECT acl_x.grantee FROM pg_catalog.aclexplode(ARRAY[acl_a.item]) acl_x LIMIT 1) AS grantee,
         (SELECT acl_x.grantor FROM pg_catalog.aclexplode(ARRAY[acl_a.item]) acl_x LIMIT 1) AS grantor,
         ${plain} AS plain, ${all} AS wgo) acl_p
     WHERE NOT (acl_a.item = ANY (${t.baseline})) AND (acl_p.plain IS NOT NULL OR acl_p.wgo IS NOT NULL)) acl_z) END`;
}

/**
 * An object's baseline: its initial privileges (pg_init_privs: the public
 * schema's, an extension member's) or the default for its kind (`kind`:
 * acldefault's letter) and owner.
 */
export function baseline(classid: string, oid: string, kind: string, owner: string, subid = '0'): string {
  return `coalesce((SELECT ip.initprivs FROM pg_catalog.pg_init_privs ip
      WHERE ip.classoid = 'pg_catalog.${classid}'::pg_catalog.regclass AND ip.objoid = ${oid} AND ip.objsubid = ${subid}),
    pg_catalog.acldefault('${kind}', ${owner}))`;
}

/** How many privileges an object of kind `kind` (acldefault's letter) has: its owner's default item's. */
export const privilegeCount = (kind: string) =>
  `(SELECT pg_catalog.count(*) FROM pg_catalog.aclexplode(pg_catalog.acldefault('${kind}', 10)) acl_x WHERE acl_x.grantee = 10)`;

/** Default privileges' object kinds: pg_default_acl's letter, ALTER DEFAULT PRIVILEGES' word, acldefault's letter. */
const DEFAULT_ACL_KINDS = [
  ['r', 'TABLES', 'r'],
  ['S', 'SEQUENCES', 's'],
  ['f', 'FUNCTIONS', 'f'],
  ['T', 'TYPES', 'T'],
  ['n', 'SCHEMAS', 'n'],
] as const;

/**
 * ALTER DEFAULT PRIVILEGES as pg_dump writes them (after every ACL): per
 * role and kind, against acldefault, or against none IN SCHEMA.
 */
export function defaultAclQuery(): string {
  const parts = DEFAULT_ACL_KINDS.map(([letter, word, kind]) => {
    const commands = aclCommands({
      word,
      name: "''",
      owner: 'd.defaclrole',
      acl: 'd.defaclacl',
      baseline: `CASE WHEN d.defaclnamespace = 0 THEN pg_catalog.acldefault('${kind}', d.defaclrole) ELSE '{}'::pg_catalog.aclitem[] END`,
      all: privilegeCount(kind),
      prefix: `('ALTER DEFAULT PRIVILEGES FOR ROLE ' || pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(d.defaclrole))
        || coalesce(' IN SCHEMA ' || pg_catalog.quote_ident(dn.nspname), '') || ' ')`,
    });
    return `SELECT d.oid, d.defaclnamespace = 0 AS global, dn.nspname, d.defaclobjtype::text AS objtype,
        pg_catalog.pg_get_userbyid(d.defaclrole) AS role, ${commands} AS sql
      FROM pg_catalog.pg_default_acl d LEFT JOIN pg_catalog.pg_namespace dn ON dn.oid = d.defaclnamespace
      WHERE d.defaclobjtype = '${letter}'`;
  });
  return `SELECT q.oid, q.sql FROM (${parts.join('\nUNION ALL\n')}) q WHERE q.sql IS NOT NULL
    ORDER BY q.global, q.nspname COLLATE "C", q.objtype COLLATE "C", q.role COLLATE "C"`;
}
