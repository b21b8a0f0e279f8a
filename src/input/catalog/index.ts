/**
 * A live database's schema read from its catalog over a session datagen
 * holds (no pg_dump, no second connection): DDL text written by the
 * server's own deparsers, in pg_dump's order, then read by the DDL parser
 * like any script, so one model builder stays.
 */

import { defaultAclQuery } from './annotations.js';
import {
  castStatements,
  operatorClassStatements,
  operatorFamilyStatements,
} from './casts-and-operator-classes.js';
import {
  type CatalogClient,
  type CatalogContext,
  type CatalogStatement,
  catalogRows,
  catalogStatements,
} from './catalog-query.js';
import {
  collationStatements,
  configurationStatements,
  dictionaryStatements,
} from './collations-and-text-search.js';
import { dumpOrder, orderedObjects, PRIORITY } from './dump-order.js';
import { extensionMemberAcls } from './extension-privileges.js';
import { postDataStatements } from './post-data.js';
import {
  eventTriggerStatements,
  publicationStatements,
  statisticsStatements,
} from './publications-and-event-triggers.js';
import { aggregateStatements, functionStatements, operatorStatements, viewStatements } from './routines.js';
import {
  attachStatements,
  identityStatements,
  separateDefaultStatements,
  sequenceStatements,
  tableStatements,
} from './tables.js';
import {
  extensionStatements,
  loopingDomainCheckStatements,
  schemaStatements,
  typeStatements,
} from './types.js';

export type { CatalogClient } from './catalog-query.js';

/** The oldest server the reader knows the catalog of (12: pg_attribute.attgenerated). */
export const OLDEST_CATALOG_SERVER = 120000;

/**
 * The schema's DDL, read in one read-only snapshot with an empty search_path
 * (every name the server prints is schema-qualified, as in pg_dump's output)
 * and JIT off (set for the snapshot's transaction only).
 */
export async function readCatalogDdl(client: CatalogClient): Promise<string> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    await client.query("SELECT pg_catalog.set_config('search_path', '', true)");
    // No JIT for this snapshot's queries: their planned costs are high (subqueries per pg_depend row), so a server
    // with jit on (the default) compiled each one with LLVM: danbooru's dependency query took 0.2 s to run and
    // 10-20 s of server CPU to compile (878 functions), its privileges query 5 s more.
    await client.query("SELECT pg_catalog.set_config('jit', 'off', true)");
    const [row] = await catalogRows(
      { client, version: 0 },
      "SELECT pg_catalog.current_setting('server_version_num') AS v",
    );
    const context: CatalogContext = { client, version: Number(row?.v) };
    const text = await catalogText(context);
    await client.query('COMMIT');
    return text;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function catalogText(context: CatalogContext): Promise<string> {
  const preData = await dumpOrder(context, [
    ...orderedObjects(await typeStatements(context), 't', PRIORITY.type),
    ...orderedObjects(await castStatements(context), 'k', PRIORITY.cast),
    ...orderedObjects(await functionStatements(context), 'p', PRIORITY.function),
    ...orderedObjects(await aggregateStatements(context), 'p', PRIORITY.aggregate),
    ...orderedObjects(await operatorStatements(context), 'o', PRIORITY.operator),
    ...orderedObjects(await operatorFamilyStatements(context), 'f', PRIORITY.operatorFamily),
    ...orderedObjects(await operatorClassStatements(context), 'l', PRIORITY.operatorFamily),
    ...orderedObjects(await dictionaryStatements(context), 'd', PRIORITY.textSearchDictionary),
    ...orderedObjects(await configurationStatements(context), 'g', PRIORITY.textSearchConfiguration),
    ...orderedObjects(await sequenceStatements(context), 'c', PRIORITY.table),
    ...orderedObjects(await tableStatements(context), 'c', PRIORITY.table),
    ...orderedObjects(await identityStatements(context), 'c', PRIORITY.table),
    ...orderedObjects(await viewStatements(context), 'c', PRIORITY.table),
  ]);
  const parts: CatalogStatement[][] = [
    await schemaStatements(context),
    await extensionStatements(context),
    await collationStatements(context),
    preData,
    await attachStatements(context),
    await separateDefaultStatements(context),
    await loopingDomainCheckStatements(context),
    await postDataStatements(context),
    await statisticsStatements(context),
    await publicationStatements(context),
    await eventTriggerStatements(context),
  ];
  const statements = parts.flat().filter((s) => s.sql !== '');
  // pg_dump's ACL pass: every object's GRANT/REVOKE after everything, in the objects' order, then default privileges.
  const acls = statements.flatMap((s) => (s.acl ? [{ oid: s.oid, sql: s.acl }] : []));
  // Then the extensions' members whose privileges were changed after CREATE EXTENSION.
  acls.push(...(await extensionMemberAcls(context)));
  const defaults = await catalogStatements(context, defaultAclQuery());
  const header =
    "SET check_function_bodies = false;\nSELECT pg_catalog.set_config('search_path', '', false);\n";
  return `${header}${[...statements, ...acls, ...defaults].map((s) => `\n${s.sql}\n`).join('')}`;
}
