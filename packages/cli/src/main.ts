import { AnnealError } from '@anneal/core';
import { boundEchoes } from './bounded-text.js';
import type { Command } from './command.js';
import { commands as builtInCommands } from './commands/index.js';
import { type Io, processIo } from './io.js';

/** Exit statuses of `anneal`. */
export const exitCodes = { ok: 0, invalidInput: 1, usage: 2 } as const;

function overview(commands: Readonly<Record<string, Command>>): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`);
  return `Usage: anneal <command> [options]

Learning-rate schedules from the command line.

Commands:
${lines.join('\n')}

Run "anneal <command> --help" for a command's options.
Exit status: 0 ok, 1 invalid input, 2 wrong usage.
`;
}

/**
 * Runs the `anneal` command line and returns its exit status: 0 on success, 1 on
 * invalid input (bad config, unreadable file, bad JSON), 2 on wrong usage.
 * Errors other than `AnnealError` are bugs and are rethrown.
 *
 * @example await main(['eval', 'config.json', '--steps', '0:1000:100']) // prints JSON, returns 0
 */
export async function main(
  argv: readonly string[],
  io: Io = processIo,
  commands: Readonly<Record<string, Command>> = builtInCommands,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout).write(overview(commands));
    return name === undefined ? exitCodes.usage : exitCodes.ok;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (command === undefined) {
    io.stderr.write(boundEchoes(`anneal: unknown command "${name}". Commands: ${Object.keys(commands).join(', ')}.\n`));
    io.stderr.write('Run "anneal --help" for usage.\n');
    return exitCodes.usage;
  }
  try {
    return await command.execute(rest, io);
  } catch (error) {
    if (!(error instanceof AnnealError)) throw error;
    // What the user typed may be megabytes long; the message quotes at most a little of it.
    io.stderr.write(`anneal ${name}: ${boundEchoes(error.message)}\n`);
    if (error.code !== 'USAGE') return exitCodes.invalidInput;
    io.stderr.write(`Run "anneal ${name} --help" for usage.\n`);
    return exitCodes.usage;
  }
}
