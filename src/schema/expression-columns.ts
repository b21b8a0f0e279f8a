/**
 * Every column an expression reads: the ColumnRef nodes of a libpg-query
 * AST (the last name of each reference, so `t.a` gives `a`).
 */
export function expressionColumns(ast: unknown): string[] {
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const ref = (node as { ColumnRef?: { fields?: unknown[] } }).ColumnRef;
    if (ref && Array.isArray(ref.fields)) {
      const last = ref.fields[ref.fields.length - 1] as { String?: { sval?: string } } | undefined;
      if (typeof last?.String?.sval === 'string') found.add(last.String.sval);
      return;
    }
    for (const value of Object.values(node)) walk(value);
  };
  walk(ast);
  return [...found];
}
