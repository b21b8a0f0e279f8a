// libpg-query's Emscripten build (a CommonJS factory), imported by pg-parser.ts instead of the package's entry.
declare module 'libpg-query/wasm/libpg-query.js' {
  import type { PgQueryModule } from './pg-parser.js';

  const createPgQueryModule: () => Promise<PgQueryModule>;
  export default createPgQueryModule;
}
