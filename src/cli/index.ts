/** Entry point of `bin/servflow`. */
import { main } from './main.js';

// A reader that stops early (`servflow analyze --json | head`) closes the
// pipe: stop writing, quietly, as command-line tools do, instead of
// crashing on the write error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await main(process.argv);
