#!/usr/bin/env node
// The `anneal` executable: everything lives in main(), which tests run in-process.
import { endQuietlyOnClosedPipe } from './closed-pipe.js';
import { main } from './main.js';

// `anneal eval … | head` ends quietly with status 0 when head stops reading.
endQuietlyOnClosedPipe(process.stdout, (code) => process.exit(code), (line) => process.stderr.write(line));
endQuietlyOnClosedPipe(process.stderr, (code) => process.exit(code));

process.exitCode = await main(process.argv.slice(2));
