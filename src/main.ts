import { ConfigError } from './config/config';
import { DatabaseUnavailableError } from './database/wait-for-database';
import { serveUntilSignalled } from './server';

serveUntilSignalled().catch((error: unknown) => {
  // Problems of the setting, not of the code: their message says it all.
  const expected = error instanceof ConfigError || error instanceof DatabaseUnavailableError;
  console.error(expected ? error.message : error);
  process.exit(1);
});
