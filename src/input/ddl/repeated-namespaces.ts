/**
 * A CREATE SCHEMA or CREATE EXTENSION (without IF NOT EXISTS) of one the DDL
 * made already and has not dropped: PostgreSQL refuses the second (`schema
 * "s" already exists`, `extension "x" already exists`); datagen wrote both
 * and the output stopped loading there. A DROP SCHEMA or DROP EXTENSION makes
 * the name free again, so making it again is taken (the builder's lists keep
 * it: what the DDL used in it before the DROP is not external).
 */
import type { SourceLocation } from '../../errors.js';
import type { DdlContext } from './ddl-context.js';

/** The schemas and extensions (`schema NUL name`, `extension NUL name`) dropped since made, by schema builder. */
const droppedNames = new WeakMap<object, Set<string>>();

function dropped(ctx: Pick<DdlContext, 'builder'>): Set<string> {
  const names = droppedNames.get(ctx.builder) ?? new Set<string>();
  droppedNames.set(ctx.builder, names);
  return names;
}

/** Whether `kind` `name` is made and not dropped since; made (or made again) now, unless `ifNotExists` finds it. */
function madeBefore(ctx: Pick<DdlContext, 'builder'>, kind: string, name: string, listed: boolean): boolean {
  const live = listed && !dropped(ctx).has(`${kind}\u0000${name}`);
  dropped(ctx).delete(`${kind}\u0000${name}`);
  return live;
}

/** A second CREATE SCHEMA `name`: a located problem. `public` is left to pg_dump's handling of it. */
export function reportSchemaMadeTwice(
  ctx: Pick<DdlContext, 'builder'>,
  name: string,
  ifNotExists: boolean,
  location: SourceLocation,
): void {
  const before = madeBefore(ctx, 'schema', name, ctx.builder.namespaces.includes(name));
  if (ifNotExists || name === 'public' || !before) return;
  ctx.builder.problems.push({
    location,
    message: `CREATE SCHEMA ${name}: the schema is made earlier in the DDL and not dropped, so PostgreSQL refuses this one (schema "${name}" already exists); remove one, or write CREATE SCHEMA IF NOT EXISTS`,
  });
}

/** A second CREATE EXTENSION `name`: a located problem (plpgsql, which every database has, is written apart). */
export function reportExtensionMadeTwice(
  ctx: Pick<DdlContext, 'builder'>,
  name: string,
  ifNotExists: boolean,
  location: SourceLocation,
): void {
  const before = madeBefore(
    ctx,
    'extension',
    name,
    ctx.builder.extensions.some((e) => e.name === name),
  );
  if (ifNotExists || name === 'plpgsql' || !before) return;
  ctx.builder.problems.push({
    location,
    message: `CREATE EXTENSION ${name}: the extension is created earlier in the DDL and not dropped, so PostgreSQL refuses this one (extension "${name}" already exists); remove one, or write CREATE EXTENSION IF NOT EXISTS`,
  });
}

/** DROP SCHEMA or DROP EXTENSION `name`: free to be made again. */
export function noteNamespaceDropped(
  ctx: Pick<DdlContext, 'builder'>,
  kind: 'schema' | 'extension',
  name: string,
): void {
  dropped(ctx).add(`${kind}\u0000${name}`);
}
