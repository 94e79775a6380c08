#!/usr/bin/env node
// The `anneal` executable: everything lives in main(), which tests run in-process.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
