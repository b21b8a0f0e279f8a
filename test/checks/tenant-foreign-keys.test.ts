/**
 * A tenant column shared by several composite foreign keys (langfuse:
 * `project_id` in events' FKs to conversations, to projects and to runs).
 * Two composite FKs through the column must agree on it, whatever order the
 * FKs are declared in; pg_dump writes them by name, and with the plain FK
 * between the two composite ones the conflict was missed: exit 0, and the
 * load failed on the second composite FK.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { constraintSummary } from '../helpers/constraint-checks.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { count, generateAndLoad } from './check-fixture.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('tenant_fks');
});
afterAll(async () => {
  await db.close();
});

const TABLES = `
CREATE TABLE projects (id text PRIMARY KEY);
CREATE TABLE conversations (id text NOT NULL, project_id text NOT NULL REFERENCES projects(id), PRIMARY KEY (id, project_id));
CREATE TABLE runs (id text NOT NULL, project_id text NOT NULL REFERENCES projects(id), PRIMARY KEY (id, project_id));
CREATE TABLE events (project_id text NOT NULL, conversation_id text NOT NULL, run_id text NOT NULL, seq int NOT NULL,
  PRIMARY KEY (project_id, conversation_id, seq));
`;
const FK = {
  conversation:
    'ALTER TABLE events ADD CONSTRAINT events_conversation_fkey FOREIGN KEY (conversation_id, project_id) REFERENCES conversations(id, project_id);',
  project:
    'ALTER TABLE events ADD CONSTRAINT events_project_fkey FOREIGN KEY (project_id) REFERENCES projects(id);',
  run: 'ALTER TABLE events ADD CONSTRAINT events_run_fkey FOREIGN KEY (run_id, project_id) REFERENCES runs(id, project_id);',
};

describe('composite foreign keys sharing a tenant column', () => {
  const orders = [
    ['conversation', 'project', 'run'],
    ['project', 'conversation', 'run'],
    ['conversation', 'run', 'project'],
    ['run', 'project', 'conversation'],
  ] as const;
  test.each(orders)('declared %s, %s, %s: every row loads', async (...order) => {
    const target = await db.createSibling();
    await generateAndLoad(target, TABLES + order.map((k) => FK[k]).join('\n'), { rows: 60 });
    expect(await count(target, 'SELECT count(*) AS n FROM events')).toBeGreaterThan(0);
    expect((await constraintSummary(target)).notValid).toEqual([]);
  });
});
