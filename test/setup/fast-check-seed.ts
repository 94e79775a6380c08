import fc from 'fast-check';

// Every property runs on a fixed seed, so CI fails only when the code changes, never on the
// luck of a draw. To hunt for new counterexamples, run with another seed and more runs:
//   FC_SEED=123 FC_RUNS=2000 pnpm test
// and turn whatever it finds into a named regression test.
const seed = Number(process.env.FC_SEED ?? 20261201);
const numRuns = process.env.FC_RUNS === undefined ? undefined : Number(process.env.FC_RUNS);

fc.configureGlobal(numRuns === undefined ? { seed } : { seed, numRuns });
