// Taking a config out of the playground: as a JSON file (what `anneal eval`, `anneal plot`
// and `anneal simulate` read) and as TypeScript that builds the same thing with the
// packages' own functions. test/export-config.test.ts compiles every snippet with tsc.

/** A designer curve or a monitor config, ready to paste into a program. */
export function typescriptSnippet(config: unknown, target: 'schedule' | 'monitor' | 'callback'): string {
  const literal = JSON.stringify(config, null, 2);
  switch (target) {
    case 'schedule':
      return [
        "import { evaluate, fromConfig } from '@anneal/core';",
        '',
        `export const schedule = fromConfig(${literal});`,
        '',
        '// The rate at steps 0, 100, ..., 900.',
        'export const rates = evaluate(schedule, { start: 0, stop: 1000, stride: 100 });',
        '',
      ].join('\n');
    case 'monitor':
      return [
        "import { createMonitor } from '@anneal/monitor';",
        '',
        `export const monitor = createMonitor(${literal});`,
        '',
        '// After each evaluation: monitor.observe({ step, metrics: { val_loss } }); then use monitor.lr.',
        '',
      ].join('\n');
    case 'callback':
      return [
        "import { annealCallback } from '@anneal/tfjs';",
        '',
        `export const callback = annealCallback(${literal});`,
        '',
        '// await model.fit(xs, ys, { epochs: 40, validationData: [valXs, valYs], callbacks: [callback] });',
        '',
      ].join('\n');
  }
}

/** Offers `text` as a file download named `name`. */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
