/**
 * What differs between the run a directory records (a stopped run's
 * progress identity, a completed run's manifest header) and the run asked
 * for now, told as the user's settings (`seed 42 (now 7)`, `rows of
 * public.orders 5000 (now 3000)`), for `--resume`'s refusal.
 */
import { quoteQualified } from '../schema/quote.js';

const SHOWN = 4;

/** A value as a message shows it (strings bare, long texts cut). */
function shown(value: unknown): string {
  if (value === undefined || value === null) return 'unset';
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? 'unset');
  return text.length > 48 ? `${text.slice(0, 44)}…` : text;
}

/**
 * The name of a manifest table entry (`public.orders`), quoted as SQL needs it (`public."../etc"` was
 * `public.../etc`), or undefined for another array element.
 */
function entryName(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { schema, name } = value as { schema?: unknown; name?: unknown };
  return typeof schema === 'string' && typeof name === 'string'
    ? quoteQualified({ schema, name })
    : undefined;
}

/** The settings' names as the user knows them. */
const LABELS: Readonly<Record<string, string>> = {
  datagen: 'datagen version',
  generators: 'generator version',
  format: '-F',
  seed: '--seed',
  'options.plan': "the plan's per-column decisions (a configuration file, --set or the schema changed)",
  'options.chunkSize': '--chunk-size (bytes)',
  'options.referenceTime': '--reference-time',
  'options.nullRate': '--null-rate',
  'options.compression': '-Z',
  'options.shard': '--shard',
  'options.locale': '--locale',
};

function differencesAt(
  before: unknown,
  now: unknown,
  path: string,
  out: string[],
  ignored: ReadonlySet<string>,
  word: string,
): void {
  if (JSON.stringify(before) === JSON.stringify(now)) return;
  if (Array.isArray(before) && Array.isArray(now)) {
    const names = before.map(entryName);
    if (before.length !== now.length || now.some((e, i) => entryName(e) !== names[i])) {
      const list = (a: readonly unknown[]) => a.map((e) => entryName(e) ?? shown(e)).join(', ');
      out.push(`${path}: ${list(before)} (${word} ${list(now)})`);
      return;
    }
    before.forEach((e, i) => {
      differencesAt(
        e,
        now[i],
        names[i] === undefined ? `${path}[${i}]` : `of ${names[i]}`,
        out,
        ignored,
        word,
      );
    });
    return;
  }
  if (typeof before === 'object' && before !== null && typeof now === 'object' && now !== null) {
    const keys = new Set([...Object.keys(before), ...Object.keys(now)]);
    for (const key of keys) {
      if (ignored.has(key)) continue;
      const inner = path.startsWith('of ') ? `${key} ${path}` : path === '' ? key : `${path}.${key}`;
      differencesAt(
        (before as Record<string, unknown>)[key],
        (now as Record<string, unknown>)[key],
        inner,
        out,
        ignored,
        word,
      );
    }
    return;
  }
  const label = LABELS[path] ?? path.replace(/^options\./, '');
  out.push(path === 'options.plan' ? label : `${label} ${shown(before)} (${word} ${shown(now)})`);
}

/**
 * What differs between two runs' JSON descriptions, a phrase each, at most
 * four and a count of the rest; empty when they are the same (or either is
 * not JSON). Keys named in `ignored` (a manifest's `files`) are passed over;
 * `word` introduces the other value (`--seed 42 (now 7)`).
 */
export function runDifferences(
  before: string,
  now: string,
  ignored: readonly string[] = [],
  word = 'now',
): string[] {
  let a: unknown;
  let b: unknown;
  try {
    a = JSON.parse(before);
    b = JSON.parse(now);
  } catch {
    return [];
  }
  const found: string[] = [];
  differencesAt(a, b, '', found, new Set(ignored), word);
  // The plan's digest follows the settings: named only when nothing else tells why it moved.
  const plan = LABELS['options.plan'] as string;
  const out = found.length > 1 ? found.filter((d) => d !== plan) : found;
  return out.length > SHOWN ? [...out.slice(0, SHOWN), `${out.length - SHOWN} more`] : out;
}
