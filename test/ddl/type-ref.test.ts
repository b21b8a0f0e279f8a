/**
 * Non-numeric type modifiers (PostGIS): the parser's identifiers are kept in
 * TypeRef.typmodNames, in order, and the column generates values of the
 * declared subtype and SRID.
 */
import { describe, expect, it } from 'vitest';
import { parseDdl } from '../../src/input/ddl/index.js';
import type { Column } from '../../src/schema/model.js';
import { RowRandom } from '../../src/values/random.js';
import { createValueGenerator } from '../../src/values/types/index.js';

const DDL = `
  CREATE SCHEMA gis;
  CREATE EXTENSION postgis WITH SCHEMA gis;
  SET search_path = public, gis;
  CREATE TABLE place (
    id int PRIMARY KEY,
    location geometry(Point, 4326),
    route gis.geography(LineStringZ),
    area geometry(MULTIPOLYGON, 3857),
    anything geometry,
    history geometry(PointZM, 4326)[],
    price numeric(10, 2)
  );
`;

describe('typeRefOf: non-numeric typmods', () => {
  it('keeps PostGIS subtypes and SRIDs as typmodNames and resolves the extension schema', async () => {
    const { schema, warnings } = await parseDdl([{ file: 'gis.sql', text: DDL }]);
    expect(warnings.filter((w) => w.code === 'UNKNOWN_TYPE')).toEqual([]);
    const table = schema.tables.find((t) => t.name === 'place');
    const col = (name: string): Column => {
      const c = table?.columns.find((x) => x.name === name);
      if (!c) throw new Error(`no column ${name}`);
      return c;
    };
    expect(col('location').type).toEqual({
      kind: 'type-ref',
      schema: 'gis',
      name: 'geometry',
      typmods: [4326],
      typmodNames: ['point', '4326'],
      arrayDims: 0,
    });
    expect(col('route').type.typmodNames).toEqual(['linestringz']);
    expect(col('route').type.schema).toBe('gis');
    expect(col('area').type.typmodNames).toEqual(['multipolygon', '3857']);
    expect(col('anything').type.typmodNames).toBeUndefined();
    expect(col('history').type).toMatchObject({ typmodNames: ['pointzm', '4326'], arrayDims: 1 });
    // Numeric typmods are unchanged and get no typmodNames.
    expect(col('price').type.typmodNames).toBeUndefined();
    expect(col('price').type.typmods).toEqual([10, 2]);

    const ctx = { resolveType: () => undefined };
    const rand = new RowRandom();
    const value = (name: string) => createValueGenerator(col(name).type, ctx).random(rand.at(1, 0));
    expect(value('location')).toMatch(/^SRID=4326;POINT\(-?\d+(\.\d+)? -?\d+(\.\d+)?\)$/);
    expect(value('route')).toMatch(/^SRID=4326;LINESTRING Z \(/);
    expect(value('area')).toMatch(/^SRID=3857;MULTIPOLYGON\(\(\(/);
    expect(value('history')).toMatch(/^\{("SRID=4326;POINT ZM \([^"]+\)"(,|\}))*\}?$/);
  });
});
