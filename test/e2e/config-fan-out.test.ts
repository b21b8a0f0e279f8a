/**
 * Per-foreign-key fan-out from `.datagen.yaml` (`per_parent`,
 * `share_without_children`): measured in PostgreSQL after a load with every
 * constraint; warnings when the rows or the FK's role do not allow it; the
 * same bytes for any number of workers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDdl } from '../../src/input/ddl/index.js';
import { parseConfig } from '../../src/input/spec/config-file.js';
import { createPlan } from '../../src/plan/create-plan.js';
import { outputsByWorkers } from '../helpers/generate-file.js';
import { useLoadedDdl } from '../helpers/load-generated.js';

const DDL = `
CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (id serial PRIMARY KEY, customer_id int REFERENCES customers, total numeric(10,2));
CREATE TABLE posts (id uuid PRIMARY KEY, title text NOT NULL);
CREATE TABLE comments (id serial PRIMARY KEY, post_id uuid NOT NULL REFERENCES posts, body text NOT NULL);
CREATE TABLE tags (id serial PRIMARY KEY, label text NOT NULL);
CREATE TABLE post_tags (post_id uuid NOT NULL REFERENCES posts, tag_id int NOT NULL REFERENCES tags,
  PRIMARY KEY (post_id, tag_id));
`;

const CONFIG = `
tables:
  customers: { rows: 1000 }
  orders:
    rows: 2500
    foreign_keys:
      customer_id: { per_parent: { min: 1, max: 5 }, share_without_children: 0.2 }
  posts: { rows: 500 }
  comments:
    rows: 4000
    foreign_keys:
      comments_post_id_fkey: { per_parent: { distribution: zipf, s: 1.2 }, share_without_children: 0.3 }
`;

const settings = (yaml: string) => parseConfig(yaml, 'c.yaml').tables;

describe('configuration: per-foreign-key fan-out', () => {
  const { db, target } = useLoadedDdl('configfan', DDL, {
    defaultRows: 100,
    tables: { customers: 1000, orders: 2500, posts: 500, comments: 4000 },
    settings: settings(CONFIG),
  });

  /** Parents by number of children: [children, parents]. */
  async function histogram(parent: string, child: string, fk: string): Promise<Map<number, number>> {
    const rows = await target.query<{ n: string; parents: string }>(
      `WITH c AS (SELECT p.id, count(x.${fk}) AS n FROM ${parent} p LEFT JOIN ${child} x ON x.${fk} = p.id GROUP BY p.id)
       SELECT n, count(*) AS parents FROM c GROUP BY n ORDER BY n`,
    );
    return new Map(rows.map((r) => [Number(r.n), Number(r.parents)]));
  }

  it('per_parent {min, max}: every parent with children has min..max, the share without has none, nothing NULL', async () => {
    const counts = await histogram('customers', 'orders', 'customer_id');
    expect(counts.get(0)).toBe(200);
    for (const n of counts.keys()) expect(n === 0 || (n >= 1 && n <= 5)).toBe(true);
    // The counts are spread over the range, not all alike.
    expect([...counts.keys()].filter((n) => n > 0).length).toBe(5);
    const [nulls] = await target.query<{ n: string }>(
      'SELECT count(*) AS n FROM orders WHERE customer_id IS NULL',
    );
    expect(Number(nulls?.n)).toBe(0);
  });

  it('per_parent zipf: a few parents hold most children; share_without_children of them none', async () => {
    const counts = await histogram('posts', 'comments', 'post_id');
    expect(counts.get(0)).toBeGreaterThanOrEqual(150);
    const [top] = await target.query<{ share: number }>(`
      WITH c AS (SELECT p.id, count(x.post_id) AS n FROM posts p LEFT JOIN comments x ON x.post_id = p.id GROUP BY p.id),
           r AS (SELECT n, row_number() OVER (ORDER BY n DESC) AS k FROM c)
      SELECT (sum(n) FILTER (WHERE k <= 50))::float8 / sum(n) AS share FROM r`);
    expect(top?.share).toBeGreaterThan(0.5);
  });

  it('warns when the rows cannot meet the range, or the FK cannot take it; a name that is no FK is an error at its place', async () => {
    const { schema } = await parseDdl([{ file: 'schema.sql', text: DDL }]);
    const plan = createPlan(schema, {
      tables: { customers: 1000, orders: 5000 },
      settings: settings(
        'tables:\n  orders:\n    foreign_keys:\n      customer_id: { per_parent: { min: 1, max: 5 }, share_without_children: 0.2 }\n  post_tags:\n    foreign_keys:\n      post_id: { per_parent: { min: 1, max: 2 } }\n',
      ),
    });
    const messages = plan.warnings.map((w) => w.message);
    expect(messages).toContain(
      "c.yaml:4:20: public.orders foreign key orders_customer_id_fkey: 5000 rows cannot give each of 800 parent rows with children 1..5 (that needs 800..4000 rows); the rows are spread as evenly as they allow. Set the table's rows in that range.",
    );
    expect(messages).toContain(
      'c.yaml:7:16: public.post_tags foreign key post_tags_post_id_fkey: per_parent does not apply: its columns are in a unique key, whose values decide the parent row.',
    );
    expect(() =>
      createPlan(schema, {
        settings: settings(
          'tables:\n  orders:\n    foreign_keys:\n      customer: { per_parent: { min: 1, max: 2 } }\n',
        ),
      }),
    ).toThrow(
      'c.yaml:4:17: public.orders has no foreign key "customer" (by constraint name or column); it has: orders_customer_id_fkey (customer_id)',
    );
    expect(() =>
      parseConfig(
        'tables:\n  orders:\n    foreign_keys:\n      customer_id: { per_parent: { min: 3, max: 2 } }\n',
        'c.yaml',
      ),
    ).toThrow(
      'c.yaml:4:34: tables.orders.foreign_keys.customer_id.per_parent expects whole numbers with min <= max, got 3..2',
    );
  });

  it('rows past the range are spread evenly (loadable), and the bytes are the same for any number of workers', async () => {
    const [first, second] = await outputsByWorkers(
      DDL,
      {
        defaultRows: 100,
        tables: { customers: 1000, orders: 30000, posts: 500, comments: 4000 },
        blockRows: 700,
        settings: settings(CONFIG),
      },
      [1, 2],
    );
    const one = readFileSync(first ?? '', 'utf8');
    expect(readFileSync(second ?? '', 'utf8')).toBe(one);
    const loaded = await db.createSibling();
    try {
      loaded.psqlFile(first ?? '');
      const rows = await loaded.query<{ lo: string; hi: string }>(
        'WITH c AS (SELECT customer_id, count(*) AS n FROM orders GROUP BY customer_id) SELECT min(n) AS lo, max(n) AS hi FROM c',
      );
      // 30000 rows over 800 parents with children: 37 or 38 each.
      expect([Number(rows[0]?.lo), Number(rows[0]?.hi)]).toEqual([37, 38]);
    } finally {
      await loaded.close();
    }
  });
});
