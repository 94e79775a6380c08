import type { Io } from '../io.js';
import { renderSvg } from './render-svg.js';
import { type RunChart, runChartSpec } from './run-chart.js';
import { writeOutput } from './write-output.js';

export { createM4 } from './downsample.js';
export type { XY } from './downsample.js';
export { readNamedSchedules } from './named-schedules.js';
export type { NamedSchedule } from './named-schedules.js';
export { renderSvg } from './render-svg.js';
export { runChartSpec, spansDecades } from './run-chart.js';
export type { RunChart, RunEvent, RunEventType } from './run-chart.js';
export { createRunRecorder } from './run-recorder.js';
export type { RunRange, RunRecorder } from './run-recorder.js';
export { defaultBuckets, sampleSchedule } from './sample.js';
export { scheduleChartSpec } from './schedule-chart.js';
export type { NamedSeries, ScheduleChartOptions } from './schedule-chart.js';
export { simulationRunChart } from './simulation-run.js';
export type { SimulationChartOptions, SimulationRecord } from './simulation-run.js';
export { writeOutput } from './write-output.js';

/**
 * What `anneal simulate --plot` does: the run's chart (metric above, rate below,
 * events marked) rendered to SVG and written to `path` (`-` for standard output).
 *
 * @example await writeSimulationPlot('run.svg', recorder.chart({ metric: 'val_loss' }), io)
 */
export async function writeSimulationPlot(path: string, chart: RunChart, io: Io): Promise<void> {
  await writeOutput(path, await renderSvg(runChartSpec(chart)), io, '--plot');
}
