import { compileMonitor, createMonitor, initialState, reduce } from './packages/monitor/dist/index.js';
const config = { initialLearningRate: 0.1, metric: 'val_loss', minLr: 1e-6, rules: [{ kind: 'plateau', compat: 'torch', patience: 10, factor: 0.5, threshold: 1e-4, cooldown: 2, eps: 1e-8 }] };
const program = compileMonitor(config);
let state = initialState(program);
const n = 1_000_000;
const cpu = (f) => { const c = process.cpuUsage(); f(); const d = process.cpuUsage(c); return (d.user + d.system) * 1000 / n; };
for (let r = 0; r < 4; r++) console.log('reduce', cpu(() => { for (let i = 0; i < n; i++) state = reduce(state, { step: i + r * n, metrics: { val_loss: 1 / (1 + (i%1000)) } }, program).state; }).toFixed(0), 'cpu-ns/obs');
const m = createMonitor(config);
for (let r = 0; r < 4; r++) console.log('observe', cpu(() => { for (let i = 0; i < n; i++) { m.observe({ step: i + r * n, metrics: { val_loss: 1 / (1 + (i%1000)) } }); m.lr; } }).toFixed(0), 'cpu-ns/obs');
