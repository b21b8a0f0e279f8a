/**
 * A value for a json path of the kind it is read as (plan/json-path-demands.ts):
 * words for text (within a varchar's length), a JSON boolean (mostly false:
 * `deleted`-like flags), a small number, a timestamp or date as PostgreSQL
 * reads it, an interval as `hh:mm:ss`, a uuid, an enum's label.
 */
import type { JsonPathDemand } from '../checks/check-hints.js';
import { RowRandom } from './random.js';
import { WORDS } from './types/words.js';

const DAY = 86_400;
/** 2020-01-01 00:00:00 UTC, and five years after it: timestamps fall between. */
const FROM = 1_577_836_800;
const SPAN = 5 * 365 * DAY;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function isoTime(seconds: number): { date: string; time: string } {
  const d = new Date(seconds * 1000);
  return {
    date: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
  };
}

function words(rand: RowRandom, maxLength: number | undefined): string {
  const limit = Math.max(1, maxLength ?? 40);
  let out = WORDS[rand.below(WORDS.length)] as string;
  const more = rand.below(3);
  for (let i = 0; i < more; i++) {
    const next = `${out}.${WORDS[rand.below(WORDS.length)] as string}`;
    if ([...next].length > limit) break;
    out = next;
  }
  return [...out].length <= limit ? out : [...out].slice(0, limit).join('');
}

export function jsonPathValue(demand: JsonPathDemand, rand: RowRandom): unknown {
  switch (demand.kind) {
    case 'boolean':
      return rand.below(10) === 0;
    case 'integer':
      return 1 + rand.below(1000);
    case 'number':
      return Math.round((1 + rand.below(100_000)) / 10) / 10;
    case 'timestamptz': {
      const t = isoTime(FROM + rand.below(SPAN));
      return `${t.date}T${t.time}Z`;
    }
    case 'timestamp': {
      const t = isoTime(FROM + rand.below(SPAN));
      return `${t.date}T${t.time}`;
    }
    case 'date':
      return isoTime(FROM + rand.below(SPAN)).date;
    case 'interval': {
      const s = 1 + rand.below(3 * 3600);
      return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
    }
    case 'uuid': {
      let hex = '';
      for (let i = 0; i < 32; i++)
        hex += (i === 12 ? 4 : i === 16 ? 8 + rand.below(4) : rand.below(16)).toString(16);
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    }
    case 'enum': {
      const values = demand.values ?? [];
      return values.length > 0 ? values[rand.below(values.length)] : words(rand, demand.maxLength);
    }
    case 'text':
      return words(rand, demand.maxLength);
  }
}

/**
 * A document (`base`, an object's JSON) holding every path with a value of
 * the kind it is read as .
 */
export function jsonWithPaths(base: string, paths: readonly JsonPathDemand[], rand: RowRandom): string {
  const root = JSON.parse(base) as Record<string, unknown>;
  for (const demand of paths) {
    // A step of digits is an array's element (`-> 0`), any other a member.
    let at: Record<string, unknown> | unknown[] = root;
    demand.path.forEach((step, i) => {
      const key = /^\d+$/.test(step) && Array.isArray(at) ? Number(step) : step;
      const slot = at as Record<string | number, unknown>;
      if (i === demand.path.length - 1) {
        slot[key] = jsonPathValue(demand, rand);
        return;
      }
      const wantsArray = /^\d+$/.test(demand.path[i + 1] as string) && Number(demand.path[i + 1]) < 8;
      const next = slot[key];
      const fits = wantsArray
        ? Array.isArray(next)
        : typeof next === 'object' && next !== null && !Array.isArray(next);
      if (!fits)
        slot[key] = wantsArray ? Array.from({ length: Number(demand.path[i + 1]) + 1 }, () => ({})) : {};
      at = slot[key] as Record<string, unknown> | unknown[];
    });
  }
  return JSON.stringify(root);
}

/** The row's distinct value at a unique key's path: `k` and its number in base 36 (text), or the number + 1. */
function uniqueAt(demand: JsonPathDemand | undefined, k: number): unknown {
  if (demand?.kind === 'integer' || demand?.kind === 'number') return k + 1;
  return `k${k.toString(36)}`;
}

/** The distinct values `uniqueAt` has room for at a path read as `demand` (0 for none). */
function pathSpace(demand: JsonPathDemand | undefined): number {
  // `k` + base 36 within the path's varchar length (text), else up to 2^31 (integers fit int4).
  const length = demand?.kind === 'text' ? (demand.maxLength ?? 12) : undefined;
  if (length === undefined) return 2 ** 31 - 1;
  return length < 2 ? 0 : Math.min(2 ** 31 - 1, 36 ** Math.min(length - 1, 6));
}

/**
 * Unique documents for a unique key over a json path (`(doc ->> 'name')`, a
 * generated column `value ->> 'id'` in a key): every path the table reads
 * holds a value of its kind, the key's path a distinct text (or number) per
 * k; from version 29 so too every other key's path (`uniquePaths` past the
 * first: Logto's `->> 'host'` and `-> 'customDomains' -> 0 ->> 'domain'`).
 * Undefined when a key's path is read as another kind (a timestamp).
 */
export function jsonPathsUnique(
  paths: readonly JsonPathDemand[],
  uniquePaths: readonly (readonly string[])[],
  seedKey: number,
): { space: number; value: (k: number) => string } | undefined {
  const key = (p: readonly string[]) => p.join('\u0000');
  const unique = new Set(uniquePaths.map(key));
  const demands = uniquePaths.map((u) => paths.find((d) => key(d.path) === key(u)));
  if (demands.some((d) => d && !['text', 'integer', 'number'].includes(d.kind))) return undefined;
  const others = paths.filter((d) => !unique.has(key(d.path)));
  const space = Math.min(...demands.map(pathSpace));
  const random = new RowRandom();
  return {
    space,
    value: (k) => {
      const doc = JSON.parse(jsonWithPaths('{}', others, random.at(seedKey, k))) as Record<string, unknown>;
      const shaped = uniquePaths.map((path) => ({ path, kind: 'text' as const }));
      const out = JSON.parse(jsonWithPaths(JSON.stringify(doc), shaped, random)) as Record<string, unknown>;
      uniquePaths.forEach((path, i) => {
        setAt(out, path, uniqueAt(demands[i], k));
      });
      return JSON.stringify(out);
    },
  };
}

function setAt(root: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let at: Record<string, unknown> = root;
  path.forEach((step, i) => {
    if (i === path.length - 1) at[step] = value;
    else at = at[step] as Record<string, unknown>;
  });
}
