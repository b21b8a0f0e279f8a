/**
 * Names version 23 reads (version-twentythree-values.ts makes their values):
 * - a week's overtime (`overtime_hours`, `overtime`): 0 in most rows, else
 *   up to 20 (were durations up to 72);
 * - an hourly rate (`hourly_rate`, `hourly_wage`, `pay_rate`): 15 to 120 an
 *   hour (were prices up to thousands);
 * - a booking's party (`adults`, `children`, `guests`, `party_size`) and a
 *   room's `capacity`, `floor` and a stay's `nights`: small counts (were any
 *   number of the type);
 * - a sensor's measure with its unit (`temperature_c`, `pressure_hpa`,
 *   `co2_ppm`, `battery_voltage`): the unit's usual readings (were any
 *   number of the type).
 */
import type { Column, Table } from '../../schema/model.js';
import { nameTokens } from './column-names.js';
import type { SemanticKind, TypeFamily } from './semantic-kind.js';
import { supportTextOf, supportTextText } from './support-text.js';

/** What a version 23 name is. */
export type TwentyThreeName =
  | 'overtime'
  | 'hourly_rate'
  | 'adults'
  | 'children'
  | 'room_capacity'
  | 'floor'
  | 'nights'
  | 'sensor';

/** A sensor's usual readings in a unit: around `mid`, `spread` either side, within [low, high]. */
export interface SensorRange {
  readonly low: number;
  readonly high: number;
  readonly mid: number;
  readonly spread: number;
  readonly decimals: number;
}

const range = (low: number, high: number, mid: number, spread: number, decimals: number): SensorRange => ({
  low,
  high,
  mid,
  spread,
  decimals,
});
const CELSIUS = range(-30, 60, 21, 6, 1);
const PRESSURE_HPA = range(950, 1050, 1013, 8, 1);
const VOLTS = range(2.8, 4.2, 3.7, 0.25, 2);

/** Readings by the unit a name ends in (`temperature_c`), or by a quantity named alone (`temperature`). */
export const SENSOR_UNITS: Readonly<Record<string, SensorRange>> = {
  c: CELSIUS,
  celsius: CELSIUS,
  degc: CELSIUS,
  f: range(-20, 140, 70, 11, 1),
  fahrenheit: range(-20, 140, 70, 11, 1),
  hpa: PRESSURE_HPA,
  mbar: PRESSURE_HPA,
  kpa: range(95, 105, 101.3, 0.8, 2),
  psi: range(13, 16, 14.7, 0.12, 2),
  ppm: range(350, 5000, 650, 220, 0),
  v: VOLTS,
  volts: VOLTS,
  voltage: VOLTS,
  mv: range(2800, 4200, 3700, 250, 0),
  lux: range(0, 100000, 300, 250, 0),
  temperature: CELSIUS,
  temp: CELSIUS,
  pressure: PRESSURE_HPA,
  co2: range(350, 5000, 650, 220, 0),
};
/** Words that say a name ending in a one-letter unit is a sensor's (`temp_c`, `battery_v`). */
const SENSOR_WORDS = new Set('temperature temp battery voltage supply ambient air water soil'.split(' '));

const ADULT_WORDS = new Set(['adults', 'adultcount', 'numadults', 'numberofadults', 'adultsnumber']);
const GUEST_WORDS = new Set(['guests', 'guestcount', 'numguests', 'numberofguests', 'partysize', 'pax']);
const CHILD_WORDS = new Set(['children', 'kids', 'childcount', 'numchildren', 'numberofchildren', 'infants']);
const CAPACITY_WORDS = new Set(['capacity', 'maxoccupancy', 'maxguests', 'sleeps', 'occupancy', 'maxadults']);
const LODGING_TABLE = /room|suite|cabin|listing|propert|lodg|accommod|apartment|villa|bed/;
const FLOOR_WORDS = new Set(['floor', 'floornumber', 'floorno', 'storey', 'story']);
const NIGHT_WORDS = new Set(['nights', 'numnights', 'numberofnights', 'lengthofstay', 'staynights']);
const HOURLY_WORDS = new Set(['hourlyrate', 'hourlywage', 'payrate', 'wagerate', 'hourlypay', 'rateperhour']);

/** The version 23 name of a number column, or null. */
export function twentyThreeNameOf(
  table: Table,
  column: Column,
  family: TypeFamily | null,
): TwentyThreeName | null {
  if (family !== 'integer' && family !== 'decimal') return null;
  const t = nameTokens(column.name);
  const compact = t.join('');
  const last = t.at(-1) ?? '';
  if (t.includes('overtime') && !t.includes('rate') && !t.includes('pay')) return 'overtime';
  if (HOURLY_WORDS.has(compact)) return 'hourly_rate';
  if (family === 'integer') {
    if (ADULT_WORDS.has(compact) || GUEST_WORDS.has(compact)) return 'adults';
    if (CHILD_WORDS.has(compact)) return 'children';
    if (CAPACITY_WORDS.has(compact) && LODGING_TABLE.test(table.name.toLowerCase())) return 'room_capacity';
    if (FLOOR_WORDS.has(compact)) return 'floor';
    if (NIGHT_WORDS.has(compact)) return 'nights';
  }
  if (sensorRangeOf(t) !== undefined && !t.includes('id') && last !== 'min' && last !== 'max')
    return 'sensor';
  return null;
}

/** A sensor reading's range by its name's words (`temperature_c`, `pressure`), or undefined. */
export function sensorRangeOf(t: readonly string[]): SensorRange | undefined {
  const last = t.at(-1) ?? '';
  if (t.length === 1)
    return ['temperature', 'temp', 'pressure', 'co2', 'voltage'].includes(last)
      ? SENSOR_UNITS[last]
      : undefined;
  if (last.length <= 2 && last !== 'mv' && last !== 'ppm' && !t.slice(0, -1).some((w) => SENSOR_WORDS.has(w)))
    return undefined;
  const unit = SENSOR_UNITS[last];
  if (unit !== undefined) return unit;
  // `battery_voltage`, `ambient_temperature`: the quantity named last.
  return t.length === 2 && SENSOR_WORDS.has(t[0] ?? '') ? SENSOR_UNITS[last] : undefined;
}

/** The semantic kind a version 23 name gives (its values from version-twentythree-values.ts), or null. */
export function versionTwentyThreeKind(
  table: Table,
  column: Column,
  family: TypeFamily | null,
): SemanticKind | null {
  const name = twentyThreeNameOf(table, column, family);
  if (name === null) return null;
  if (name === 'hourly_rate') return 'price';
  if (name === 'sensor') return 'dimension';
  return 'quantity';
}

/** The plan's words for such a column, or null. */
export function versionTwentyThreeText(
  table: Table,
  column: Column,
  kind: SemanticKind,
  family: TypeFamily | null,
  english = true,
): string | null {
  // A helpdesk's English sentences only in an en run (version-twentythree-values.ts: build.locale null).
  const support = family === 'text' && english ? supportTextOf(table, nameTokens(column.name)) : null;
  if (support !== null) return supportTextText(support);
  if (kind === 'currency_code' && family === 'text')
    return ', a currency businesses bill in, by how often (USD 40%, EUR 20%, GBP 10%, CAD, AUD, JPY, …)';
  const name = twentyThreeNameOf(table, column, family);
  if (name === null)
    return kind === 'score'
      ? ", out of its task's most points where its row or a parent row names them (max_points, points_possible), else out of 100"
      : null;
  if (name === 'sensor') {
    const r = sensorRangeOf(nameTokens(column.name));
    return r === undefined ? null : `, a sensor's reading (around ${r.mid}, ${r.low} to ${r.high})`;
  }
  return {
    overtime: ", a week's overtime hours (0 in most rows, else up to 20)",
    hourly_rate: ', an hourly rate (15 to 120, around 30)',
    adults: ", a booking's adults (1 to 4, 2 most often)",
    children: ", a booking's children (0 in most rows, up to 3)",
    room_capacity: ", a room's capacity (1 to 6, 2 most often)",
    floor: ', a floor (0 to 30, low floors most often)',
    nights: ", a stay's nights (1 to 14, short stays most often)",
  }[name];
}

/** Tables of what follows a parent row within days (an order's invoice, shipment and payment; a stay's review). */
const FOLLOW_UP_TABLE =
  /(^|_)(invoices?|payments?|shipments?|refunds?|receipts?|charges?|deliveries|delivery|fulfil+ments?|dispatch(es)?|responses?|replies|reply|answers?|reviews?|ratings?)$/;

/**
 * Version 23: whether a table's rows follow their parent rows within days
 * (`invoices` under `subscriptions`, `payments` under `invoices`), so their
 * creation is drawn near the parents' start, not anywhere up to now.
 */
export function followsParentClosely(table: Table): boolean {
  return table.foreignKeys.length > 0 && FOLLOW_UP_TABLE.test(table.name.toLowerCase());
}
