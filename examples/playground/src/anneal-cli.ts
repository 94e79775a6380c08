// The pure parts of the `anneal` CLI that the playground shares with it, so a chart here
// is the chart `anneal plot` / `anneal simulate --plot` draws, and a log is read the way
// `anneal simulate --metrics` reads it. @anneal/cli's entry point also holds the command
// runner (node:fs, node:process), so these modules are imported one by one, from source.
export { sampleSchedule } from '../../../packages/cli/src/plot/sample.js';
export { scheduleChartSpec } from '../../../packages/cli/src/plot/schedule-chart.js';
export type { NamedSeries } from '../../../packages/cli/src/plot/schedule-chart.js';
export { runChartSpec } from '../../../packages/cli/src/plot/run-chart.js';
export { simulationRunChart } from '../../../packages/cli/src/plot/simulation-run.js';
export type { SimulationRecord } from '../../../packages/cli/src/plot/simulation-run.js';
export { detectMetricsLogFormat, parseMetricsLog } from '../../../packages/cli/src/metrics-log.js';
export type { MetricsLogEntry } from '../../../packages/cli/src/metrics-log.js';
