/**
 * Domains reached inside another type (a composite's field, an array of
 * composites): the type generators make their values within the bounds a
 * domain's CHECKs compile to; a CHECK bounds cannot carry (a pattern, an
 * excluded value) is met here, by the CHECK-aware generator a column of
 * the domain gets.
 */
import { needsCheckGenerator } from '../checks/check-hints.js';
import { compileChecks } from '../checks/compile-checks.js';
import { domainCheckOptions } from '../checks/type-resolution.js';
import type { DomainType } from '../schema/model.js';
import { displayName } from '../schema/names.js';
import { createCheckGenerator } from './check-generator.js';
import type { TypeContext, ValueGenerator } from './types/index.js';

/** `ctx` with the `checkedDomain` hook: nested domains' values made to their CHECKs. */
export function withCheckedDomains<T extends TypeContext>(ctx: T): T {
  return {
    ...ctx,
    checkedDomain(domain: DomainType, base, plain): ValueGenerator | undefined {
      if (domain.checks.length === 0) return undefined;
      const compiled = compileChecks(
        domain.checks.map((c) => c.expr),
        domainCheckOptions(ctx),
        new Set(['value']),
      );
      const hints = compiled.hints.get('value');
      if (hints === undefined || !needsCheckGenerator(hints, base)) return undefined;
      const checked = createCheckGenerator(`domain ${displayName(domain)}`, base, hints, ctx, plain);
      return { random: (rand) => checked.random(rand) ?? plain.random(rand) };
    },
  };
}
