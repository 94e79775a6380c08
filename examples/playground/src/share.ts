// The page's state in the URL's fragment, so a link reproduces the view:
//   #config=<URI-encoded JSON>            the schedule config (it has a "kind") or the monitor config
//   &name=<curve name>                     the legend name of that schedule
//   &compare=<URI-encoded JSON map>        the designer's other curves, { name: config }
//   &from=0&to=1000&log=1                  the designer's step range and log axis
// The fragment never reaches a server, and a static host serves it as is.

export interface SharedState {
  /** The parsed `config`, or the text that failed to parse (shown in the JSON box with the error). */
  readonly config?: { readonly json: unknown } | { readonly text: string; readonly error: string } | undefined;
  /** The legend name of the designer's curve that `config` is. */
  readonly name?: string | undefined;
  readonly compare?: Record<string, unknown> | undefined;
  readonly from?: number | undefined;
  readonly to?: number | undefined;
  readonly logY?: boolean | undefined;
}

/** Reads a `location.hash`; parts it cannot read are left out. */
export function readHash(hash: string): SharedState {
  const params = new URLSearchParams(hash.replace(/^#/, '').replace(/\+/g, '%2B'));
  const state: { -readonly [K in keyof SharedState]: SharedState[K] } = {};
  const config = params.get('config');
  if (config !== null) {
    try {
      state.config = { json: JSON.parse(config) };
    } catch (error) {
      state.config = { text: config, error: `Invalid JSON in the link's #config: ${(error as Error).message}` };
    }
  }
  const name = params.get('name');
  if (name !== null && name.trim() !== '') state.name = name;
  const compare = params.get('compare');
  if (compare !== null) {
    try {
      const parsed: unknown = JSON.parse(compare);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) state.compare = parsed as Record<string, unknown>;
    } catch {
      // a damaged comparison list is dropped; the config still opens
    }
  }
  const number = (key: string) => {
    const text = params.get(key);
    return text !== null && text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : undefined;
  };
  state.from = number('from');
  state.to = number('to');
  if (params.has('log')) state.logY = params.get('log') === '1';
  return state;
}

/** The fragment for a state: `#config=` first, each part URI-encoded. */
export function writeHash(state: SharedState): string {
  const parts: string[] = [];
  if (state.config !== undefined) {
    const text = 'json' in state.config ? JSON.stringify(state.config.json) : state.config.text;
    parts.push(`config=${encodeURIComponent(text)}`);
  }
  if (state.name !== undefined) parts.push(`name=${encodeURIComponent(state.name)}`);
  if (state.compare !== undefined && Object.keys(state.compare).length > 0) {
    parts.push(`compare=${encodeURIComponent(JSON.stringify(state.compare))}`);
  }
  if (state.from !== undefined) parts.push(`from=${state.from}`);
  if (state.to !== undefined) parts.push(`to=${state.to}`);
  if (state.logY) parts.push('log=1');
  return `#${parts.join('&')}`;
}

/** A schedule config has a string `kind`; anything else is taken for a monitor config. */
export function isScheduleConfig(json: unknown): boolean {
  return json !== null && typeof json === 'object' && typeof (json as { kind?: unknown }).kind === 'string';
}
