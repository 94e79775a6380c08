// A user-defined rule, registered next to the built-ins and used from a JSON config.
//
//   pnpm exec tsx examples/custom-rule/main.ts
import { readFileSync } from 'node:fs';
import { AnnealError } from '@anneal/core';
import { createDefaultRegistry, createMonitor, monitorJsonSchema, parseMonitorConfig } from '@anneal/monitor';
import { targetReached } from './target-reached.js';

// A registry is a value, not a global: this one knows the built-ins and our rule, and
// its type does too, so configs for it are checked by the compiler (kinds and options).
const registry = createDefaultRegistry([targetReached]);

// A file is `unknown` to the compiler: parseMonitorConfig validates it against the registry.
const json: unknown = JSON.parse(readFileSync(new URL('./monitor.json', import.meta.url), 'utf8'));
const config = parseMonitorConfig(json, registry);
const monitor = createMonitor(config, { registry });
monitor.on('drop', (d) => console.log(`  ${d.rule}: lr ${d.from} → ${d.to} (${d.reason})`));
monitor.on('stop', (d) => console.log(`  ${d.rule}: stop (${d.reason})`));

// A stand-in for a training run: validation accuracy rising with a plateau on the way.
const accuracy = [0.62, 0.74, 0.81, 0.85, 0.86, 0.855, 0.858, 0.859, 0.9, 0.93, 0.945, 0.952, 0.949, 0.956, 0.958, 0.96];
for (const [epoch, acc] of accuracy.entries()) {
  const step = (epoch + 1) * 100;
  console.log(`epoch ${String(epoch + 1).padStart(2)}  val_acc ${acc.toFixed(3)}  lr ${monitor.lrAt(step - 1)}`);
  monitor.observe({ step, epoch, metrics: { val_acc: acc } });
  if (monitor.state.stopped) break;
}

// The custom rule is validated like a built-in: a bad option names its path.
try {
  // times: 0 compiles (a number) but breaks the rule's `>= 1`, checked at run time.
  createMonitor({ initialLearningRate: 0.1, metric: 'val_acc', rules: [{ kind: 'targetReached', target: 0.9, times: 0 }] }, { registry });
} catch (error) {
  if (!(error instanceof AnnealError)) throw error;
  console.log(`\nrejected as expected: ${error.message}`);
}

// ...and it is part of the config's JSON Schema, for editors.
const schema = JSON.stringify(monitorJsonSchema(registry));
console.log(`JSON Schema knows targetReached: ${schema.includes('"targetReached"')}`);

// A registry without the rule refuses the same config (and its type would not compile it).
try {
  parseMonitorConfig(json, createDefaultRegistry());
} catch (error) {
  if (!(error instanceof AnnealError)) throw error;
  console.log(`without the rule: ${error.message.split('\n')[0]}`);
}
