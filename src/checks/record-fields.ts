/**
 * `(value).field` of a composite value (a domain over a composite type, a
 * composite column): the record's text form `(a,"b c",)` split into its
 * fields as PostgreSQL's record_in reads it (an empty field is NULL, a quoted
 * one keeps what is inside, `""` and backslash escape), then read as the
 * field's type.
 */
import type { Column, TypeRef } from '../schema/model.js';
import { NotEvaluableError } from './evaluation.js';
import { familyOf, readValue, type SqlValue, toText, type ValueFamily } from './sql-value.js';
import { resolveDomains, type TypeLookup } from './type-resolution.js';

/** A composite column's field: its position and how its text is read. */
export interface RecordField {
  readonly index: number;
  readonly family: ValueFamily;
  readonly arrayDims: number;
  /** A field of this field, when it is a composite in turn (`((nested).foo).f1`). */
  readonly sub?: (field: string) => RecordField | undefined;
}

/** The fields of a record's text, NULL for an empty unquoted one; undefined when it is not a record. */
export function recordFields(text: string): (string | null)[] | undefined {
  const s = text.trim();
  if (!s.startsWith('(') || !s.endsWith(')')) return undefined;
  const fields: (string | null)[] = [];
  let i = 1;
  const end = s.length - 1;
  for (;;) {
    let value = '';
    let quoted = false;
    while (i < end && s[i] !== ',') {
      const c = s[i] as string;
      if (c === '"') {
        quoted = true;
        i++;
        while (i < end) {
          const q = s[i] as string;
          if (q === '\\') {
            value += s[i + 1] ?? '';
            i += 2;
          } else if (q === '"' && s[i + 1] === '"') {
            value += '"';
            i += 2;
          } else if (q === '"') {
            i++;
            break;
          } else {
            value += q;
            i++;
          }
        }
      } else if (c === '\\') {
        value += s[i + 1] ?? '';
        i += 2;
      } else {
        value += c;
        i++;
      }
    }
    fields.push(value === '' && !quoted ? null : value);
    if (i >= end) return fields;
    i++; // the comma
  }
}

/** A field of a composite value, read as its type. */
export function recordField(value: SqlValue, field: RecordField): SqlValue {
  const text = value === null ? null : toText(value);
  if (text === null) return null;
  const fields = recordFields(text);
  if (!fields || field.index >= fields.length)
    throw new NotEvaluableError('a field of a value that is not a record');
  return readValue(fields[field.index] ?? null, field.family, field.arrayDims);
}

/** `(column).field` resolved against a table's columns: the field of a composite column (domains followed). */
export function compositeFields(
  columns: readonly Column[],
  lookup: TypeLookup,
): (column: string, field: string) => RecordField | undefined {
  return (column, field) => {
    const col = columns.find((c) => c.name === column);
    return col ? fieldOf(col.type, field, lookup) : undefined;
  };
}

/** A field of a composite type (domains followed), itself resolving its fields when it is a composite. */
function fieldOf(type: TypeRef, field: string, lookup: TypeLookup, depth = 0): RecordField | undefined {
  const base = resolveDomains(type, lookup).base;
  const def = base.arrayDims === 0 ? lookup.resolveType(base.schema, base.name) : undefined;
  if (def?.kind !== 'composite' || depth > 16) return undefined;
  const index = def.attributes.findIndex((a) => a.name === field);
  const attribute = def.attributes[index];
  if (!attribute) return undefined;
  const fieldType = resolveDomains(attribute.type, lookup).base;
  return {
    index,
    family: familyOf(fieldType.name),
    arrayDims: fieldType.arrayDims,
    sub: (name) => fieldOf(attribute.type, name, lookup, depth + 1),
  };
}
