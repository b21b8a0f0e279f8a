/**
 * Version 24: a sensor's quantity decides its unit and its readings. A
 * sensors table's `kind` / `type` names the quantity (temperature,
 * humidity, pressure, battery, voltage…), its `unit` is that quantity's
 * (°C, %, hPa, V), and a reading's `value` lies in the quantity's usual
 * range, read from the reading's own kind or unit, else from its sensor's
 * (through the reading's foreign key). A device's `model` looks like one
 * (`TH-200`, `Sense Pro 3`).
 */
import type { Column, Table } from '../../schema/model.js';
import type { RowRandom } from '../random.js';
import { formatScaled, POW10 } from '../types/format.js';
import { nameTokens } from './column-names.js';
import { normal } from './money-values.js';
import { decimalShape } from './number-values.js';
import { type SemanticBuild, type SemanticGenerator, siblingReader } from './semantic-generator.js';
import { createWeightedWordGenerator } from './text-values.js';

/** A quantity's unit and usual readings: around `mid`, `spread` either side, within [low, high]. */
interface Quantity {
  readonly word: string;
  readonly unit: string;
  readonly low: number;
  readonly high: number;
  readonly mid: number;
  readonly spread: number;
  readonly decimals: number;
}

const q = (
  word: string,
  unit: string,
  low: number,
  high: number,
  mid: number,
  spread: number,
  decimals = 1,
) => ({
  word,
  unit,
  low,
  high,
  mid,
  spread,
  decimals,
});
/** Quantities by how often a fleet of sensors measures them. */
const QUANTITIES: readonly (readonly [Quantity, number])[] = [
  [q('temperature', '°C', -20, 45, 21, 7), 30],
  [q('humidity', '%', 0, 100, 48, 14), 20],
  [q('pressure', 'hPa', 950, 1050, 1013, 8), 10],
  [q('battery', '%', 0, 100, 72, 20, 0), 10],
  [q('voltage', 'V', 2.8, 4.2, 3.7, 0.25, 2), 8],
  [q('co2', 'ppm', 350, 5000, 650, 220, 0), 8],
  [q('light', 'lux', 0, 100000, 300, 250, 0), 6],
  [q('noise', 'dB', 20, 120, 45, 12), 4],
  [q('current', 'A', 0, 32, 2.5, 1.5, 2), 4],
];
/** Words of a kind's value (`Temperature`, `temp_sensor`, `relative_humidity`) and of a unit's text. */
const QUANTITY_WORDS: readonly (readonly [RegExp, string])[] = [
  [/temp|therm|°|celsius|^c$|^degc$/, 'temperature'],
  [/humid|moist|^rh$|^%rh$|^%$/, 'humidity'],
  [/press|baro|hpa|mbar/, 'pressure'],
  [/batt/, 'battery'],
  [/volt|^v$|^mv$/, 'voltage'],
  [/co2|carbon|ppm/, 'co2'],
  [/light|lux|illum/, 'light'],
  [/noise|sound|^db$/, 'noise'],
  [/current|amp|^a$/, 'current'],
];

function quantityOf(text: string | null | undefined): Quantity | undefined {
  if (typeof text !== 'string') return undefined;
  const lower = text.toLowerCase();
  const word = QUANTITY_WORDS.find(([re]) => re.test(lower))?.[1];
  return QUANTITIES.find(([x]) => x.word === word)?.[0];
}

/** A table of sensors and their readings (`sensors`, `sensor_readings`, `telemetry`, `measurements`). */
const SENSOR_TABLE = /sensor|reading|measurement|telemetr|observation|probe/;
/** A column naming the quantity (`kind`, `type`, `sensor_type`, `metric`, `measurement_type`). */
const KIND_NAMES = new Set([
  'kind',
  'type',
  'sensortype',
  'sensorkind',
  'metric',
  'measurementtype',
  'quantity',
]);
/** A reading's value (`value`, `reading`, `measured_value`). */
const VALUE_NAMES = new Set(['value', 'val', 'reading', 'readingvalue', 'measuredvalue', 'measurement']);

const compact = (name: string) => nameTokens(name).join('');
const isSensorTable = (table: Table) => SENSOR_TABLE.test(table.name.toLowerCase());
const isKindName = (name: string) => KIND_NAMES.has(compact(name));
const isUnitName = (name: string) => ['unit', 'units', 'uom', 'unitofmeasure'].includes(compact(name));

/** A device's table (`devices`, `gateways`, `meters`, `assets`). */
const DEVICE_TABLE = /device|sensor|gateway|meter|equipment|hardware|asset|camera|router|thermostat|machine/;

/** What a sensor column is: its quantity's name, its unit, a reading's value, a device's model; null for others. */
export type SensorColumn = 'kind' | 'unit' | 'value' | 'model';

/** The version 24 sensor role of a column, by its table's and its own name and its type's family. */
export function sensorColumnOf(table: Table, column: Column, family: string | null): SensorColumn | null {
  const name = compact(column.name);
  if (
    family === 'text' &&
    (name === 'model' || name === 'modelname') &&
    DEVICE_TABLE.test(table.name.toLowerCase())
  )
    return 'model';
  if (!isSensorTable(table)) return null;
  if (family === 'text' && isKindName(column.name)) return 'kind';
  if (family === 'text' && isUnitName(column.name)) return 'unit';
  return (family === 'decimal' || family === 'integer') && VALUE_NAMES.has(name) ? 'value' : null;
}

/** The row's quantity as its kind column says, else its sensor's (an ancestor's) kind, else the row's or the sensor's unit. */
function quantityReader(
  build: SemanticBuild,
  fromUnit: boolean,
): ((row: number) => Quantity | undefined) | null {
  const readers: ((row: number) => string | null | undefined)[] = [];
  const tests = fromUnit ? [isKindName, isUnitName] : [isKindName];
  for (const test of tests) {
    const own = build.table.columns.find((c) => c.name !== build.column.name && test(c.name));
    if (own !== undefined) readers.push(siblingReader(build.ctx, own.name));
    const ancestor = build.ctx.ancestorColumn?.((t, c) => isSensorTable(t) && test(c.name));
    if (ancestor !== undefined) readers.push((row) => ancestor.read(row));
  }
  if (readers.length === 0) return null;
  return (row) => {
    for (const read of readers) {
      const found = quantityOf(read(row));
      if (found !== undefined) return found;
    }
    return undefined;
  };
}

/** A quantity drawn by its weight. */
function drawQuantity(rand: RowRandom): Quantity {
  let u = rand.below(100);
  for (const [x, weight] of QUANTITIES) {
    if (u < weight) return x;
    u -= weight;
  }
  return QUANTITIES[0]?.[0] as Quantity;
}

const MODEL_WORDS =
  'Sense Enviro Therma Aqua Volt Air Node Link Beacon Pulse Core Edge Track Meter Gauge Nano Omni Vista'.split(
    ' ',
  );
const MODEL_TIERS = ['', '', ' Pro', ' Mini', ' Max', ' Plus', ' Lite', ' One', ' X'];
const LETTERS = 'ABCDEFGHJKLMNPRSTVWXZ';

/** A device's model: `TH-200`, `EX-3500i`, `Sense Pro 3`, `Node Mini`. */
function modelName(rand: RowRandom): string {
  if (rand.chance(0.5)) {
    const letters =
      (LETTERS[rand.below(LETTERS.length)] ?? 'T') + (LETTERS[rand.below(LETTERS.length)] ?? 'H');
    const number = (1 + rand.below(90)) * (rand.chance(0.5) ? 10 : 100);
    return `${letters}-${number}${rand.chance(0.2) ? 'i' : ''}`;
  }
  const word = MODEL_WORDS[rand.below(MODEL_WORDS.length)] ?? 'Sense';
  const tier = MODEL_TIERS[rand.below(MODEL_TIERS.length)] ?? '';
  return `${word}${tier}${rand.chance(0.6) ? ` ${1 + rand.below(5)}` : ''}`;
}

/** Version 24's generator for a sensor column, or null where it has none. */
export function sensorGenerator(build: SemanticBuild, role: SensorColumn): SemanticGenerator | null {
  if (role === 'model') return build.maxLength < 12 ? null : { random: (rand) => modelName(rand) };
  if (role === 'kind')
    return build.maxLength < 11 ? null : createWeightedWordGenerator(QUANTITIES.map(([x, w]) => [x.word, w]));
  const read = quantityReader(build, role === 'value');
  if (role === 'unit') {
    if (read === null || build.maxLength < 3) return null;
    return { random: (rand, row) => (read(row) ?? drawQuantity(rand)).unit };
  }
  return {
    escapeFree: true,
    random(rand, row) {
      const x = read?.(row) ?? drawQuantity(rand);
      const { scale, maxUnits } = decimalShape(build.base, x.decimals);
      const value = Math.min(x.high, Math.max(x.low, x.mid + x.spread * normal(rand)));
      const units = Math.round(value * (POW10[scale] as number));
      return formatScaled(Math.min(maxUnits, Math.max(-maxUnits, units)), scale);
    },
  };
}

/** The plan's words for a sensor column. */
export function sensorText(role: SensorColumn): string {
  return {
    model: ", a device's model (TH-200, Sense Pro 3)",
    kind: ", a sensor's quantity (temperature, humidity, pressure, battery, voltage, …)",
    unit: ", the unit of the row's quantity, or its sensor's (°C, %, hPa, V, ppm, …)",
    value:
      ", a reading in the usual range of the row's quantity, or its sensor's (temperature -20 to 45 °C, humidity 0 to 100 %, pressure 950 to 1050 hPa, …)",
  }[role];
}
