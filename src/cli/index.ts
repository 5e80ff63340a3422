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
// Then end at once, when what was written to stdout and stderr has gone out.
// Left to wind down by itself, Node first tears down every heap and the
// solver's WebAssembly memory: from the exit event to the process's end
// 40–70 ms after a voivodeship's or the country's run, 25–35 ms this way
// (mazowieckie's shortage scenario 2.18 → 2.15 s median end to end, eight
// alternating runs of one build with and without; the sample, whose heap
// is small, the same 0.39 s).
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit();

/** Resolves once everything written to `stream` so far is flushed (at once where writes are synchronous). */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}
