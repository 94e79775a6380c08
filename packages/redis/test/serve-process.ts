// `anneal serve` in a process of its own, for the fault tests: the command itself, without
// the other commands' modules (plot loads vega), so a worker starts in a second or two
// even on a busy machine. bin.test.ts covers the real executable's wiring.
import { processIo } from '../../cli/src/io.js';
import { serveCommand } from '../../cli/src/commands/serve.js';

process.exitCode = await serveCommand.execute(process.argv.slice(2), processIo);
