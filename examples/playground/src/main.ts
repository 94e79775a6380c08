// The playground page: one config at a time in a form generated from anneal's JSON Schema
// and in an editable JSON box — a schedule (the designer's selected curve) or a monitor
// config (the lab) — kept in the URL, drawn, replayed and trained on as it changes.
import './style.css';
import { AnnealError, parseScheduleConfig, scheduleJsonSchema } from '@anneal/core';
import { monitorJsonSchema } from '@anneal/monitor';
import sampleLog from '../../gallery/tfjs-fit-run.jsonl?raw';
import defaultMonitor from '../../tfjs-fit/monitor.json';
import { detectMetricsLogFormat, type MetricsLogEntry, parseMetricsLog } from './anneal-cli.js';
import { createChart } from './chart.js';
import { enableDragZoom } from './drag-zoom.js';
import { galleryPresets } from './example-values.js';
import { download, typescriptSnippet } from './export-config.js';
import type { Json, JsonSchema } from './json-schema.js';
import { describeEvent, monitorFromJson, replay, replayChartSpec } from './replay.js';
import { createDesignerChart, type Curve } from './schedule-designer.js';
import { createSchemaForm } from './schema-form.js';
import { isScheduleConfig, readHash, writeHash } from './share.js';
import { setUpTrainLive } from './train/train-live.js';

type Mode = 'schedule' | 'monitor';
interface NamedCurve extends Curve {
  name: string;
  config: Json;
}

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
// Generated on first use: each takes zod a noticeable moment, and a visitor of the
// designer may never open the lab.
const schemas: Partial<Record<Mode, JsonSchema>> = {};
const schemaOf = (mode: Mode): JsonSchema =>
  (schemas[mode] ??= (mode === 'schedule' ? scheduleJsonSchema() : monitorJsonSchema()) as JsonSchema);

const state = {
  mode: 'schedule' as Mode,
  curves: [] as NamedCurve[],
  selected: 0,
  monitor: defaultMonitor as unknown as Json,
  from: 0,
  to: 1000,
  logY: false,
  /** JSON box text that does not parse, kept as typed (and in the URL) until fixed. */
  badJson: undefined as { text: string; error: string } | undefined,
};

// ---- state from the link --------------------------------------------------------------

function curveName(config: Json, wanted?: string): string {
  const base = wanted ?? (isScheduleConfig(config) ? String((config as { kind: string }).kind) : 'schedule');
  let name = base;
  for (let n = 2; state.curves.some((c) => c.name === name); n++) name = `${base} ${n}`;
  return name;
}

function loadHash(): void {
  const shared = readHash(location.hash);
  state.curves = [];
  state.badJson = undefined;
  state.mode = 'schedule';
  if (shared.config !== undefined && 'json' in shared.config) {
    const json = shared.config.json as Json;
    if (isScheduleConfig(json)) state.curves.push({ name: curveName(json, shared.name), config: json });
    else {
      state.mode = 'monitor';
      state.monitor = json;
    }
  } else if (shared.config !== undefined) state.badJson = { text: shared.config.text, error: shared.config.error };
  for (const [name, config] of Object.entries(shared.compare ?? {})) state.curves.push({ name: curveName(config as Json, name), config: config as Json });
  if (state.curves.length === 0) {
    state.curves.push({ name: 'cosine with warmup', config: { kind: 'warmup', warmupSteps: 100, schedule: { kind: 'cosineDecay', initialLearningRate: 0.1, decaySteps: 900, alpha: 0.05 } } });
  }
  state.selected = 0;
  state.from = shared.from ?? 0;
  state.to = shared.to ?? 1000;
  state.logY = shared.logY ?? false;
}

// ---- the editor: form, JSON box, anneal's message ----------------------------------------

const formElement = $('form');
const jsonBox = $<HTMLTextAreaElement>('config-json');
const errorBox = $('config-error');
let form: ReturnType<typeof createSchemaForm> | undefined;

const current = (): Json => (state.mode === 'schedule' ? (state.curves[state.selected]?.config ?? null) : state.monitor);

function setCurrent(value: Json): void {
  if (state.mode === 'schedule') {
    const curve = state.curves[state.selected];
    if (curve !== undefined) curve.config = value;
  } else state.monitor = value;
}

/** anneal's verdict on the current config: undefined when valid, else its message. */
function validate(): string | undefined {
  try {
    if (state.mode === 'schedule') parseScheduleConfig(current());
    else monitorFromJson(current());
    return undefined;
  } catch (error) {
    if (error instanceof AnnealError) return error.message;
    throw error;
  }
}

function showError(message: string | undefined): void {
  errorBox.hidden = message === undefined;
  errorBox.textContent = message ?? '';
}

function buildForm(): void {
  const schema = schemaOf(state.mode);
  form = createSchemaForm(formElement, schema, current(), {
    root: schema,
    onChange: (value) => {
      state.badJson = undefined;
      setCurrent(value);
      jsonBox.value = JSON.stringify(value, null, 2);
      refresh();
    },
  });
  formElement.querySelector('fieldset > legend')?.prepend(state.mode === 'schedule' ? 'schedule ' : 'monitor ');
}

jsonBox.addEventListener('input', () => {
  let parsed: Json;
  try {
    parsed = JSON.parse(jsonBox.value) as Json;
  } catch (error) {
    state.badJson = { text: jsonBox.value, error: `Invalid JSON: ${(error as Error).message}` };
    showError(state.badJson.error);
    writeUrl();
    return;
  }
  state.badJson = undefined;
  setCurrent(parsed);
  form?.setValue(parsed);
  refresh();
});

// ---- the URL ------------------------------------------------------------------------------

let lastHash = '';
let urlTimer: ReturnType<typeof setTimeout> | undefined;
/**
 * Puts the state in the URL, at most every 150 ms while a slider moves: browsers throttle
 * history.replaceState (Chromium refuses past ~200 calls in 10 s), and the last state counts.
 */
function writeUrl(): void {
  if (urlTimer !== undefined) return;
  urlTimer = setTimeout(() => {
    urlTimer = undefined;
    writeUrlNow();
  }, 150);
}

function writeUrlNow(): void {
  const others = state.curves.filter((_, i) => state.mode === 'monitor' || i !== state.selected);
  const compare = Object.fromEntries(others.map((c) => [c.name, c.config]));
  const hash = writeHash({
    config: state.badJson ?? { json: current() },
    name: state.mode === 'schedule' ? state.curves[state.selected]?.name : undefined,
    compare,
    from: state.from === 0 ? undefined : state.from,
    to: state.to === 1000 ? undefined : state.to,
    logY: state.logY,
  });
  if (hash === lastHash) return;
  lastHash = hash;
  history.replaceState(null, '', hash);
}

addEventListener('hashchange', () => {
  if (location.hash === lastHash) return;
  loadHash();
  showMode();
});

// ---- schedule designer -------------------------------------------------------------------

const scheduleChart = createChart($('schedule-chart'));
const designer = createDesignerChart(scheduleChart);
const notes = $('chart-notes');
const fromInput = $<HTMLInputElement>('from');
const toInput = $<HTMLInputElement>('to');
const logInput = $<HTMLInputElement>('log-y');

async function drawSchedules(): Promise<void> {
  const outcome = await designer.draw({ curves: state.curves, from: state.from, to: state.to, logY: state.logY });
  const lines = [
    ...(outcome.chartError === undefined ? [] : [outcome.chartError]),
    ...outcome.skipped.filter((s) => s.name !== state.curves[state.selected]?.name || state.mode !== 'schedule').map((s) => `${s.name} is not drawn: ${s.message}`),
  ];
  notes.replaceChildren(...lines.map((text) => Object.assign(document.createElement('li'), { textContent: text })));
}

function setRange(from: number, to: number): void {
  state.from = Math.max(0, Math.floor(from));
  state.to = Math.max(state.from + 1, Math.floor(to));
  fromInput.value = String(state.from);
  toInput.value = String(state.to);
  refresh();
}
fromInput.addEventListener('change', () => setRange(Number(fromInput.value) || 0, state.to));
toInput.addEventListener('change', () => setRange(state.from, Number(toInput.value) || state.from + 1));
logInput.addEventListener('change', () => {
  state.logY = logInput.checked;
  refresh();
});
$('zoom-reset').addEventListener('click', () => setRange(0, 1000));
enableDragZoom($('schedule-chart'), scheduleChart, setRange);

const curvesBar = $('curves');
function renderCurves(): void {
  if (state.mode !== 'schedule') {
    curvesBar.hidden = true;
    return;
  }
  curvesBar.hidden = false;
  const chips = state.curves.map((curve, index) => {
    const chip = document.createElement('button');
    chip.type = 'button';
    chip.className = index === state.selected ? 'chip selected' : 'chip';
    chip.textContent = curve.name;
    chip.dataset.curve = curve.name;
    chip.addEventListener('click', () => {
      state.selected = index;
      state.badJson = undefined;
      showMode();
    });
    return chip;
  });
  const name = document.createElement('input');
  name.type = 'text';
  name.value = state.curves[state.selected]?.name ?? '';
  name.setAttribute('aria-label', 'name of this curve');
  name.dataset.testid = 'curve-name';
  name.addEventListener('change', () => {
    const curve = state.curves[state.selected];
    if (curve === undefined || name.value.trim() === '' || name.value === curve.name) return;
    curve.name = '';
    curve.name = curveName(curve.config, name.value.trim());
    renderCurves();
    refresh();
  });
  const add = button('+ compare', 'add-curve', () => {
    state.curves.push({ name: curveName(current()), config: structuredClone(current()) });
    state.selected = state.curves.length - 1;
    showMode();
  });
  const remove = button('remove', 'remove-curve', () => {
    if (state.curves.length < 2) return;
    state.curves.splice(state.selected, 1);
    state.selected = Math.max(0, state.selected - 1);
    showMode();
  });
  remove.disabled = state.curves.length < 2;
  const gallery = document.createElement('select');
  gallery.setAttribute('aria-label', 'open a gallery set');
  gallery.append(new Option('gallery…', ''), ...[...galleryPresets.keys()].map((key) => new Option(key, key)));
  gallery.addEventListener('change', () => {
    const preset = galleryPresets.get(gallery.value);
    if (preset === undefined) return;
    state.curves = [];
    for (const [key, config] of Object.entries(preset)) state.curves.push({ name: curveName(config, key), config });
    state.selected = 0;
    const steps = JSON.stringify(preset).match(/"(decaySteps|totalSteps|numTrainingSteps|tMax)":\s*(\d+)/);
    setRangeSilently(0, steps ? Math.max(1000, Number(steps[2]) * 1.25) : 1000);
    showMode();
  });
  curvesBar.replaceChildren(...chips, name, add, remove, gallery);
}

function setRangeSilently(from: number, to: number): void {
  state.from = from;
  state.to = Math.round(to);
  fromInput.value = String(state.from);
  toInput.value = String(state.to);
}

function button(text: string, testid: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.dataset.testid = testid;
  b.addEventListener('click', onClick);
  return b;
}

// ---- monitor lab ---------------------------------------------------------------------------

const replayChart = createChart($('replay-chart'));
const logBox = $<HTMLTextAreaElement>('metrics-log');
const logError = $('log-error');
const decisionList = $('decisions');
let logName = '';
let parsedLog: { text: string; entries?: MetricsLogEntry[]; error?: string } = { text: '' };

function readLog(): MetricsLogEntry[] | undefined {
  const text = logBox.value;
  if (parsedLog.text !== text) {
    parsedLog = { text };
    if (text.trim() !== '') {
      try {
        parsedLog.entries = parseMetricsLog(text, detectMetricsLogFormat(logName, text), logName === '' ? 'metrics log' : `metrics log "${logName}"`);
      } catch (error) {
        if (!(error instanceof AnnealError)) throw error;
        parsedLog.error = error.message;
      }
    }
  }
  return parsedLog.entries;
}

async function replayLog(): Promise<void> {
  const entries = readLog();
  if (entries === undefined) {
    logError.hidden = parsedLog.error === undefined;
    logError.textContent = parsedLog.error ?? '';
    return;
  }
  let run;
  try {
    run = replay(state.monitor, entries);
  } catch (error) {
    if (!(error instanceof AnnealError)) throw error;
    // A bad config is reported beside the JSON box; a bad line of the log here.
    const fromLog = error.message.startsWith('Invalid metrics log');
    logError.hidden = !fromLog;
    logError.textContent = fromLog ? error.message : '';
    return;
  }
  logError.hidden = true;
  decisionList.replaceChildren(
    ...run.events.map((event) => {
      const item = document.createElement('li');
      item.textContent = describeEvent(event);
      item.dataset.type = event.decision.type;
      item.dataset.step = String(event.step);
      if ('rule' in event.decision) item.dataset.rule = event.decision.rule;
      return item;
    }),
  );
  if (run.events.length === 0) decisionList.replaceChildren(Object.assign(document.createElement('li'), { textContent: 'no drop, restart, stop, NaN or skip' }));
  decisionList.dataset.replays = String(Number(decisionList.dataset.replays ?? 0) + 1);
  await replayChart.draw(replayChartSpec(run));
}

logBox.addEventListener('input', () => {
  logName = ''; // typed or pasted text: its format is told by its content, not a file's name
  void replayLog();
});
logBox.addEventListener('dragover', (event) => event.preventDefault());
logBox.addEventListener('drop', (event) => {
  const file = event.dataTransfer?.files[0];
  if (file === undefined) return;
  event.preventDefault();
  void loadLogFile(file);
});
$<HTMLInputElement>('log-file').addEventListener('change', (event) => {
  const file = (event.target as HTMLInputElement).files?.[0];
  if (file !== undefined) void loadLogFile(file);
});
$('log-sample').addEventListener('click', () => {
  logName = 'tfjs-fit-run.jsonl';
  logBox.value = sampleLog;
  void replayLog();
});
async function loadLogFile(file: File): Promise<void> {
  logName = file.name;
  logBox.value = await file.text();
  await replayLog();
}

setUpTrainLive(
  {
    button: $<HTMLButtonElement>('train'),
    stop: $<HTMLButtonElement>('stop'),
    status: $('train-status'),
    chart: $('run-chart'),
    epochs: $<HTMLInputElement>('epochs'),
    fixedRate: $<HTMLInputElement>('fixed-rate'),
  },
  () => {
    try {
      monitorFromJson(state.monitor);
      return { config: state.monitor };
    } catch (error) {
      if (error instanceof AnnealError) return { error: error.message };
      throw error;
    }
  },
);

// ---- export ----------------------------------------------------------------------------

const snippetBox = $('snippet');
const exportTarget = $<HTMLSelectElement>('export-target');
const snippet = () => typescriptSnippet(current(), state.mode === 'schedule' ? 'schedule' : (exportTarget.value as 'monitor' | 'callback'));
$('export-json').addEventListener('click', () => {
  const name = state.mode === 'schedule' ? `${state.curves[state.selected]?.name ?? 'schedule'}.json` : 'monitor.json';
  download(name.replace(/[^\w.-]+/g, '-'), `${JSON.stringify(current(), null, 2)}\n`, 'application/json');
});
$('export-ts').addEventListener('click', () => {
  snippetBox.hidden = false;
  snippetBox.textContent = snippet();
  download(state.mode === 'schedule' ? 'schedule.ts' : 'monitor.ts', snippet(), 'text/typescript');
});
exportTarget.addEventListener('change', () => {
  if (!snippetBox.hidden) snippetBox.textContent = snippet();
});
$('copy-link').addEventListener('click', () => {
  navigator.clipboard?.writeText(location.href).catch(() => undefined);
});

// ---- modes and refresh --------------------------------------------------------------------

const tabs: Record<Mode, HTMLElement> = { schedule: $('tab-schedule'), monitor: $('tab-monitor') };
for (const mode of ['schedule', 'monitor'] as const) {
  tabs[mode].addEventListener('click', () => {
    if (state.mode === mode) return;
    state.mode = mode;
    state.badJson = undefined;
    showMode();
  });
}

/** Rebuilds the editor for the current mode and config, then refreshes everything. */
function showMode(): void {
  for (const mode of ['schedule', 'monitor'] as const) tabs[mode].setAttribute('aria-selected', String(state.mode === mode));
  $('designer').hidden = state.mode !== 'schedule';
  $('monitor-lab').hidden = state.mode !== 'monitor';
  exportTarget.hidden = state.mode !== 'monitor';
  snippetBox.hidden = true;
  fromInput.value = String(state.from);
  toInput.value = String(state.to);
  logInput.checked = state.logY;
  // The lab opens on the tfjs-fit demo's run, so the replay shows at once.
  if (state.mode === 'monitor' && logBox.value === '') {
    logName = 'tfjs-fit-run.jsonl';
    logBox.value = sampleLog;
  }
  buildForm();
  jsonBox.value = state.badJson?.text ?? JSON.stringify(current(), null, 2);
  renderCurves();
  refresh();
}

let chipsFor = '';
/** After any change: anneal's verdict, the URL, then the chart or the replay. */
function refresh(): Promise<void> {
  showError(state.badJson?.error ?? validate());
  writeUrl();
  const names = state.curves.map((c) => c.name).join('\u0000') + state.selected;
  if (names !== chipsFor && state.mode === 'schedule') {
    chipsFor = names;
    renderCurves();
  }
  return state.mode === 'schedule' ? drawSchedules() : replayLog();
}

loadHash();
showMode();
void drawSchedules().then(() => {
  performance.mark('anneal:interactive');
  document.documentElement.dataset.ready = 'true';
});
