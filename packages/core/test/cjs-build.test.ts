import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// The package also ships CommonJS (dist/index.cjs); its zod imports resolve to zod's .cjs
// files. A default import of an ESM-only file there once broke every failed validation.
const require = createRequire(import.meta.url);

describe('the CommonJS build', () => {
  it("validates with zod's English messages, like the ESM build", () => {
    const core = require('@anneal/core') as typeof import('@anneal/core');
    expect(require.resolve('@anneal/core')).toMatch(/dist[\\/]index\.cjs$/);
    expect(() => core.cosineDecay({ initialLearningRate: 'x' as never, decaySteps: 10 })).toThrow(
      'Invalid cosineDecay options: initialLearningRate: Invalid input: expected number, received string (got "x")',
    );
    expect(() => core.fromConfig({ kind: 'cosineDecay', initialLearningRate: 0.1, decaySteps: -1 })).toThrow(
      'Invalid schedule config: decaySteps: must be > 0 (got -1)',
    );
  });
});
