// `pnpm gallery [--rerun]`: regenerates docs/gallery/*.svg from examples/gallery/*.json by running
// the `anneal` command in-process, exactly as a user would type it, and writes
// docs/gallery/README.md with every chart and the command that drew it.
//
// It fails loudly: a config the CLI rejects (an unknown kind, a bad option), a config
// file with no entry below, an entry with no file, or a chart the README's Gallery
// section does not show stops it with exit status 1.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Io, main } from '@anneal/cli';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const configs = 'examples/gallery';
const out = 'docs/gallery';

interface ScheduleChart {
  /** A config file in examples/gallery; the SVG takes its base name. */
  readonly file: string;
  readonly title: string;
  readonly steps: string;
  readonly logY?: boolean;
  /** One sentence under the chart: what to look at. */
  readonly caption: string;
}

interface RunChart {
  readonly name: string;
  readonly title: string;
  readonly monitor: string;
  /** A committed metrics log, so the chart redraws in a second; \`--rerun\` trains again first. */
  readonly metrics: string;
  /** The program that writes \`metrics\` (run by \`pnpm gallery --rerun\`). */
  readonly producer: readonly string[];
  readonly caption: string;
}

interface FinderChart {
  readonly name: string;
  readonly title: string;
  /** A committed range-test result, so the chart redraws in a second; \`--rerun\` runs the test again first. */
  readonly result: string;
  readonly producer: readonly string[];
  readonly caption: string;
}

/** The charts, in gallery order. */
const schedules: readonly ScheduleChart[] = [
  {
    file: 'exponential-decay.json',
    title: 'Exponential decay: continuous and staircase',
    steps: '0:5000',
    caption: '`exponentialDecay` (TensorFlow `exponential_decay`, Keras `ExponentialDecay`): halving every 1000 steps, smoothly or in steps.',
  },
  {
    file: 'piecewise-constant.json',
    title: 'Piecewise constant',
    steps: '0:5000',
    caption: '`piecewiseConstant`: a step equal to a boundary keeps the earlier value, as in TensorFlow.',
  },
  {
    file: 'polynomial-decay.json',
    title: 'Polynomial decay: power 0.5, 1 and 2',
    steps: '0:5000',
    caption: '`polynomialDecay` from 0.1 to 0.001 over 4000 steps, then held at the end rate.',
  },
  {
    file: 'polynomial-decay-cycle.json',
    title: 'Polynomial decay with cycle',
    steps: '0:5000',
    caption: '`polynomialDecay` with `cycle`: the decay restarts with `decaySteps` stretched to the next multiple, ceil(t / decaySteps) · decaySteps.',
  },
  {
    file: 'natural-exp-vs-exponential.json',
    title: 'Natural exp against exponential decay (log axis)',
    steps: '0:5000',
    logY: true,
    caption: '`naturalExpDecay` (e^(−0.5·t/1000)) against `exponentialDecay` (0.5^(t/1000)), each continuous and staircase; on a log axis both are straight lines.',
  },
  {
    file: 'inverse-time-decay.json',
    title: 'Inverse time decay',
    steps: '0:5000',
    caption: '`inverseTimeDecay`: 0.1 / (1 + 0.5 · t/1000), continuous and staircase.',
  },
  {
    file: 'cosine-decay.json',
    title: 'Cosine decay: alpha 0 and 0.3',
    steps: '0:5000',
    caption: '`cosineDecay` over 4000 steps; `alpha` is the floor as a fraction of the initial rate, held after the end.',
  },
  {
    file: 'cosine-decay-restarts.json',
    title: 'Cosine decay with restarts: mMul 1 and 0.5, tMul 2',
    steps: '0:15000',
    caption: '`cosineDecayRestarts` (SGDR): periods of 1000, 2000, 4000, 8000 steps; with `mMul` 0.5 each restart starts at half the previous peak.',
  },
  {
    file: 'linear-cosine-decay.json',
    title: 'Linear cosine decay',
    steps: '0:5000',
    caption: '`linearCosineDecay` (Bello et al. 2017): a cosine with `numPeriods` periods under a linear decay, plus `beta`.',
  },
  {
    file: 'noisy-linear-cosine-decay.json',
    title: 'Noisy linear cosine decay',
    steps: '0:5000',
    caption: '`noisyLinearCosineDecay`: Gaussian noise of variance `initialVariance / (1 + t)^varianceDecay` on the linear part; a pure function of (seed, step).',
  },
  {
    file: 'one-cycle.json',
    title: "PyTorch's one-cycle",
    steps: '0:5000',
    caption: '`oneCycleLR` (PyTorch `OneCycleLR`): up to `maxLr` in the first 30%, then down to maxLr / (divFactor · finalDivFactor); cosine, linear and three-phase.',
  },
  {
    file: 'cyclic.json',
    title: "PyTorch's cyclic",
    steps: '0:6000',
    caption: '`cyclicLR` (PyTorch `CyclicLR`): triangular, triangular2 (amplitude halved each cycle) and exp_range (scaled by gamma^t).',
  },
  {
    file: 'warmup-cosine.json',
    title: 'Warmup, then cosine decay',
    steps: '0:5000',
    caption: 'The `warmup` combinator around `cosineDecay`: the cosine sees the local step t − warmupSteps; linear and cosine ramps.',
  },
];

/** The adaptive run: a monitor replayed over a training run's metrics log by `anneal simulate --plot`. */
const runs: readonly RunChart[] = [
  {
    name: 'tfjs-fit-run',
    title: 'An adaptive run: examples/tfjs-fit',
    monitor: 'examples/tfjs-fit/monitor.json',
    metrics: join(configs, 'tfjs-fit-run.jsonl'),
    producer: ['examples/tfjs-fit/main.ts', '--out', join(configs, 'tfjs-fit-run.jsonl')],
    caption:
      "The TensorFlow.js demo's metrics log replayed through its monitor config: warmup into cosine decay, " +
      'a `severityDrop` when val_loss jumps, `earlyStop` when it stops improving. Written by ' +
      '`tsx examples/tfjs-fit/main.ts --out examples/gallery/tfjs-fit-run.jsonl` (`pnpm gallery --rerun` does it again).',
  },
];

/** Range tests: a saved findLearningRate result drawn by \`anneal plot\`. */
const finders: readonly FinderChart[] = [
  {
    name: 'lr-finder',
    title: 'A learning-rate range test: examples/lr-finder',
    result: 'examples/lr-finder/result.json',
    producer: ['examples/lr-finder/main.ts', '--out', 'examples/lr-finder/result.json', '--plot', 'out/lr-finder.svg'],
    caption:
      "`findLearningRate` (fastai's `lr_find`) on the TensorFlow.js demo's MLP with Adam: the rate grows from 1e-7 " +
      'to 10 over 100 batches; the smoothed loss (bias-corrected moving average, β = 0.98) over the raw one, and ' +
      "fastai's four suggestions on it (medians of 3 runs). Written by " +
      '`tsx examples/lr-finder/main.ts --out examples/lr-finder/result.json` (`pnpm gallery --rerun` does it again).',
  },
];

const chartCommand = (chart: ScheduleChart, svg: string) => [
  'plot',
  join(configs, chart.file),
  '--steps',
  chart.steps,
  '--title',
  chart.title,
  ...(chart.logY ? ['--log-y'] : []),
  '-o',
  svg,
];

const runCommand = (run: RunChart, svg: string) => ['simulate', run.monitor, '--metrics', run.metrics, '--plot', svg];

const finderCommand = (finder: FinderChart, svg: string) => ['plot', finder.result, '--title', finder.title, '-o', svg];

/** Runs `anneal` in-process from the repository root; a non-zero exit throws with what it printed. */
async function anneal(argv: string[]): Promise<void> {
  let stderr = '';
  const io: Io = {
    stdout: { write: () => true },
    stderr: { write: (text: string) => (stderr += text) },
    readFile: (path) => readFile(join(root, path), 'utf8'),
  };
  // Paths in argv are relative to the root, so the commands in the README run as printed.
  process.chdir(root);
  const code = await main(argv, io);
  if (code !== 0) throw new Error(`anneal ${argv.join(' ')}\nexited ${code}:\n${stderr}`);
}

/** Every config file has its chart and every chart its file: nothing is skipped silently. */
function checkInventory(): void {
  const files = readdirSync(join(root, configs)).filter((name) => name.endsWith('.json'));
  const used = new Set([
    ...schedules.map((chart) => chart.file),
    ...runs.flatMap((run) => [run.monitor, run.metrics].map((path) => relative(configs, path))),
  ]);
  const unlisted = files.filter((name) => !used.has(name));
  const missing = schedules.map((chart) => chart.file).filter((name) => !files.includes(name));
  if (unlisted.length || missing.length) {
    throw new Error(
      [
        unlisted.length ? `config files without a chart in scripts/gallery.ts: ${unlisted.join(', ')}` : '',
        missing.length ? `charts whose config file is missing from ${configs}: ${missing.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
  }
}

const quote = (arg: string) => (/^[\w./:=-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

/** Trains again to refresh a run's metrics log (deterministic: the example seeds data and weights). */
function rerun(run: { readonly producer: readonly string[] }): void {
  console.log(`running ${run.producer.join(' ')}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', ...run.producer], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${run.producer.join(' ')} exited ${result.status}`);
}

async function gallery(): Promise<void> {
  checkInventory();
  if (process.argv.includes('--rerun')) [...runs, ...finders].forEach(rerun);
  mkdirSync(join(root, out), { recursive: true });
  const sections: string[] = [];
  const written: string[] = [];
  for (const chart of schedules) {
    const svg = join(out, chart.file.replace(/\.json$/, '.svg'));
    written.push(svg);
    const argv = chartCommand(chart, svg);
    await anneal(argv);
    sections.push(section(chart.title, svg, chart.caption, argv));
    console.log(`wrote ${svg}`);
  }
  for (const run of runs) {
    const svg = join(out, `${run.name}.svg`);
    written.push(svg);
    const argv = runCommand(run, svg);
    await anneal(argv);
    sections.push(section(run.title, svg, run.caption, argv));
    console.log(`wrote ${svg}`);
  }
  for (const finder of finders) {
    const svg = join(out, `${finder.name}.svg`);
    written.push(svg);
    const argv = finderCommand(finder, svg);
    await anneal(argv);
    sections.push(section(finder.title, svg, finder.caption, argv));
    console.log(`wrote ${svg}`);
  }
  const readme = `# Gallery

Generated by \`pnpm gallery\` (scripts/gallery.ts) from the configs in
[examples/gallery](../../examples/gallery). Each chart is drawn by the command under it,
run from the repository root (in a clone, \`npx tsx packages/cli/src/cli.ts\` stands for
\`anneal\` without a build). Do not edit by hand.

${sections.join('\n')}`;
  writeFileSync(join(root, out, 'README.md'), readme);
  console.log(`wrote ${join(out, 'README.md')}`);
  const shown = readFileSync(join(root, 'README.md'), 'utf8');
  const absent = written.filter((svg) => !shown.includes(`](${svg})`));
  if (absent.length) throw new Error(`README.md's Gallery section does not show: ${absent.join(', ')}`);
}

function section(title: string, svg: string, caption: string, argv: readonly string[]): string {
  return `## ${title}

![${title}](${relative(out, svg)})

${caption}

\`\`\`sh
pnpm anneal ${argv.map(quote).join(' ')}
\`\`\`
`;
}

try {
  await gallery();
} catch (error) {
  console.error(`gallery: ${(error as Error).message}`);
  process.exitCode = 1;
}
