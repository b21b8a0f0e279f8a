/**
 * Version 3: files as applications keep them. A `content_type`,
 * `mime_type` or `media_type` holds a MIME type (`image/png`,
 * `application/pdf`), the common ones most often; a `file_name` /
 * `filename` (ActiveStorage's `filename`, Paperclip's `avatar_file_name`)
 * is a readable name whose extension agrees with the row's MIME type.
 */
import type { RowRandom } from '../random.js';
import { nameTokens } from './column-names.js';
import { NOUNS } from './locale-data.js';
import { type SemanticBuild, type SemanticGenerator, siblingReader } from './semantic-generator.js';

/** MIME types and their usual extension, each repeated by how common it is. */
const FILE_TYPES: readonly (readonly [string, string, number])[] = [
  ['image/jpeg', 'jpg', 6],
  ['image/png', 'png', 5],
  ['application/pdf', 'pdf', 4],
  ['image/gif', 'gif', 1],
  ['image/webp', 'webp', 1],
  ['image/svg+xml', 'svg', 1],
  ['text/plain', 'txt', 1],
  ['text/csv', 'csv', 1],
  ['application/zip', 'zip', 1],
  ['application/json', 'json', 1],
  ['video/mp4', 'mp4', 1],
  ['audio/mpeg', 'mp3', 1],
  ['application/msword', 'doc', 1],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx', 1],
  ['application/vnd.ms-excel', 'xls', 1],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx', 1],
  ['application/octet-stream', 'bin', 1],
];

const EXTENSION_OF: ReadonlyMap<string, string> = new Map(FILE_TYPES.map(([mime, ext]) => [mime, ext]));

/** The MIME types of at most `maxLength` characters, repeated by weight. */
function weightedTypes(maxLength: number): readonly string[] {
  const list: string[] = [];
  for (const [mime, , weight] of FILE_TYPES) {
    if (mime.length <= maxLength) for (let i = 0; i < weight; i++) list.push(mime);
  }
  return list.length > 0 ? list : ['text/plain'.slice(0, maxLength)];
}

/** `image/jpeg`, `application/pdf`: a MIME type, the common ones most often. */
export function createMimeTypeGenerator(build: SemanticBuild): SemanticGenerator {
  const types = weightedTypes(build.maxLength);
  return { escapeFree: true, random: (rand) => types[rand.below(types.length)] as string };
}

/** How a file is named, by its kind: a camera's `IMG_4821`, else words (`quarterly_report`). */
function baseName(rand: RowRandom, ext: string): string {
  if ((ext === 'jpg' || ext === 'png') && rand.chance(0.4)) {
    return `${rand.chance(0.5) ? 'IMG' : 'photo'}_${1000 + rand.below(9000)}`;
  }
  const first = rand.pick(NOUNS);
  const separator = rand.chance(0.5) ? '_' : '-';
  return rand.chance(0.5)
    ? `${first}${separator}${rand.pick(NOUNS)}`
    : `${first}${separator}${2015 + rand.below(11)}`;
}

const BARE_MIME_WORDS = new Set(['content', 'mime', 'media', 'contenttype', 'mimetype']);

/**
 * The row's MIME type column this file name agrees with: one sharing the
 * name's leading words (Paperclip's `avatar_file_name` with
 * `avatar_content_type`), else the table's only one.
 */
function mimeSibling(build: SemanticBuild): string | null {
  const prefix = build.tokens.slice(0, Math.max(0, build.tokens.indexOf('file'))).join('_');
  const mimes = build.table.columns.filter(
    (c) => c.name !== build.column.name && !c.generated && build.ctx.siblingKind(c.name) === 'mime_type',
  );
  // `filename` goes with a bare `content_type`, `avatar_file_name` with `avatar_content_type`.
  const same = mimes.find((c) =>
    prefix === ''
      ? BARE_MIME_WORDS.has(nameTokens(c.name)[0] ?? '')
      : c.name.toLowerCase().startsWith(prefix),
  );
  if (same) return same.name;
  return mimes.length === 1 ? (mimes[0]?.name ?? null) : null;
}

/** `quarterly_report.pdf`, `IMG_4821.jpg`: the extension of the row's MIME type, within the column's length. */
export function createFileNameGenerator(build: SemanticBuild): SemanticGenerator {
  const sibling = mimeSibling(build);
  const readMime = sibling === null ? null : siblingReader(build.ctx, sibling);
  const types = weightedTypes(Number.POSITIVE_INFINITY);
  const { maxLength } = build;
  return {
    escapeFree: true,
    random(rand, row) {
      const mime = readMime?.(row) ?? types[rand.below(types.length)];
      const ext = EXTENSION_OF.get(mime ?? '') ?? 'bin';
      const name = `${baseName(rand, ext)}.${ext}`;
      if (name.length <= maxLength) return name;
      const short = `${rand.pick(NOUNS)}.${ext}`;
      return short.length <= maxLength ? short : short.slice(0, maxLength);
    },
  };
}

/** Version 3: `mime_type` or `file_name` for a text column's words, or null. */
export function fileKindFromName(tokens: readonly string[]): 'mime_type' | 'file_name' | null {
  const last = tokens[tokens.length - 1] ?? '';
  const before = tokens[tokens.length - 2] ?? '';
  if (last === 'mimetype' || last === 'contenttype') return 'mime_type';
  if (last === 'type' && (before === 'content' || before === 'mime' || before === 'media'))
    return 'mime_type';
  if (last === 'filename' || (last === 'name' && before === 'file')) return 'file_name';
  return null;
}
