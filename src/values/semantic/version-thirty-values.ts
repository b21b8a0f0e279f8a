/**
 * Version 30's values (issue 11, session 37): a parent's count of its children (child-counts30.ts), and a
 * post's, an answer's, a comment's `score` as a Q&A or social site keeps it: the sum of its votes, small
 * and near 0, a long tail up, a few below zero where no CHECK and the type allow (were 0 to 100 around 70,
 * an exam's); a comment's never below zero, mostly none.
 */
import { withChildRowCount } from './child-counts30.js';
import { nameTokens, singular } from './column-names.js';
import { normal } from './money-values.js';
import { createMeasureGenerator } from './number-values.js';
import type { SemanticBuild, SemanticGenerator } from './semantic-generator.js';
import { type SemanticKind, typeFamilyOf } from './semantic-kind.js';
import { isConstrained } from './version-nineteen-names.js';

/** Tables of a Q&A or social site's posts, voted up and down. */
const VOTED = new Set('post question answer story submission thread topic tweet link article'.split(' '));
/** Tables of its comments and replies: voted up only. */
const COMMENTS = new Set(['comment', 'reply']);

/** A voted score's table: 'post', 'comment', or null for any other score (an exam's, a match's). */
function votedScoreOf(build: Pick<SemanticBuild, 'table' | 'column' | 'base'>): 'post' | 'comment' | null {
  if (typeFamilyOf(build.base.name) !== 'integer' || nameTokens(build.column.name).join(' ') !== 'score')
    return null;
  if (isConstrained(build.table, build.column)) return null;
  const last = singular(nameTokens(build.table.name).at(-1) ?? '');
  return VOTED.has(last) ? 'post' : COMMENTS.has(last) ? 'comment' : null;
}

/** A post's votes: 8% below zero (down to -5), a fifth none, else about 2 with a long tail (rarely past 100). */
function postScore(build: SemanticBuild): SemanticGenerator {
  return createMeasureGenerator(build, 0, (rand) => {
    const u = rand.float();
    if (u < 0.08) return -1 - Math.floor(-Math.log(1 - rand.float()) * 1.2);
    if (u < 0.28) return 0;
    return Math.min(25_000, Math.max(1, Math.round(Math.exp(0.7 + 1.3 * normal(rand)))));
  });
}

/** A comment's votes: none in 70% of rows, else 1 to a few. */
function commentScore(build: SemanticBuild): SemanticGenerator {
  return createMeasureGenerator(build, 0, (rand) =>
    rand.chance(0.7) ? 0 : Math.min(500, 1 + Math.floor(-Math.log(1 - rand.float()) * 1.5)),
  );
}

/** Version 30's generator for a column it reads, else `usual`. */
export function withVersionThirty(
  build: SemanticBuild,
  kind: SemanticKind,
  usual: SemanticGenerator,
): SemanticGenerator {
  if (build.version < 30 || kind === null) return usual;
  const voted = kind === 'score' ? votedScoreOf(build) : null;
  if (voted !== null) return voted === 'post' ? postScore(build) : commentScore(build);
  return withChildRowCount(build, kind, usual);
}

/** The plan's words for a version 30 column (a voted score), or null. */
export function versionThirtyText(
  build: Pick<SemanticBuild, 'table' | 'column' | 'base' | 'version'>,
  kind: SemanticKind,
): string | null {
  if (build.version < 30 || kind !== 'score') return null;
  const voted = votedScoreOf(build);
  if (voted === null) return null;
  return voted === 'post'
    ? ', votes of a post: a fifth 0, about 2, a long tail up, 8% below zero'
    : ', votes of a comment: none in 70% of rows, else 1 to a few';
}
