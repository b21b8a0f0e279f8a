/**
 * A work directory holding a schema (`s.sql`) and a configuration file
 * (`c.yaml`), written before the describe's tests, and the built CLI
 * generating FORMAT from them into `./FORMAT` there: the setup of the tests
 * of configured values in every format (infinite times, NaN and infinities).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll } from 'vitest';
import { runCliAsync } from './cli-process.js';
import { tempDir } from './generate-file.js';

export function configuredRun(ddl: string, config: string) {
  let dir = '';
  beforeAll(() => {
    dir = tempDir();
    writeFileSync(join(dir, 's.sql'), ddl);
    writeFileSync(join(dir, 'c.yaml'), config);
  });
  return {
    /** A path in the work directory. */
    path: (...parts: string[]) => join(dir, ...parts),
    /** `datagen generate s.sql --config c.yaml -F FORMAT -f FORMAT -q` in the work directory. */
    run: (format: string) =>
      runCliAsync(['generate', 's.sql', '--config', 'c.yaml', '-F', format, '-f', format, '-q'], {
        cwd: dir,
      }),
  };
}
