export { main, exitCodes } from './main.js';
export { commands } from './commands/index.js';
export { defineCommand, usageError } from './command.js';
export type { Command, CommandInput, CommandSpec } from './command.js';
export type { Io, Writer } from './io.js';
export { parseStepsSpec } from './steps-spec.js';
export { readJsonFile } from './input.js';
