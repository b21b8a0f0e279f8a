/**
 * The FKs whose parent row a row may follow (`ownPickedParents`) leave out
 * those inside a foreign-key cycle: the cycle's tables are found once per
 * plan (strongly connected components), a long chain of tables without
 * walking it again per table, and a cycle through several tables as the
 * walk along FKs found it.
 */
import { describe, expect, it } from 'vitest';
import { onOneCycle } from '../../src/generate/foreign-key-cycles.js';
import { ownPickedParents } from '../../src/generate/parent-time.js';
import { createPlan } from '../../src/index.js';
import { model } from '../helpers/parsed-model.js';

async function planOf(ddl: string) {
  return createPlan(await model(ddl), { defaultRows: 10, seed: 5 });
}

const indexOf = (plan: Awaited<ReturnType<typeof planOf>>, name: string): number =>
  plan.tables.findIndex((t) => t.table.name === name);

describe('foreign-key cycles', () => {
  it('a chain of tables has no cycle: every FK is followed, the 300th table as the 2nd', async () => {
    const ddl = ['CREATE TABLE t0 (id int PRIMARY KEY);'];
    for (let i = 1; i < 300; i++)
      ddl.push(`CREATE TABLE t${i} (id int PRIMARY KEY, p int NOT NULL REFERENCES t${i - 1} (id));`);
    const plan = await planOf(ddl.join('\n'));
    for (const i of [1, 2, 150, 299]) {
      expect(ownPickedParents(plan, indexOf(plan, `t${i}`))).toEqual([0]);
      expect(onOneCycle(plan.tables, indexOf(plan, `t${i - 1}`), indexOf(plan, `t${i}`))).toBe(false);
    }
  });

  it('a cycle through three tables leaves its FKs out, the FK into it from outside is followed', async () => {
    const plan = await planOf(`
      CREATE TABLE a (id int PRIMARY KEY, c_id int);
      CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a (id));
      CREATE TABLE c (id int PRIMARY KEY, b_id int REFERENCES b (id));
      ALTER TABLE a ADD FOREIGN KEY (c_id) REFERENCES c (id);
      CREATE TABLE d (id int PRIMARY KEY, a_id int REFERENCES a (id));
      CREATE TABLE e (id int PRIMARY KEY, self int REFERENCES e (id), d_id int REFERENCES d (id));`);
    const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map((n) => indexOf(plan, n)) as number[];
    expect(ownPickedParents(plan, a as number)).toEqual([]);
    expect(ownPickedParents(plan, b as number)).toEqual([]);
    expect(ownPickedParents(plan, c as number)).toEqual([]);
    expect(ownPickedParents(plan, d as number)).toEqual([0]);
    // A self-reference is no parent to follow; its other FK is.
    const eFks = plan.tables[e as number]?.foreignKeys.map((fk) => fk.parent);
    expect(ownPickedParents(plan, e as number).map((fk) => eFks?.[fk])).toEqual([d]);
    expect(onOneCycle(plan.tables, c as number, a as number)).toBe(true);
    expect(onOneCycle(plan.tables, a as number, d as number)).toBe(false);
  });
});
