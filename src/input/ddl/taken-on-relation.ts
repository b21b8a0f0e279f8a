/**
 * A trigger, rule or policy made twice on one relation (a migration run
 * twice, a statement repeated) without OR REPLACE: PostgreSQL refuses the
 * second (`trigger "tr" for relation "t" already exists`); datagen wrote
 * both post-data and the load stopped there. What is made is read from the
 * post-data statements so far (a DROP or RENAME takes it out or renames
 * it); not judged once code the DDL runs as it loads (a kept DO block, a kept call of a routine that runs
 * DDL) may drop one unseen.
 */
import type { RangeVar } from 'libpg-query';
import { displayName } from '../../schema/names.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';

const KINDS: Readonly<Record<string, string>> = { TRIGGER: 'trigger', RULE: 'rule', POLICY: 'policy' };

/** A located problem when `desc` (TRIGGER, RULE, POLICY) `name` is on `relation` already and not replaced. */
export function reportTakenOnRelation(
  ctx: DdlContext,
  stmt: SourceStatement,
  desc: 'TRIGGER' | 'RULE' | 'POLICY',
  relation: RangeVar | undefined,
  name: string,
  replace: boolean,
): void {
  if (replace || relation === undefined || ctx.calledFunctions.codeMayCreate) return;
  const q = ctx.resolveRelation(relation);
  const tag = `${q.name} ${name}`;
  if (!ctx.out.some((s) => s.desc === desc && s.namespace === q.schema && s.tag === tag)) return;
  const kind = KINDS[desc] ?? desc;
  ctx.builder.problems.push({
    location: stmt.location,
    message: `CREATE ${desc} ${name} ON ${displayName(q)}: the ${kind} is made earlier in the DDL, so PostgreSQL refuses this one ("${kind} "${name}" for ${desc === 'POLICY' ? 'table' : 'relation'} "${q.name}" already exists"); remove the repeat${desc === 'POLICY' ? ', or DROP POLICY first' : `, or write CREATE OR REPLACE ${desc}`}`,
  });
}
