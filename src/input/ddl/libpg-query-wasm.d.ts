// libpg-query's Emscripten build (a CommonJS factory), imported by pg-parser.ts instead of the package's entry.
declare module 'libpg-query/wasm/libpg-query.js' {
  import type { PgQueryModule } from './pg-parser.js';

  /** Emscripten's module settings: `print` and `printErr` take what the parser writes to stdout and stderr. */
  const createPgQueryModule: (settings?: {
    print?: (text: string) => void;
    printErr?: (text: string) => void;
  }) => Promise<PgQueryModule>;
  export default createPgQueryModule;
}
