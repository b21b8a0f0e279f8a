/**
 * Version 25: JSON documents made to hold constant objects (`doc @> '{"type": "event"}'`): the drawn document
 * with the objects' members merged in (split from check-generator.ts).
 */

/** Version 25: a document holding the objects' members (`@>` constants), an object in place of another kind. */
export function holding(text: string, objects: readonly string[]): string {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    doc = {};
  }
  let out: Record<string, unknown> =
    doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>) : {};
  for (const o of objects) out = merged(out, JSON.parse(o) as Record<string, unknown>);
  return JSON.stringify(out);
}

/** `base` with `over`'s members: objects merged member by member, any other value `over`'s. */
function merged(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    const objects = [b, v].every((x) => x !== null && typeof x === 'object' && !Array.isArray(x));
    out[k] = objects ? merged(b as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}
