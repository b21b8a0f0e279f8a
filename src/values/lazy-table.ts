/**
 * A table (a dictionary's derived lists, an encoded list, a lookup array)
 * built the first time a plan's generator asks for it, not when its module
 * loads: every thread (the calling one and each generation worker) loads
 * every values module, and a run uses a few of their tables. A generator
 * takes its table once, when it is made, so rows never pay for the check.
 */
export function lazyTable<T>(build: () => T): () => T {
  let table: { readonly value: T } | null = null;
  return () => {
    table ??= { value: build() };
    return table.value;
  };
}
