/**
 * Version 4: what IoT and LoRaWAN schemas (ChirpStack) keep about a radio
 * link, found unreal by a look at real data (`dr` of 13,637, `f_port` of
 * 31,671): data rates 0–15, application ports 1–223, battery levels 0–100,
 * RSSI and SNR in dB as receivers report them.
 */
import type { SemanticBuild, SemanticGenerator } from './semantic-generator.js';
import type { SemanticKind } from './semantic-kind.js';

const DATA_RATE_WORDS = new Set(['dr', 'datarate']);

/** Version 4: a radio measure by its words (`dr`, `tx_dr`, `data_rate`, `f_port`, `battery_level`, `rssi`, `snr`), or null. */
export function radioKindFromName(tokens: readonly string[]): SemanticKind | null {
  const last = tokens[tokens.length - 1] ?? '';
  const before = tokens[tokens.length - 2] ?? '';
  if (DATA_RATE_WORDS.has(last) || (last === 'rate' && before === 'data')) return 'radio_measure';
  if (last === 'fport' || (last === 'port' && before === 'f')) return 'radio_measure';
  if (last === 'rssi' || last === 'snr') return 'radio_measure';
  if (
    tokens.includes('battery') &&
    (last === 'battery' || last === 'level' || last === 'pct' || last === 'percent')
  )
    return 'percentage';
  return null;
}

/** A measure of the radio link in the column's type: its range by name, integers rounded. */
export function createRadioMeasureGenerator(build: SemanticBuild): SemanticGenerator {
  const t = build.tokens;
  const last = t[t.length - 1] ?? '';
  const integer = ['int2', 'int4', 'int8'].includes(build.base.name);
  const fraction = (x: number) => (integer ? String(Math.round(x)) : x.toFixed(1));
  if (last === 'rssi')
    return { escapeFree: true, random: (rand) => String(-30 - Math.floor(90 * rand.float() ** 0.7)) };
  if (last === 'snr') return { escapeFree: true, random: (rand) => fraction(-20 + 32 * rand.float() ** 0.6) };
  if (last === 'fport' || last === 'port') {
    // FPort 1–223 (0 is MAC commands, 224 the test port); an application uses a few low ports.
    return {
      escapeFree: true,
      random: (rand) => String(rand.chance(0.8) ? 1 + rand.below(10) : 1 + rand.below(223)),
    };
  }
  // LoRaWAN data rates 0–15; the regions' usual ones are 0–5.
  return { escapeFree: true, random: (rand) => String(rand.chance(0.9) ? rand.below(6) : rand.below(16)) };
}
