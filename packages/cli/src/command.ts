import { type ParseArgsConfig, parseArgs } from 'node:util';
import { AnnealError } from '@anneal/core';
import type { Io } from './io.js';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends OptionsConfig> = ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>;

/** What a command's `run` receives: its parsed options and positional arguments. */
export interface CommandInput<O extends OptionsConfig> {
  readonly values: Parsed<O>['values'];
  readonly positionals: readonly string[];
}

/** How a command is written: its help, its options, its arguments, and what it does. */
export interface CommandSpec<O extends OptionsConfig> {
  /** One line for `anneal --help`. */
  readonly summary: string;
  /** The whole text of `anneal <name> --help`, starting with its usage line. */
  readonly help: string;
  /** `util.parseArgs` options; `--help`/`-h` is added for every command. */
  readonly options: O;
  /** Positional argument names in order; a trailing `?` marks an optional one, a last name ending in `...` (or `...?`) takes any number. */
  readonly arguments: readonly string[];
  /** Does the work and returns the exit code; throws `AnnealError` for bad input or usage. */
  readonly run: (input: CommandInput<O>, io: Io) => Promise<number> | number;
}

/** A command as `main` sees it: argv in, exit code out. */
export interface Command {
  readonly summary: string;
  readonly help: string;
  readonly execute: (argv: readonly string[], io: Io) => Promise<number>;
}

/** A wrong-usage error (exit 2). */
export function usageError(message: string, path = '', value?: unknown): AnnealError {
  return new AnnealError('USAGE', message, [{ path, value, rule: message }]);
}

/**
 * `--steps -5,0,10`: util.parseArgs refuses an option value that starts with "-" as
 * ambiguous. A value that reads as a number (or a list or range of them) is meant as
 * the option's value, so it is joined to it (`--steps=-5,0,10`) and parsed as such.
 */
function joinNumericValues(argv: readonly string[], options: OptionsConfig): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const next = argv[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    const takesValue = name !== undefined && Object.hasOwn(options, name) && options[name]?.type === 'string';
    if (takesValue && next !== undefined && /^-\.?\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/**
 * Turns a spec into a command: parses argv strictly (unknown options, missing
 * values and extra arguments are usage errors), answers `--help`, checks the
 * positional arguments, then runs.
 */
export function defineCommand<const O extends OptionsConfig>(spec: CommandSpec<O>): Command {
  const required = spec.arguments.filter((name) => !name.endsWith('?'));
  const variadic = /\.\.\.\??$/.test(spec.arguments.at(-1) ?? '');
  return {
    summary: spec.summary,
    help: spec.help,
    async execute(argv, io) {
      let parsed: { values: Record<string, unknown>; positionals: string[] };
      try {
        parsed = parseArgs({
          args: joinNumericValues(argv, spec.options),
          options: { ...spec.options, help: { type: 'boolean', short: 'h' } },
          allowPositionals: true,
          strict: true,
        });
      } catch (error) {
        // util.parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes and a readable message.
        if ((error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) throw usageError((error as Error).message);
        throw error;
      }
      if (parsed.values.help === true) {
        io.stdout.write(`${spec.help.trimEnd()}\n`);
        return 0;
      }
      const { positionals } = parsed;
      if (positionals.length < required.length) {
        const missing = required[positionals.length] as string;
        throw usageError(`missing argument <${missing}>`, missing);
      }
      if (!variadic && positionals.length > spec.arguments.length) {
        const extra = positionals[spec.arguments.length];
        throw usageError(`unexpected argument "${extra}"`, '', extra);
      }
      return spec.run({ values: parsed.values as Parsed<O>['values'], positionals }, io);
    },
  };
}
