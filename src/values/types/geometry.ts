/**
 * Geometric types: point, line, lseg, box, path, polygon, circle, with
 * coordinates of at most two decimals in [-1000, 1000]. Unique values put k
 * in the first coordinate.
 */
import type { RowRandom } from '../random.js';
import { formatScaled } from './format.js';
import type { TypeSupport, ValueGenerator } from './generator.js';

const coord = (rand: RowRandom): string => formatScaled(rand.below(200001) - 100000, 2, true);
const point = (rand: RowRandom): string => `(${coord(rand)},${coord(rand)})`;

function points(rand: RowRandom, n: number): string {
  let out = point(rand);
  for (let i = 1; i < n; i++) out += `,${point(rand)}`;
  return out;
}

const RANDOM: Readonly<Record<string, (rand: RowRandom) => string>> = {
  point,
  // A and B not both zero.
  line: (r) => `{${1 + r.below(100)},${coord(r)},${coord(r)}}`,
  lseg: (r) => `[${point(r)},${point(r)}]`,
  box: (r) => `${point(r)},${point(r)}`,
  path: (r) => ((r.next() & 1) === 1 ? `[${points(r, 2 + r.below(4))}]` : `(${points(r, 2 + r.below(4))})`),
  polygon: (r) => `(${points(r, 3 + r.below(4))})`,
  circle: (r) => `<${point(r)},${formatScaled(r.below(100000), 2, true)}>`,
};

const UNIQUE: Readonly<Record<string, (k: number) => string>> = {
  point: (k) => `(${k},0)`,
  line: (k) => `{1,0,${-k}}`,
  lseg: (k) => `[(${k},0),(${k},1)]`,
  // Boxes and circles apart (a gap between neighbours), so an EXCLUDE (b WITH &&) holds for distinct k.
  box: (k) => `(${2 * k + 1},1),(${2 * k},0)`,
  path: (k) => `[(${k},0),(${k},1)]`,
  polygon: (k) => `((${k},0),(${k},1),(${k + 1},0))`,
  circle: (k) => `<(${3 * k},0),1>`,
};

export const geometrySupport: TypeSupport = {
  random(type): ValueGenerator {
    return { random: RANDOM[type.name]! };
  },
  unique(type) {
    return { space: Number.POSITIVE_INFINITY, value: UNIQUE[type.name]! };
  },
};

export const GEOMETRY_TYPES: readonly string[] = Object.keys(RANDOM);
