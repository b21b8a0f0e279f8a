/**
 * The pure part of explaining a failure while triggers fired: which tables
 * a trigger function's body writes, and which trigger the server's error
 * context names (error objects shaped as pg's DatabaseError).
 */
import { describe, expect, it } from 'vitest';
import { bodyWrites, explainTriggerError, type LoadTrigger } from '../../src/format/load-triggers.js';

const trigger = (over: Partial<LoadTrigger>): LoadTrigger => ({
  table: 'public.orders',
  schemaName: 'public',
  tableName: 'orders',
  rootSchema: 'public',
  rootName: 'orders',
  name: 'orders_audit',
  function: 'audit()',
  functionName: 'audit',
  beforeInsertRow: false,
  cloned: false,
  body: 'BEGIN INSERT INTO audit_log (row_id) VALUES (NEW.id); RETURN NULL; END',
  ...over,
});

describe('bodyWrites', () => {
  const audit = { schema: 'public', name: 'audit_log' };
  it('finds INSERT, UPDATE, DELETE and MERGE on the table, bare or quoted, with or without its schema', () => {
    expect(bodyWrites('insert into audit_log values (1)', audit)).toBe(true);
    expect(bodyWrites('INSERT INTO public."audit_log" VALUES (1)', audit)).toBe(true);
    expect(bodyWrites('UPDATE ONLY public . audit_log SET x = 1', audit)).toBe(true);
    expect(bodyWrites('delete from "public"."audit_log"', audit)).toBe(true);
    expect(bodyWrites('MERGE INTO audit_log a USING s ON true', audit)).toBe(true);
  });
  it('not another table whose name starts the same, a read, or a comment', () => {
    expect(bodyWrites('INSERT INTO audit_log_2024 VALUES (1)', audit)).toBe(false);
    expect(bodyWrites('SELECT * FROM audit_log', audit)).toBe(false);
    expect(bodyWrites('-- INSERT INTO audit_log\nRETURN NEW;', audit)).toBe(false);
    expect(bodyWrites('INSERT INTO "Audit_log" VALUES (1)', audit)).toBe(false);
  });
});

describe('explainTriggerError', () => {
  const context = (triggers: LoadTrigger[], loaded = [{ schema: 'public', name: 'orders' }]) => ({
    triggers,
    loaded,
    filling: [...loaded, { schema: 'public', name: 'audit_log' }],
    kept: 'nothing was loaded',
  });

  it('names the trigger whose function the context shows, with the server message and hint', () => {
    const text = explainTriggerError(
      {
        message: 'order 3 refused',
        code: 'P0001',
        hint: 'closed',
        where: 'PL/pgSQL function public.audit() line 1 at RAISE\nCOPY orders, line 3',
      },
      context([trigger({})]),
    );
    expect(text).toMatch(
      /^trigger orders_audit on public\.orders \(function audit\(\)\) failed: order 3 refused \(closed\), at the row on COPY line 3 of public\.orders; nothing was loaded\. .*--disable-triggers.*a CHECK on public\.orders/,
    );
  });

  it('a duplicate in a table the trigger writes and the load fills: said so', () => {
    const text = explainTriggerError(
      {
        message: 'duplicate key value violates unique constraint "audit_log_pkey"',
        code: '23505',
        schema: 'public',
        table: 'audit_log',
        where: 'SQL statement "INSERT INTO audit_log ..."\nPL/pgSQL function audit() line 1 at SQL statement',
      },
      context([trigger({})]),
    );
    expect(text).toContain(
      'trigger orders_audit on public.orders (function audit()) failed (it writes rows into public.audit_log, which the load fills too)',
    );
  });

  it('a duplicate on the loaded table with a BEFORE ROW trigger: the trigger changed the rows', () => {
    const before = trigger({
      name: 'lower_email',
      function: 'lower_email()',
      functionName: 'lower_email',
      beforeInsertRow: true,
      body: 'NEW.email := lower(NEW.email);',
    });
    const text = explainTriggerError(
      {
        message: 'duplicate key value',
        code: '23505',
        schema: 'public',
        table: 'orders',
        where: 'COPY orders, line 9',
      },
      context([before]),
    );
    expect(text).toMatch(
      /^the rows as trigger lower_email on public\.orders \(function lower_email\(\)\) changed them/,
    );
  });

  it('nothing to say when no trigger fired, or the error is not the triggers’ doing', () => {
    const error = {
      message: 'x',
      code: '23505',
      schema: 'public',
      table: 'orders',
      where: 'COPY orders, line 1',
    };
    expect(explainTriggerError(error, context([]))).toBeUndefined();
    expect(
      explainTriggerError(error, context([trigger({ tableName: 'other', rootName: 'other' })])),
    ).toBeUndefined();
    expect(explainTriggerError({ message: 'lost', code: '57P01' }, context([trigger({})]))).toBeUndefined();
  });
});
