/**
 * The exact fan-out's block cache (exact-fan-out.ts): a block's prefix sums
 * (its parents' child places, as offsets from the block's first place) are
 * rebuilt from the parents' hashed wants when a lookup needs them and kept in
 * one store per thread that every exact fan-out of the thread shares, of
 * `BLOCK_CACHE_BYTES` at most (16-bit offsets where a block's children are
 * fewer than 65,536, as with `per_parent` up to 255: 32,640 blocks, the
 * parents of 8.3 million rows; else a second store of 32-bit ones), so a schema with many `per_parent` or ledger
 * foreign keys holds no more than one with a few (each fan-out kept up to 8
 * MB of its own before: 20 of them, 160 MB a thread).
 *
 * The store is direct-mapped: block b of a fan-out sits at entry (base + b)
 * mod capacity, each fan-out's base the blocks of those made before it, so
 * fan-outs whose blocks fit together never evict each other (as fast as when
 * each had its own), and beyond that they share the entries. Child rows land
 * in any block (they are scrambled), so no eviction order would keep more
 * of them. The store's pages are touched only where entries are written.
 * What it holds never changes a value: an entry is what its block's rebuild
 * makes.
 */

/** Parents per block (each entry holds BLOCK + 1 offsets). */
export const BLOCK = 256;

/** Bytes of block entries a thread keeps for all its exact fan-outs together. */
export const BLOCK_CACHE_BYTES = 16 * 2 ** 20;

const ENTRY = BLOCK + 1;

/** A fan-out's view of the store: `at(b)` is where block b's offsets begin in `values`, built when missing. */
export interface BlockEntries {
  readonly values: Uint16Array | Uint32Array | Float64Array;
  at(block: number): number;
}

/** Writes block b's offsets (its BLOCK + 1 places, less the first) into `values` from `at`. */
export type BuildBlock = (
  block: number,
  values: Uint16Array | Uint32Array | Float64Array,
  at: number,
) => void;

interface Store {
  readonly values: Uint16Array | Uint32Array;
  readonly owners: Int32Array;
  readonly blocks: Int32Array;
  readonly capacity: number;
  /** Where the next fan-out's blocks begin. */
  base: number;
}

/** The thread's stores: offsets below 2^16 (a block of parents with fewer than 65,536 children), and the rest. */
const stores: { narrow?: Store; wide?: Store } = {};
let nextOwner = 1;

function makeStore(bytesPerValue: 2 | 4): Store {
  const capacity = Math.floor(BLOCK_CACHE_BYTES / (ENTRY * bytesPerValue));
  return {
    values: bytesPerValue === 2 ? new Uint16Array(capacity * ENTRY) : new Uint32Array(capacity * ENTRY),
    owners: new Int32Array(capacity),
    blocks: new Int32Array(capacity),
    capacity,
    base: 0,
  };
}

/**
 * The entries of a fan-out of `blocks` blocks whose blocks hold at most `span` places (children) each, in
 * the thread's store of 16-bit or 32-bit offsets (`BLOCK_CACHE_BYTES` each), else (a block of over 2^32
 * children) in a small store of its own (64-bit, 64 entries).
 */
export function blockEntries(blocks: number, span: number, build: BuildBlock): BlockEntries {
  if (span > 0xffffffff) return ownEntries(build);
  const narrow = span <= 0xffff;
  if (narrow) stores.narrow ??= makeStore(2);
  else stores.wide ??= makeStore(4);
  const store = (narrow ? stores.narrow : stores.wide) as Store;
  const { values, owners, blocks: tags, capacity } = store;
  const owner = nextOwner++;
  if (nextOwner === 0x7fffffff) nextOwner = 1;
  const base = store.base;
  store.base = (store.base + blocks) % capacity;
  return {
    values,
    at(block) {
      const entry = (base + block) % capacity;
      const at = entry * ENTRY;
      if (owners[entry] !== owner || tags[entry] !== block) {
        build(block, values, at);
        owners[entry] = owner;
        tags[entry] = block;
      }
      return at;
    },
  };
}
/** A fan-out with a block of over 2^32 children: 64 blocks' offsets as doubles, direct-mapped. */
function ownEntries(build: BuildBlock): BlockEntries {
  const SLOTS = 64;
  const values = new Float64Array(SLOTS * ENTRY);
  const tags = new Float64Array(SLOTS).fill(-1);
  return {
    values,
    at(block) {
      const entry = block % SLOTS;
      const at = entry * ENTRY;
      if (tags[entry] !== block) {
        build(block, values, at);
        tags[entry] = block;
      }
      return at;
    },
  };
}
