/**
 * The tables in which a migration tool records which migrations ran (Rails'
 * `schema_migrations`, Flyway's `flyway_schema_history`, Alembic's
 * `alembic_version`, …). Invented rows there make the tool believe
 * migrations ran that do not exist (Flyway's validate then refuses to start
 * the application, Alembic sees unknown revisions, Rails lists "NO FILE"
 * entries), and emptying them makes it run every migration again: a load into
 * a database leaves them as they are (plan/table-selection.ts).
 *
 * A table is one by its name, and for the names other tables also use
 * (`migrations`, `schema_version`) by the columns its tool gives it.
 */
/** What names a table as a migration tool's: its name and its columns' names. */
interface TableShape {
  readonly name: string;
  readonly columns: readonly { readonly name: string }[];
}

/** Names only a migration tool gives a table (lower case), and the tool. */
const HISTORY_NAMES = new Map<string, string>([
  ['schema_migrations', 'Rails, Ecto, golang-migrate or dbmate'],
  ['ar_internal_metadata', 'Rails'],
  ['__diesel_schema_migrations', 'Diesel'],
  ['flyway_schema_history', 'Flyway'],
  ['alembic_version', 'Alembic'],
  ['django_migrations', 'Django'],
  ['knex_migrations', 'Knex'],
  ['knex_migrations_lock', 'Knex'],
  ['__efmigrationshistory', 'Entity Framework'],
  ['_prisma_migrations', 'Prisma'],
  ['goose_db_version', 'goose'],
  ['gorp_migrations', 'sql-migrate'],
  ['databasechangelog', 'Liquibase'],
  ['databasechangeloglock', 'Liquibase'],
  ['_sqlx_migrations', 'SQLx'],
  ['pgmigrations', 'node-pg-migrate'],
  ['sequelizemeta', 'Sequelize'],
  ['mikro_orm_migrations', 'MikroORM'],
  ['__drizzle_migrations', 'Drizzle'],
  ['kysely_migration', 'Kysely'],
  ['kysely_migration_lock', 'Kysely'],
  ['doctrine_migration_versions', 'Doctrine'],
  ['phinxlog', 'Phinx'],
  ['migrate_version', 'sqlalchemy-migrate'],
  ['atlas_schema_revisions', 'Atlas'],
  ['schema_info', 'Sequel'],
]);

/** Names other tables use too: the tool's table has these columns. */
const HISTORY_SHAPES: readonly { name: string; columns: readonly string[]; tool: string }[] = [
  { name: 'migrations', columns: ['migration', 'batch'], tool: 'Laravel' },
  { name: 'migrations', columns: ['timestamp', 'name'], tool: 'TypeORM' },
  { name: 'schema_version', columns: ['installed_rank', 'script', 'checksum'], tool: 'Flyway' },
];

/** Whether a table of this name may be a migration tool's history (by its name alone, or by its columns too). */
export function isMigrationHistoryName(name: string): boolean {
  const lower = name.toLowerCase();
  return HISTORY_NAMES.has(lower) || HISTORY_SHAPES.some((s) => s.name === lower);
}

/** The migration tool whose history the table is, or null. */
export function migrationHistoryTool(table: TableShape): string | null {
  const name = table.name.toLowerCase();
  const tool = HISTORY_NAMES.get(name);
  if (tool !== undefined) return tool;
  const columns = new Set(table.columns.map((c) => c.name.toLowerCase()));
  const shape = HISTORY_SHAPES.find((s) => s.name === name && s.columns.every((c) => columns.has(c)));
  return shape?.tool ?? null;
}

/** The tools that name their history table so (`migrations`: Laravel or TypeORM), whatever its columns; else null. */
export function historyToolsNamed(name: string): string | null {
  const lower = name.toLowerCase();
  const shaped = HISTORY_SHAPES.filter((s) => s.name === lower).map((s) => s.tool);
  return HISTORY_NAMES.get(lower) ?? (shaped.length > 0 ? [...new Set(shaped)].join(' or ') : null);
}
