// Crash and resume with annealCallback: checkpoints (model + optimizer state + the
// callback's snapshot) after every epoch; run again after a crash and it goes on from
// the last checkpoint with `initialEpoch`, at the rates an uninterrupted run has.
//
//   pnpm exec tsx examples/tfjs-resume/main.ts --dir out/resume --epochs 8 --crash-at 4   # dies in epoch 4
//   pnpm exec tsx examples/tfjs-resume/main.ts --dir out/resume --epochs 8                # resumes at epoch 4
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { train } from './train.js';

const { values: args } = parseArgs({
  options: {
    dir: { type: 'string', default: 'out/resume' },
    epochs: { type: 'string', default: '8' },
    'crash-at': { type: 'string' },
  },
});
tf.env().set('PROD', true);
await tf.setBackend('cpu');
mkdirSync(args.dir, { recursive: true });
const crashAt = args['crash-at'] === undefined ? undefined : Number(args['crash-at']);
await train({ dir: args.dir, epochs: Number(args.epochs), ...(crashAt === undefined ? {} : { crashAt }) });
console.log(`trained to epoch ${args.epochs} in ${args.dir} (epochs.jsonl: one line per epoch)`);
