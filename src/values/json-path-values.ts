/**
 * A value for a json path of the kind it is read as (plan/json-path-demands.ts):
 * words for text (within a varchar's length), a JSON boolean (mostly false:
 * `deleted`-like flags), a small number, a timestamp or date as PostgreSQL
 * reads it, an interval as `hh:mm:ss`, a uuid, an enum's label.
 */
import type { JsonPathDemand } from '../checks/check-hints.js';
import type { RowRandom } from './random.js';
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
