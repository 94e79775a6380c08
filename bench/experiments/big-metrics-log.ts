// Writes a metrics log of N lines (default 1 000 000) as run.jsonl and run.csv (the same
// observations: a header line, then step,val_loss) and its monitor config, for
// measuring `anneal simulate --plot` on a long run (docs/benchmarks.md):
//   tsx bench/experiments/big-metrics-log.ts /tmp/big [lines]
//   /usr/bin/time -v node packages/cli/dist/cli.js simulate /tmp/big/monitor.json \
//     --metrics /tmp/big/run.jsonl --plot /tmp/big/run.svg > /dev/null
// The loss falls, with noise and plateaus, so plateau drops the rate now and then.
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir = '/tmp/anneal-big-log', linesArg = '1000000'] = process.argv.slice(2);
const lines = Number(linesArg);
mkdirSync(dir, { recursive: true });
writeFileSync(
  join(dir, 'monitor.json'),
  JSON.stringify({ initialLearningRate: 0.1, metric: 'val_loss', rules: [{ kind: 'plateau', patience: 2000, factor: 0.5 }] }),
);

let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const out = createWriteStream(join(dir, 'run.jsonl'));
const csv = createWriteStream(join(dir, 'run.csv'));
let chunk = '';
let csvChunk = 'step,val_loss\n';
for (let step = 1; step <= lines; step++) {
  const loss = (2 / Math.sqrt(1 + Math.floor(step / 50_000) * 50_000 / 1000) + 0.05 * random()).toFixed(5);
  chunk += `{"step":${step},"metrics":{"val_loss":${loss}}}\n`;
  csvChunk += `${step},${loss}\n`;
  if (chunk.length > 1 << 20) {
    out.write(chunk);
    csv.write(csvChunk);
    chunk = '';
    csvChunk = '';
  }
}
out.end(chunk);
csv.end(csvChunk);
