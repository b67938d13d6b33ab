import { ConfigError } from './config/config';
import { serveUntilSignalled } from './server';

serveUntilSignalled().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
