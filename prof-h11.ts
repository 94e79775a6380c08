import { compileMonitor, createMonitor, initialState, reduce } from './packages/monitor/src/index.ts';
const config = { initialLearningRate: 0.1, metric: 'val_loss', minLr: 1e-6, rules: [{ kind: 'plateau', compat: 'torch', patience: 10, factor: 0.5, threshold: 1e-4, cooldown: 2, eps: 1e-8 }] };
const program = compileMonitor(config);
let state = initialState(program);
const n = 1_000_000;
for (let r = 0; r < 3; r++) {
const t = performance.now();
for (let i = 0; i < n; i++) state = reduce(state, { step: i + r * n, metrics: { val_loss: 1 / (1 + (i%1000)) } }, program).state;
console.log('reduce', ((performance.now() - t) * 1e6 / n).toFixed(0), 'ns/obs');
}
const m = createMonitor(config);
for (let r = 0; r < 3; r++) {
const t = performance.now();
for (let i = 0; i < n; i++) { m.observe({ step: i + r * n, metrics: { val_loss: 1 / (1 + (i%1000)) } }); m.lr; }
console.log('observe', ((performance.now() - t) * 1e6 / n).toFixed(0), 'ns/obs');
}
