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

/** How each kind is told, and the one name its second CREATE is not judged for. */
const KINDS = {
  // `public` is left to pg_dump's handling of it.
  schema: { made: 'made', exempt: 'public' },
  // plpgsql, which every database has, is written apart.
  extension: { made: 'created', exempt: 'plpgsql' },
} as const;

/** A second CREATE `kind` `name` of one made and not dropped since (`listed`: in the builder's list): a located problem. */
function reportMadeTwice(
  ctx: Pick<DdlContext, 'builder'>,
  kind: keyof typeof KINDS,
  name: string,
  listed: boolean,
  ifNotExists: boolean,
  location: SourceLocation,
): void {
  const before = madeBefore(ctx, kind, name, listed);
  const { made, exempt } = KINDS[kind];
  if (ifNotExists || name === exempt || !before) return;
  const word = kind.toUpperCase();
  ctx.builder.problems.push({
    location,
    message: `CREATE ${word} ${name}: the ${kind} is ${made} earlier in the DDL and not dropped, so PostgreSQL refuses this one (${kind} "${name}" already exists); remove one, or write CREATE ${word} IF NOT EXISTS`,
  });
}

/** A second CREATE SCHEMA `name`: a located problem. */
export function reportSchemaMadeTwice(
  ctx: Pick<DdlContext, 'builder'>,
  name: string,
  ifNotExists: boolean,
  location: SourceLocation,
): void {
  reportMadeTwice(ctx, 'schema', name, ctx.builder.namespaces.includes(name), ifNotExists, location);
}

/** A second CREATE EXTENSION `name`: a located problem. */
export function reportExtensionMadeTwice(
  ctx: Pick<DdlContext, 'builder'>,
  name: string,
  ifNotExists: boolean,
  location: SourceLocation,
): void {
  const listed = ctx.builder.extensions.some((e) => e.name === name);
  reportMadeTwice(ctx, 'extension', name, listed, ifNotExists, location);
}

/** DROP SCHEMA or DROP EXTENSION `name`: free to be made again. */
export function noteNamespaceDropped(
  ctx: Pick<DdlContext, 'builder'>,
  kind: 'schema' | 'extension',
  name: string,
): void {
  dropped(ctx).add(`${kind}\u0000${name}`);
}
