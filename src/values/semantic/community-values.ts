/**
 * Version 10: a Q&A site's words (StackOverflow's data dump read as a person
 * would): a badge's name among the site's badges, a content licence a
 * licence's name (were words, "Warped Giggle", "majestic").
 */
import type { Table } from '../../schema/model.js';
import { nameTokens } from './column-names.js';
import { pickerOf, type SemanticBuild, type SemanticGenerator } from './semantic-generator.js';

const BADGES: readonly string[] = [
  'Teacher',
  'Student',
  'Supporter',
  'Editor',
  'Commentator',
  'Scholar',
  'Autobiographer',
  'Critic',
  'Popular Question',
  'Notable Question',
  'Famous Question',
  'Nice Answer',
  'Good Answer',
  'Great Answer',
  'Nice Question',
  'Good Question',
  'Enlightened',
  'Necromancer',
  'Yearling',
  'Revival',
  'Informed',
  'Organizer',
  'Citizen Patrol',
  'Tumbleweed',
  'Custodian',
  'Announcer',
  'Curious',
  'Inquisitive',
  'Explainer',
  'Caucus',
  'Constituent',
  'Quorum',
  'Self-Learner',
  'Promoter',
  'Benefactor',
  'Investor',
];

const LICENSES: readonly string[] = [
  'CC BY-SA 4.0',
  'CC BY-SA 4.0',
  'CC BY-SA 4.0',
  'CC BY-SA 3.0',
  'CC BY-SA 3.0',
  'CC BY-SA 2.5',
  'CC BY 4.0',
  'MIT',
  'Apache-2.0',
  'GPL-3.0',
  'BSD-3-Clause',
];

export type CommunityTerm = 'badge' | 'license';

/** A badge's name (`name` of a `badges` table, `badge_name`), a licence (`license`, `content_license`). */
export function communityTermOf(table: Table, name: string): CommunityTerm | null {
  const t = nameTokens(name);
  const last = t[t.length - 1] ?? '';
  if (last === 'license' || last === 'licence') return 'license';
  const badgeTable = (nameTokens(table.name).at(-1) ?? '').startsWith('badge');
  if (last === 'name' && (t.includes('badge') || (t.length === 1 && badgeTable))) return 'badge';
  return null;
}

/** Version 10's generator of a community term, or null where the column is none (or no entry fits). */
export function createCommunityGenerator(build: SemanticBuild): SemanticGenerator | null {
  const term = communityTermOf(build.table, build.column.name);
  if (term === null) return null;
  const list = term === 'badge' ? BADGES : LICENSES;
  if (!list.some((entry) => entry.length <= build.maxLength)) return null;
  return pickerOf(list)(build);
}
