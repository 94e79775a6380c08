// The CLI's promises under random and hostile input (issue 9 item 5): whatever the
// config, metrics log or flags, `anneal` returns a documented exit status (0 ok,
// 1 invalid input, 2 wrong usage), never a stack trace, and says what is wrong in one
// line per problem. Commands run in-process through main() with files served from
// memory, so hundreds of cases take seconds; seeds are fixed so a failure replays.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CliResult, runCli } from '../packages/cli/test/run-cli.js';

type Result = CliResult;

/** Runs `anneal argv` in-process; `files` are what readFile finds (`-` is standard input). */
const anneal = (argv: string[], files: Record<string, string> = {}): Promise<Result> => runCli(argv, { files });

const stackFrame = /^\s+at .*(\(|:\d+:\d+)/m;

/**
 * The promise: a documented status; no stack frame, no internal file position, no
 * error class name leaking; a failure says something, in lines of bounded length.
 */
function expectKept(result: Result, argv: readonly string[]): void {
  const context = `anneal ${argv.map((a) => JSON.stringify(a.length > 60 ? `${a.slice(0, 60)}…` : a)).join(' ')}`;
  expect([0, 1, 2], context).toContain(result.code);
  expect(result.stderr, context).not.toMatch(stackFrame);
  expect(result.stderr, context).not.toMatch(/node:internal|\.[cm]?[jt]s:\d+:\d+/);
  expect(result.stderr, context).not.toMatch(/^(TypeError|RangeError|SyntaxError|ReferenceError|Error):/m);
  if (result.code !== 0) expect(result.stderr.trim(), context).not.toBe('');
  // One line per problem: a line may list the allowed kinds, never a whole input.
  for (const line of result.stderr.split('\n')) {
    expect(line.length, `${context}: a line of ${line.length} characters`).toBeLessThanOrEqual(2000);
  }
}

const runs = (n: number) => ({ numRuns: n, endOnFailure: true });

// ---- hostile JSON-ish text and values ----

/** Strings that break naive handling: BOMs, control and bidi characters, lone surrogates, emoji. */
const weirdString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('', '\uFEFF', '\u0000', '\u202E', '\uD800', '\uDFFF', '🔥💥', 'NaN', 'Infinity', '-Infinity', '1e999', '-0', '0x10', '__proto__', 'constructor', 'toString'),
);

/** Numbers and their textual spellings, non-finite ones included (as strings, since JSON has none). */
const weirdNumber = fc.oneof(
  fc.double(),
  fc.constantFrom(0, -0, 5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** 53, 1e308, -1),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e309', ' 1', '0.1 '),
);

/** Any JSON value, including deep nesting (up to 150 levels) and long arrays. */
const jsonish: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    weirdNumber,
    weirdString,
    fc.constantFrom(null, true, false),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(weirdString, fc.constantFrom('kind', 'schedule', 'schedules', 'initialLearningRate')), tie('value'), { maxKeys: 4 }),
  ),
})).value;

const kinds = ['exponentialDecay', 'cosineDecay', 'stepLR', 'multiStepLR', 'piecewiseConstant', 'sequence', 'clamp', 'warmup', 'product', 'shift', 'cyclicLR', 'oneCycleLR', 'nope'];

/** Configs that look like schedule configs: a known kind with random or hostile options. */
const configLike = fc.oneof(
  fc.record({ kind: fc.constantFrom(...kinds) }, { noNullPrototype: true }).chain((base) =>
    fc.dictionary(fc.constantFrom('initialLearningRate', 'decaySteps', 'decayRate', 'stepSize', 'gamma', 'milestones', 'boundaries', 'values', 'schedule', 'schedules', 'min', 'max', 'by', 'maxLr', 'totalSteps', 'baseLr', 'zzz'), jsonish, { maxKeys: 5 }).map((options) => ({ ...options, ...base })),
  ),
  jsonish,
);

/** A chain of `depth` clamps around a constant: valid, and as deep as asked. */
function nestedClamps(depth: number): unknown {
  let config: unknown = { kind: 'constantLR', initialLearningRate: 0.1 };
  for (let i = 0; i < depth; i++) config = { kind: 'clamp', schedule: config, min: 0 };
  return config;
}

/** An array nested `depth` deep: `[[[…]]]`. */
const nestedArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** Config file text: JSON of a config, or broken text (binary, BOM, truncated, empty). */
const configText = fc.oneof(
  { weight: 4, arbitrary: configLike.map((value) => JSON.stringify(value) ?? 'null') },
  { weight: 1, arbitrary: configLike.map((value) => `\uFEFF${JSON.stringify(value) ?? 'null'}`) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString('latin1')) },
  { weight: 1, arbitrary: configLike.map((value) => (JSON.stringify(value) ?? 'null').slice(0, -1)) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 150 }).map((depth) => JSON.stringify(nestedClamps(depth))) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 150 }).map(nestedArray) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\uFEFF', 'null', '[]', '{}', '"x"', '1e999', 'NaN', '{"kind":"clamp"') },
);

/** --steps values: good ranges and lists, and broken ones. */
const stepsSpec = fc.oneof(
  fc.tuple(fc.integer({ min: -5, max: 50 }), fc.integer({ min: -5, max: 200 }), fc.integer({ min: -2, max: 40 })).map(([a, b, c]) => `${a}:${b}:${c}`),
  fc.array(fc.oneof(fc.integer({ min: -3, max: 1000 }), fc.constantFrom('NaN', 'x', '', '1e400', '0x1')), { minLength: 1, maxLength: 5 }).map((xs) => xs.join(',')),
  fc.constantFrom('0:1e300', '0:1:1e-300', '::', '1:2:3:4', '', ',', '0:10:0', '5e-324:1', '0:100000001'),
  weirdString,
);

/** Extra flags: known ones with odd values, unknown ones, stray positionals. */
const oddFlags = fc.array(
  fc.oneof(
    fc.constantFrom('--format', '--format=xml', '--steps', '-h', '--help', '--', '-', '--nope', '-x', '--log-y', '--monitor', '--all-events', '--title=\u202E'),
    weirdString,
  ),
  { maxLength: 3 },
);

describe('fuzz: anneal keeps its promises under hostile input', () => {
  it('eval: any config text, --steps and extra flags', async () => {
    await fc.assert(
      fc.asyncProperty(configText, stepsSpec, fc.constantFrom('json', 'csv', 'xml'), oddFlags, async (text, steps, format, flags) => {
        const argv = ['eval', 'c.json', '--steps', steps, '--format', format, ...flags];
        const result = await anneal(argv, { 'c.json': text });
        expectKept(result, argv);
        if (result.code === 0 && format === 'json' && !flags.includes('-h') && !flags.includes('--help')) {
          expect(() => JSON.parse(result.stdout), 'eval prints JSON').not.toThrow();
        }
      }),
      runs(300),
    );
  });

  it('validate: any config text, from a file or standard input', async () => {
    await fc.assert(
      fc.asyncProperty(configText, fc.boolean(), oddFlags, async (text, stdin, flags) => {
        const argv = ['validate', stdin ? '-' : 'c.json', ...flags];
        const result = await anneal(argv, { 'c.json': text, '-': text });
        expectKept(result, argv);
        if (result.code === 0 && !flags.some((f) => f === '-h' || f === '--help')) expect(result.stdout).toBe('ok\n');
      }),
      runs(300),
    );
  });

  it('simulate: hostile monitor configs and metrics logs (JSONL and CSV)', async () => {
    const metricValue = fc.oneof(weirdNumber, weirdString, fc.constant(null), jsonish);
    const jsonlLine = fc.oneof(
      fc.record({ step: fc.option(weirdNumber), metrics: fc.dictionary(fc.oneof(fc.constant('loss'), weirdString), metricValue, { maxKeys: 3 }) }).map((r) => JSON.stringify(r)),
      weirdString,
      fc.constant('{"metrics":{"loss":NaN}}'),
      fc.constant(''),
    );
    const csvLog = fc.array(fc.array(fc.oneof(fc.double().map(String), weirdString), { minLength: 1, maxLength: 3 }), { maxLength: 6 }).map((rows) => ['step,loss', ...rows.map((r) => r.join(','))].join('\n'));
    const log = fc.oneof(fc.array(jsonlLine, { maxLength: 8 }).map((lines) => lines.join('\n')), csvLog, fc.constantFrom('\uFEFF{"metrics":{"loss":1}}', '', 'step,loss\n1,\uFEFF2'));
    const monitor = fc.oneof(
      fc.constant({ initialLearningRate: 0.1, metric: 'loss', rules: [{ kind: 'plateau', patience: 1 }, { kind: 'nanGuard' }] }),
      fc.record({ initialLearningRate: weirdNumber, metric: fc.oneof(fc.constant('loss'), weirdString), rules: fc.array(fc.record({ kind: fc.constantFrom('plateau', 'earlyStop', 'severityDrop', 'warmRestart', 'nanGuard', 'nope'), patience: fc.option(weirdNumber) }), { maxLength: 2 }) }),
      jsonish,
    );
    await fc.assert(
      fc.asyncProperty(monitor, log, fc.constantFrom('auto', 'jsonl', 'csv', 'xml'), async (config, text, format) => {
        const path = format === 'csv' ? 'run.csv' : 'run.log';
        const argv = ['simulate', 'm.json', '--metrics', path, '--format', format];
        const result = await anneal(argv, { 'm.json': JSON.stringify(config) ?? 'null', [path]: text });
        expectKept(result, argv);
        if (result.code === 0) for (const line of result.stdout.trimEnd().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
      }),
      runs(200),
    );
  });

  it('schema: any flags', async () => {
    await fc.assert(
      fc.asyncProperty(oddFlags, async (flags) => {
        const argv = ['schema', ...flags];
        expectKept(await anneal(argv), argv);
      }),
      runs(40),
    );
  });

  it('plot: hostile configs and steps to standard output (rendering is slow: a few cases)', async () => {
    await fc.assert(
      fc.asyncProperty(configText, stepsSpec, fc.boolean(), async (text, steps, logY) => {
        const argv = ['plot', 'c.json', '--steps', steps, '-o', '-', ...(logY ? ['--log-y'] : [])];
        expectKept(await anneal(argv, { 'c.json': text }), argv);
      }),
      runs(12),
    );
  });

  it('any command name and arguments at all', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(weirdString, fc.constantFrom('eval', 'validate', 'schema', 'help', '--help', '-h', '--steps', '0:3')), { maxLength: 4 }), async (argv) => {
        expectKept(await anneal(argv), argv);
      }),
      runs(100),
    );
  });
});

describe('hostile inputs made by hand', () => {
  const valid = JSON.stringify({ kind: 'exponentialDecay', initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.5 });

  it.each([
    ['a 90-deep chain of clamps (valid: under the 100-level limit)', JSON.stringify(nestedClamps(90)), 0],
    ['a 150-deep chain of clamps (over the 100-level limit)', JSON.stringify(nestedClamps(150)), 1],
    ['a 10 000-deep chain of clamps', `${'{"kind":"clamp","min":0,"schedule":'.repeat(10_000)}{"kind":"constantLR","initialLearningRate":0.1}${'}'.repeat(10_000)}`, 1],
    ['a 150-deep array', nestedArray(150), 1],
    ['a 10 000-deep array', nestedArray(10_000), 1],
    ['a config that is an array of 100 000 numbers', JSON.stringify(Array.from({ length: 100_000 }, (_, i) => i)), 1],
    ['1 MB of binary', Buffer.from(Array.from({ length: 1 << 20 }, (_, i) => (i * 2_654_435_761) % 256)).toString('latin1'), 1],
    ['a BOM then the config', `\uFEFF${valid}`, 0],
    ['a non-finite number spelt as a string', JSON.stringify({ kind: 'exponentialDecay', initialLearningRate: 'Infinity', decaySteps: 100, decayRate: 0.5 }), 1],
    ['a 1 MB string as the kind', JSON.stringify({ kind: 'x'.repeat(1 << 20) }), 1],
    ['a key named __proto__', '{"__proto__":{"kind":"constantLR"},"kind":"constantLR","initialLearningRate":0.1}', 1],
  ])('eval and validate: %s', async (_name, text, code) => {
    for (const argv of [['eval', 'c.json', '--steps', '0:10'], ['validate', 'c.json']]) {
      const result = await anneal(argv, { 'c.json': text });
      expectKept(result, argv);
      expect(result.code, argv[0]).toBe(code);
    }
  });

  it('a 1 MB --steps value is a usage error in one short line', async () => {
    const argv = ['eval', 'c.json', '--steps', `0:${'9'.repeat(1 << 20)}x`];
    const result = await anneal(argv, { 'c.json': valid });
    expectKept(result, argv);
    expect(result.code).toBe(2);
  });

  it('a 1 MB unknown flag or command is a usage error in short lines', async () => {
    for (const argv of [['eval', 'c.json', '--steps', '0:3', `--${'y'.repeat(1 << 20)}`], ['z'.repeat(1 << 20)]]) {
      const result = await anneal(argv, { 'c.json': valid });
      expectKept(result, argv);
      expect(result.code).toBe(2);
    }
  });
});
