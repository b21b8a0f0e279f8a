/**
 * Where PostGIS coordinates of an SRID lie: degrees (geographic SRIDs, a
 * geography, SRID 0), the Web Mercator square, a UTM zone's northern or
 * southern half, or a local plane of metres. The generators make every
 * coordinate inside its SRID's box (values/types/postgis-frames.ts), and the
 * DDL reader takes a CHECK that a point's `st_x`/`st_y` stays inside a wider
 * range as met by them (input/ddl/postgis-checks.ts).
 */

/** [minX, minY, maxX, maxY] in the SRID's units. */
export type Box = readonly [number, number, number, number];

const GEOGRAPHIC_SRIDS: ReadonlySet<number> = new Set([
  4326, 4269, 4258, 4283, 4617, 4674, 4019, 4167, 4612, 4148, 4030, 4047, 4322, 4979,
]);
const MERCATOR_SRIDS: ReadonlySet<number> = new Set([3857, 900913, 3785, 3395, 102100, 102113]);

/** Half the side of the Web Mercator square, in metres. */
export const MERCATOR_HALF = 20037508.34;

export type SridKind = 'degrees' | 'mercator' | 'utm-north' | 'utm-south' | 'plane';

/** The kind of an SRID's coordinates and the box they lie in. */
export function sridBox(srid: number, geography: boolean): { kind: SridKind; box: Box } {
  if (geography || srid === 0 || GEOGRAPHIC_SRIDS.has(srid))
    return { kind: 'degrees', box: [-180, -90, 180, 90] };
  if (MERCATOR_SRIDS.has(srid))
    return { kind: 'mercator', box: [-MERCATOR_HALF, -MERCATOR_HALF, MERCATOR_HALF, MERCATOR_HALF] };
  if (
    (srid >= 32601 && srid <= 32660) ||
    (srid >= 25828 && srid <= 25838) ||
    (srid >= 26901 && srid <= 26923)
  )
    return { kind: 'utm-north', box: [166000, 0, 834000, 9300000] };
  if (srid >= 32701 && srid <= 32760) return { kind: 'utm-south', box: [166000, 1100000, 834000, 10000000] };
  return { kind: 'plane', box: [0, 0, 1000000, 1000000] };
}
