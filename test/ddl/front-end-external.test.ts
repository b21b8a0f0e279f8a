/**
 * What the DDL uses but never creates (tables, functions, extension types,
 * roles): listed for the database loaded into, a NOT NULL foreign key to it
 * leaves its tables empty; DDL the server would reject is a located error.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { useTestDatabase } from '../helpers/database.js';
import { frontEndLoads, generateFailure } from '../helpers/front-end-load.js';
import { tempDir } from '../helpers/generate-file.js';

describe('DDL front end: what the DDL uses but never creates, and what the server rejects', () => {
  const db = useTestDatabase('frontend');
  const { load } = frontEndLoads(db);

  it('objects the DDL uses but never creates: one warning listing them; a nullable FK to them stays NULL', async () => {
    const { target, counts, warnings } = await load(
      `CREATE TABLE public.profiles (id uuid PRIMARY KEY, user_id uuid REFERENCES auth.users (id), name text);
      ALTER TABLE public.profiles ENABLE ROW LEVEL SECURITY;
      CREATE POLICY own ON public.profiles FOR SELECT USING (auth.uid() = user_id);`,
      {},
      `CREATE SCHEMA auth; CREATE TABLE auth.users (id uuid PRIMARY KEY);
       CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql AS 'SELECT NULL::uuid';`,
    );
    expect(counts.get('public.profiles')).toBe(30);
    const [nulls] = await target.query<{ n: string }>(
      'SELECT count(*) AS n FROM profiles WHERE user_id IS NULL',
    );
    expect(nulls?.n).toBe('30');
    expect(warnings.map((w) => [w.code, w.where])).toEqual([
      ['FOREIGN_KEY_TARGET_MISSING', 'public.profiles.user_id'],
      ['EXTERNAL_OBJECTS', expect.stringMatching(/schema\.sql:1:1$/)],
    ]);
    expect(warnings[1]?.message).toContain(
      'schemas auth; tables auth.users; functions auth.uid(). The database the output is loaded into must provide them',
    );
  });

  it('a NOT NULL FK to a table the DDL never defines (Supabase apps: auth.users) leaves its table and dependants empty, warned, and the output loads', async () => {
    const { counts, warnings } = await load(
      `CREATE TABLE public.accounts (id uuid PRIMARY KEY, owner uuid NOT NULL REFERENCES auth.users (id), name text);
      CREATE TABLE public.members (account_id uuid NOT NULL REFERENCES public.accounts, role text);
      CREATE TABLE public.plans (id int PRIMARY KEY, name text NOT NULL);`,
      {},
      'CREATE SCHEMA auth; CREATE TABLE auth.users (id uuid PRIMARY KEY);',
    );
    expect(counts.get('public.accounts')).toBe(0);
    expect(counts.get('public.members')).toBe(0);
    expect(counts.get('public.plans')).toBe(30);
    expect(warnings.map((w) => [w.code, w.where])).toEqual([
      ['EXTERNAL_OBJECTS', expect.stringMatching(/schema\.sql:1:1$/)],
      ['TABLE_EMPTY', 'public.accounts'],
      ['TABLE_EMPTY', 'public.members'],
    ]);
    expect(warnings[1]?.message).toContain(
      'foreign key accounts_owner_fkey is NOT NULL and references auth.users, which the DDL does not define (the database loaded into must provide it)',
    );
    // --strict turns the fallback into a refusal, nothing written.
    const dir = tempDir();
    writeFileSync(
      join(dir, 'bad.sql'),
      'CREATE TABLE p (id int PRIMARY KEY, u uuid NOT NULL REFERENCES auth.users);',
    );
    const strict = await generate({
      schema: [join(dir, 'bad.sql')],
      output: join(dir, 'o.sql'),
      defaultRows: 5,
      strict: true,
    }).catch((e: unknown) => e as { exitCode: number; message: string });
    expect(strict).toMatchObject({ exitCode: 2 });
    expect((strict as { message: string }).message).toContain('public.p gets no rows');
    expect(existsSync(join(dir, 'o.sql'))).toBe(false);
  });

  it('a type of an extension the DDL never creates (citext) is listed for the target database', async () => {
    const { counts, warnings } = await load(
      'CREATE TABLE t (id int PRIMARY KEY, tag citext NOT NULL UNIQUE);',
      {},
      'CREATE EXTENSION citext;',
    );
    expect(counts.get('public.t')).toBe(30);
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(
        /^the DDL uses objects it does not create \(first at .*schema\.sql:1:1\): extensions citext\./,
      ),
    ]);
  });

  it('roles granted to but never created are listed for the target database', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 's.sql'),
      'CREATE ROLE app_owner;\nCREATE TABLE t (id int PRIMARY KEY);\nALTER TABLE t OWNER TO app_owner;\nGRANT SELECT ON t TO anon, postgres;\n',
    );
    const result = await generate({
      schema: [join(dir, 's.sql')],
      output: join(dir, 'o.sql'),
      defaultRows: 1,
    });
    expect(result.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^CREATE ROLE app_owner at .*s\.sql:1:1: roles belong to the server/),
      expect.stringContaining('(first at '.concat(join(dir, 's.sql'), ':4:1): roles anon.')),
    ]);
  });

  it('several CREATE ROLEs: one warning names them all, each with its place (was one long warning per role)', async () => {
    const dir = tempDir();
    const roles = Array.from({ length: 10 }, (_, i) => `CREATE ROLE r${i};`).join('\n');
    writeFileSync(join(dir, 's.sql'), `${roles}\nCREATE TABLE t (id int PRIMARY KEY);\n`);
    const result = await generate({
      schema: [join(dir, 's.sql')],
      output: join(dir, 'o.sql'),
      defaultRows: 1,
    });
    const file = join(dir, 's.sql');
    expect(result.warnings.map((w) => [w.code, w.where, w.message])).toEqual([
      [
        'CREATED_ROLE',
        `${file}:1:1`,
        expect.stringMatching(
          new RegExp(
            `^CREATE ROLE r0 at ${file}:1:1, r1 at ${file}:2:1, .*, r7 at ${file}:8:1 and 2 more: roles belong to the server.*run ALTER ROLE \\.\\.\\. on that server$`,
          ),
        ),
      ],
    ]);
    expect(readFileSync(join(dir, 'o.sql'), 'utf8').match(/EXCEPTION WHEN duplicate_object/g)).toHaveLength(
      10,
    );
  });

  it('DDL the server would reject: a located error, exit 2', async () => {
    expect(
      await generateFailure('CREATE TABLE t (id int);\nALTER TABLE t ALTER COLUMN missing TYPE bigint;'),
    ).toEqual({
      code: 'SCHEMA_INVALID',
      exitCode: 2,
      message: expect.stringContaining(
        '<dir>/bad.sql:2:1: ALTER TABLE public.t: column public.t.missing does not exist',
      ),
    });
    expect((await generateFailure('CREATE TABLE t (id int);\nCREATE TABLE t (id int);')).message).toContain(
      '<dir>/bad.sql:2:1: CREATE TABLE public.t: the table is already defined at <dir>/bad.sql:1:1',
    );
    expect((await generateFailure('CREATE TABLE t (id int,\n  a text, a int);')).message).toContain(
      '<dir>/bad.sql:2:11: CREATE TABLE public.t: column a is declared more than once',
    );
    expect(
      (
        await generateFailure(
          'CREATE TABLE p (m money PRIMARY KEY);\nCREATE TABLE c (p smallint REFERENCES p (m));',
        )
      ).message,
    ).toContain(
      '<dir>/bad.sql:2:28: foreign key c_p_fkey of public.c: column public.c.p cannot reference public.p.m (int2 and money',
    );
    expect(
      (await generateFailure('CREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN id int;')).message,
    ).toContain('<dir>/bad.sql:2:1: ALTER TABLE public.t ADD COLUMN: column id already exists');
    expect((await generateFailure('CREATE TABLE t (id int);\nDROP TABLE nope;')).message).toContain(
      '<dir>/bad.sql:2:1: DROP TABLE: nope is not created earlier in the DDL',
    );
  });
});
