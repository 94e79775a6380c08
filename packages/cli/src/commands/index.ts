import type { Command } from '../command.js';
import { evalCommand } from './eval.js';
import { plotCommand } from './plot.js';
import { schemaCommand } from './schema.js';
import { serveCommand } from './serve.js';
import { simulateCommand } from './simulate.js';
import { validateCommand } from './validate.js';

/**
 * Every `anneal` subcommand by name. A new command is one file in this folder,
 * written with `defineCommand`, and one line here; `anneal --help` lists it.
 */
export const commands: Readonly<Record<string, Command>> = {
  eval: evalCommand,
  plot: plotCommand,
  schema: schemaCommand,
  serve: serveCommand,
  simulate: simulateCommand,
  validate: validateCommand,
};
