/**
 * Version 17: tags as people write them: short lowercase words of the
 * table's subject (a post's or a question's topics, a product's
 * attributes), in `tags text[]`, `tags varchar`, `keywords` and a tags
 * table's `name`.
 */
import type { Column, Table } from '../../schema/model.js';
import { nameTokens } from './column-names.js';
import { localeTags31 } from './locale-tags31.js';

/** Topics of posts, articles, questions and most other things. */
export const TOPIC_TAGS: readonly string[] = [
  'javascript',
  'python',
  'postgresql',
  'react',
  'css',
  'docker',
  'linux',
  'security',
  'testing',
  'performance',
  'design',
  'career',
  'travel',
  'food',
  'photography',
  'music',
  'health',
  'fitness',
  'finance',
  'startup',
  'marketing',
  'productivity',
  'tutorial',
  'news',
  'opinion',
  'review',
  'release',
  'howto',
  'beginners',
  'ai',
  'data',
  'web',
  'mobile',
  'cloud',
  'api',
  'opensource',
  'devops',
  'books',
  'science',
  'education',
];
/** Attributes of products, items and listings. */
export const PRODUCT_TAGS: readonly string[] = [
  'new',
  'sale',
  'bestseller',
  'organic',
  'handmade',
  'eco-friendly',
  'wireless',
  'waterproof',
  'vintage',
  'premium',
  'limited',
  'lightweight',
  'portable',
  'rechargeable',
  'gift',
  'bundle',
  'cotton',
  'leather',
  'vegan',
  'gluten-free',
  'kids',
  'outdoor',
  'summer',
  'winter',
  'classic',
  'compact',
  'durable',
  'unisex',
  'recycled',
  'imported',
];
const TAG_NAMES = new Set(['tags', 'tag', 'keywords', 'keyword', 'hashtags', 'hashtag', 'topics']);
const PRODUCT_WORDS = new Set([
  'product',
  'products',
  'item',
  'items',
  'sku',
  'skus',
  'listing',
  'listings',
  'goods',
]);

/** A column of tags: `tags`, `keywords`, `post_tags`; a tags table's `name`, `title`, `label`. */
export function isTagColumn(table: Table, column: Column): boolean {
  const t = nameTokens(column.name);
  if (TAG_NAMES.has(t[t.length - 1] ?? '')) return true;
  const tableWords = nameTokens(table.name);
  return (
    TAG_NAMES.has(tableWords[tableWords.length - 1] ?? '') && ['name', 'title', 'label'].includes(t.join('_'))
  );
}

/** Version 26: what a support ticket is about and how it stands, as a help desk tags it. */
export const SUPPORT_TAGS: readonly string[] = [
  'billing',
  'bug',
  'login',
  'account',
  'urgent',
  'refund',
  'feature-request',
  'password-reset',
  'mobile',
  'api',
  'integration',
  'performance',
  'onboarding',
  'invoice',
  'subscription',
  'email',
  'export',
  'permissions',
  'data-import',
  'notifications',
  'vip',
  'escalated',
  'duplicate',
  'how-to',
];
/** A help desk's table (`tickets`, `support_requests`, `incidents`): its tags are SUPPORT_TAGS from version 26. */
const SUPPORT_TABLE = /ticket|incident|helpdesk|support|complaint/;

/**
 * The tags of a table's subject: a product's attributes where its name says product, else topics; version 26:
 * a help desk's tags (billing, bug, login) on a ticket; version 31: a product's and a post's in the run's
 * locale `localeCode` where it is de, fr or es (locale-tags31.ts).
 */
export function tagWordsOf(
  table: Table,
  maxLength: number,
  version = 25,
  localeCode?: string,
): readonly string[] {
  const product = nameTokens(table.name).some((w) => PRODUCT_WORDS.has(w));
  const support = version >= 26 && !product && SUPPORT_TABLE.test(table.name.toLowerCase());
  const local =
    version >= 31 && !support ? localeTags31(product ? 'product' : 'topic', localeCode) : undefined;
  const words = local ?? (support ? SUPPORT_TAGS : product ? PRODUCT_TAGS : TOPIC_TAGS);
  return words.filter((w) => w.length <= maxLength);
}
