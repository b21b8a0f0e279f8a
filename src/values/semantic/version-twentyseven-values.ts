/**
 * Version 27's values (issue 11, session 34), columns that read another of
 * their row: a mailing's `sent` by its status (all of its audience where
 * the campaign is finished, none where it is a draft or scheduled, a share
 * while it is sending; was a share of it under `completed`); a listing's days on the market from its
 * dates (listed to sold, or to the reference day while it is still listed;
 * was a draw of its own, 55 days for a home listed two years ago); a car's
 * model year among the years its model was made (was any year: a 2009
 * Tesla Model Y).
 */
import type { Table } from '../../schema/model.js';
import { formatScaled } from '../types/format.js';
import { nameTokens } from './column-names.js';
import { columnWhere } from './line-amounts.js';
import { decimalShape } from './number-values.js';
import { REGION_COORDINATES_TEXT_27 } from './region-coordinates.js';
import {
  type SemanticBuild,
  type SemanticGenerator,
  siblingReader,
  siblingSeconds,
} from './semantic-generator.js';
import { type SemanticKind, type TypeFamily, typeFamilyOf } from './semantic-kind.js';
import { REFERENCE_SECONDS } from './time-values.js';
import { columnNamed26, named26For } from './version-twentysix-names.js';
import { MODEL_YEARS } from './work-words25.js';

/** What a version 27 column is. */
type Named27 = 'sent' | 'days_on_market' | 'car_year';

/** A campaign's statuses under which all of it went out, and under which nothing did yet. */
const ALL_SENT = new Set('finished completed complete sent done delivered succeeded'.split(' '));
const NONE_SENT = new Set('draft scheduled queued planned new pending created'.split(' '));
/** Statuses of a mailing still going out: a share of its audience. */
const SOME_SENT = new Set('sending running paused in_progress inprogress processing'.split(' '));
/** A listing's first day on the market, and its last (sold, withdrawn). */
export const LISTED = new Set(
  'listedat listedon listeddate listingdate listdate datelisted onmarketdate marketdate'.split(' '),
);
export const ENDED = new Set(
  'soldat soldon solddate datesold closedat closedon closedate closingdate offmarketat offmarketdate delistedat withdrawnat'.split(
    ' ',
  ),
);
const DAYS_ON_MARKET = new Set(['daysonmarket', 'dayslisted', 'daysonsite']);

const compact = (name: string) => nameTokens(name).join('');

/** The row's status column (`status`, `campaign_state`), or null. */
export const statusColumn = (table: Table, own: string) =>
  columnWhere(table, own, (t) => t[t.length - 1] === 'status' || t[t.length - 1] === 'state');

/** The temporal column of `table` whose compact name is in `names`, or null. */
export function timeColumn(table: Table, names: ReadonlySet<string>): string | null {
  const c = table.columns.find(
    (c) => !c.generated && typeFamilyOf(c.type.name) === 'temporal' && names.has(compact(c.name)),
  );
  return c?.name ?? null;
}

/** The car's model column (`model`, `model_name`), or null. */
const modelColumn = (table: Table): string | null =>
  table.columns.find((c) => !c.generated && ['model', 'modelname'].includes(compact(c.name)))?.name ?? null;

/** What a column is by version 27's reading, or null. */
function named27Of(table: Table, column: string, family: TypeFamily | null, kind: SemanticKind | null) {
  if (kind === null || family !== 'integer') return null;
  const sent = named26For(table, column, family, kind);
  if (sent === 'sent') return statusColumn(table, column) === null ? null : 'sent';
  if (sent === 'car_year') return modelColumn(table) === null ? null : 'car_year';
  return DAYS_ON_MARKET.has(compact(column)) && timeColumn(table, LISTED) !== null ? 'days_on_market' : null;
}

/** What was sent of a mailing by its status: its whole audience, none, else `usual`'s share. */
function sentByStatus(build: SemanticBuild, usual: SemanticGenerator): SemanticGenerator {
  const status = siblingReader(build.ctx, statusColumn(build.table, build.column.name) as string);
  const audienceColumn = columnNamed26(build.table, 'audience', 'integer');
  const audience = audienceColumn === null ? () => undefined : siblingReader(build.ctx, audienceColumn);
  return {
    escapeFree: true,
    random(rand, row) {
      const drawn = usual.random(rand, row);
      const said = String(status(row) ?? '').toLowerCase();
      const all = audience(row);
      if (ALL_SENT.has(said) && typeof all === 'string') return all;
      if (SOME_SENT.has(said) && typeof all === 'string')
        return String(Math.floor(Number(all) * rand.float()));
      return NONE_SENT.has(said) ? '0' : drawn;
    },
  };
}

/** A listing's days on the market: from its listing day to its sale (or the reference day), whole days. */
function daysOnMarket(build: SemanticBuild, usual: SemanticGenerator): SemanticGenerator {
  const listed = siblingSeconds(build.ctx, timeColumn(build.table, LISTED) as string);
  const endColumn = timeColumn(build.table, ENDED);
  const ended = endColumn === null ? () => undefined : siblingSeconds(build.ctx, endColumn);
  const { maxUnits } = decimalShape(build.base, 0);
  return {
    escapeFree: true,
    random(rand, row) {
      const drawn = usual.random(rand, row);
      const from = listed(row);
      const to = ended(row) ?? REFERENCE_SECONDS;
      if (from === undefined || to < from) return drawn;
      return formatScaled(Math.min(maxUnits, Math.floor((to - from) / 86_400)), 0);
    },
  };
}

/** A car's model year among its model's years: version 26's draw where it falls in them, else one of them. */
function carYearByModel(build: SemanticBuild, usual: SemanticGenerator): SemanticGenerator {
  const model = siblingReader(build.ctx, modelColumn(build.table) as string);
  return {
    escapeFree: true,
    random(rand, row) {
      const drawn = usual.random(rand, row);
      const years = MODEL_YEARS[String(model(row) ?? '')];
      const year = Number(drawn);
      if (years === undefined || drawn === '' || (year >= years[0] && year <= years[1])) return drawn;
      const [first, last] = years;
      return String(last - Math.floor((last - first + 1) * rand.float() ** 1.4));
    },
  };
}

/** Version 27's generator for a column it reads, else `usual`. */
export function withVersionTwentySeven(
  build: SemanticBuild,
  kind: SemanticKind,
  usual: SemanticGenerator,
): SemanticGenerator {
  if (build.version < 27) return usual;
  const named = named27Of(build.table, build.column.name, typeFamilyOf(build.base.name), kind);
  if (named === 'sent') return sentByStatus(build, usual);
  if (named === 'days_on_market') return daysOnMarket(build, usual);
  return named === 'car_year' ? carYearByModel(build, usual) : usual;
}

const TEXT: Readonly<Record<Named27, string>> = {
  sent: ", what was sent of the row's audience by its status (all of it when finished, none as a draft, a share while sending)",
  days_on_market: ', days on the market from the listing day to the sale (or to the reference day)',
  car_year: ", a car's model year among the years the row's model was made (2003 to 2025, recent most often)",
};

/** The plan's words for a version 27 column, or null. */
export function versionTwentySevenText(
  table: Table,
  column: string,
  family: TypeFamily | null,
  kind: SemanticKind | null,
  en: boolean,
): string | null {
  if ((kind === 'latitude' || kind === 'longitude') && en) return REGION_COORDINATES_TEXT_27;
  const named = named27Of(table, column, family, kind);
  return named === null ? null : TEXT[named];
}
