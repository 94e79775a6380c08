// A form generated from a JSON Schema: a kind picker for every `oneOf` of kinded configs
// (schedules, nested schedules of combinators, monitor rules), a number box and a slider
// per number, a checkbox per boolean, a menu per enum, a comma list per number array, a
// list with add/remove per array of configs. The form edits a JSON value in place and
// reports each change; it checks nothing itself — anneal does that (and says why).
import { exampleOfKind, exampleValue } from './example-values.js';
import {
  type Json,
  type JsonSchema,
  kindVariants,
  lowerBound,
  resolve,
  unwrapNullable,
  upperBound,
} from './json-schema.js';

type Path = readonly (string | number)[];
type JsonObject = { [key: string]: Json };

export interface FormOptions {
  readonly root: JsonSchema;
  /** Called after every edit with the whole value; `structural` when the form was rebuilt (a kind changed, an item came or went). */
  readonly onChange: (value: Json, structural: boolean) => void;
}

/** A generated form in `container`; `setValue` rebuilds it for a value edited elsewhere (the JSON box). */
export function createSchemaForm(container: HTMLElement, schema: JsonSchema, initial: Json, options: FormOptions) {
  let value: Json = structuredClone(initial);
  const { root } = options;

  const get = (path: Path): Json | undefined => {
    let current: Json | undefined = value;
    for (const key of path) current = (current as Record<string | number, Json> | null | undefined)?.[key];
    return current;
  };
  const set = (path: Path, next: Json | undefined, structural = false) => {
    if (path.length === 0) value = next ?? null;
    else {
      const parent = get(path.slice(0, -1)) as Record<string | number, Json>;
      const key = path[path.length - 1] as string | number;
      if (next === undefined) {
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key];
      } else parent[key] = next;
    }
    if (structural) render();
    options.onChange(value, structural);
  };

  const render = () => {
    container.replaceChildren(field(schema, [], 'config', true));
  };

  /** One field for `path`; `required` fields cannot be cleared. */
  function field(rawSchema: JsonSchema, path: Path, label: string, required: boolean): HTMLElement {
    const resolved = resolve(rawSchema, root);
    const variants = kindVariants(resolved);
    if (variants !== undefined) return kindedField(variants, path, label, required);
    const { schema: s, nullable } = unwrapNullable(resolved);
    if (s.type === 'object' && s.properties !== undefined) return objectField(s, path, label, required);
    if (s.type === 'array') {
      const items = resolve(s.items ?? {}, root);
      if (items.type === 'number' || items.type === 'integer') return numberListField(s, path, label);
      return arrayField(s, items, path, label);
    }
    if (s.type === 'number' || s.type === 'integer') return numberField(s, path, label, required, nullable);
    if (s.type === 'boolean') return booleanField(s, path, label);
    if (s.enum !== undefined) return enumField(s, path, label, required);
    if (s.type === 'string') return textField(s, path, label, required);
    return jsonField(path, label);
  }

  function kindedField(variants: Map<string, JsonSchema>, path: Path, label: string, required: boolean): HTMLElement {
    const current = get(path) as JsonObject | undefined;
    const kind = typeof current?.kind === 'string' ? current.kind : undefined;
    const box = fieldset(label, path);
    const picker = document.createElement('select');
    picker.dataset.path = pathName(path, 'kind');
    picker.setAttribute('aria-label', `${label} kind`);
    if (!required) picker.append(new Option('(none)', ''));
    for (const name of variants.keys()) picker.append(new Option(name, name));
    if (kind !== undefined && !variants.has(kind)) picker.append(new Option(`${kind} (unknown)`, kind));
    picker.value = kind ?? '';
    picker.addEventListener('change', () => {
      const next = picker.value;
      if (next === '') return set(path, undefined, true);
      const fresh = exampleOfKind(next, variants.get(next) as JsonSchema, root) as JsonObject;
      // Options the two kinds share keep their values (the rate, a nested schedule).
      const properties = variants.get(next)?.properties ?? {};
      for (const [key, old] of Object.entries(current ?? {})) if (key !== 'kind' && key in properties) fresh[key] = old;
      set(path, fresh, true);
    });
    box.querySelector('legend')?.append(' ', picker);
    const variant = kind === undefined ? undefined : variants.get(kind);
    if (variant !== undefined) box.append(...propertyFields(variant, path));
    return box;
  }

  function objectField(s: JsonSchema, path: Path, label: string, required: boolean): HTMLElement {
    const current = get(path);
    const box = fieldset(label, path);
    if (current === undefined && !required) {
      const add = button(`set ${label}`, () => set(path, exampleValue(s, root, label), true));
      box.append(add);
      return box;
    }
    if (!required) box.querySelector('legend')?.append(' ', button('remove', () => set(path, undefined, true)));
    box.append(...propertyFields(s, path));
    return box;
  }

  function propertyFields(s: JsonSchema, path: Path): HTMLElement[] {
    const required = new Set(s.required ?? []);
    return Object.entries(s.properties ?? {})
      .filter(([key]) => key !== 'kind' && key !== '$schema')
      .map(([key, property]) => field(property, [...path, key], key, required.has(key)));
  }

  function arrayField(s: JsonSchema, items: JsonSchema, path: Path, label: string): HTMLElement {
    const box = fieldset(label, path);
    const list = (get(path) as Json[] | undefined) ?? [];
    list.forEach((_, index) => {
      const item = field(items, [...path, index], `${label}[${index}]`, true);
      item.querySelector('legend')?.append(' ', button('remove', () => set([...path, index], undefined, true)));
      box.append(item);
    });
    box.append(
      button(`add to ${label}`, () => {
        const next = [...list, exampleValue(items, root, label)];
        set(path, next, true);
      }),
    );
    return box;
  }

  function numberField(s: JsonSchema, path: Path, label: string, required: boolean, nullable: boolean): HTMLElement {
    const row = labelled(label, path, required, s);
    const current = get(path);
    const input = document.createElement('input');
    input.type = 'number';
    input.dataset.path = pathName(path);
    input.value = typeof current === 'number' ? String(current) : '';
    if (current !== undefined && typeof current !== 'number' && current !== null) input.value = String(current);
    input.placeholder = s.default === undefined ? (nullable ? 'none' : '') : `${s.default ?? 'none'}`;
    input.step = 'any';
    const low = lowerBound(s);
    const high = upperBound(s);
    // The slider spans the field's bounds, or 0 to 4× the value it started with.
    const start = typeof current === 'number' ? current : typeof s.default === 'number' ? s.default : 1;
    const slider = document.createElement('input');
    slider.type = 'range';
    slider.dataset.path = pathName(path);
    slider.dataset.role = 'slider';
    slider.min = String(low ?? 0);
    slider.max = String(high ?? (start > 0 ? start * 4 : s.type === 'integer' ? 100 : 1));
    slider.step = s.type === 'integer' ? '1' : String((Number(slider.max) - Number(slider.min)) / 1000);
    slider.value = String(start);
    slider.setAttribute('aria-label', `${label} slider`);
    input.addEventListener('input', () => {
      const text = input.value.trim();
      // Cleared: a nullable option becomes null; any other is left out (a required one then gets anneal's message).
      if (text === '') set(path, required && nullable ? null : undefined);
      else {
        set(path, Number(text));
        slider.value = text;
      }
    });
    slider.addEventListener('input', () => {
      input.value = slider.value;
      set(path, Number(slider.value));
    });
    row.append(input, slider);
    return row;
  }

  function numberListField(s: JsonSchema, path: Path, label: string): HTMLElement {
    const row = labelled(label, path, true, s);
    const input = document.createElement('input');
    input.type = 'text';
    input.dataset.path = pathName(path);
    const current = get(path);
    input.value = Array.isArray(current) ? current.join(', ') : '';
    input.placeholder = 'comma list, e.g. 300, 600';
    input.addEventListener('input', () => {
      const tokens = input.value.split(',').map((t) => t.trim()).filter((t) => t !== '');
      // A token that is no number stays a string, so anneal names it in its message.
      set(path, tokens.map((t) => (Number.isFinite(Number(t)) ? Number(t) : t)));
    });
    row.append(input);
    return row;
  }

  function booleanField(s: JsonSchema, path: Path, label: string): HTMLElement {
    const row = labelled(label, path, false, s);
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.dataset.path = pathName(path);
    const current = get(path);
    input.checked = typeof current === 'boolean' ? current : s.default === true;
    input.addEventListener('change', () => set(path, input.checked));
    row.append(input);
    return row;
  }

  function enumField(s: JsonSchema, path: Path, label: string, required: boolean): HTMLElement {
    const row = labelled(label, path, required, s);
    const select = document.createElement('select');
    select.dataset.path = pathName(path);
    if (!required) select.append(new Option(s.default === undefined ? '(unset)' : `(default: ${String(s.default)})`, ''));
    for (const option of s.enum ?? []) select.append(new Option(String(option), String(option)));
    const current = get(path);
    select.value = current === undefined ? '' : String(current);
    select.addEventListener('change', () => set(path, select.value === '' ? undefined : select.value));
    row.append(select);
    return row;
  }

  function textField(s: JsonSchema, path: Path, label: string, required: boolean): HTMLElement {
    const row = labelled(label, path, required, s);
    const input = document.createElement('input');
    input.type = 'text';
    input.dataset.path = pathName(path);
    const current = get(path);
    input.value = typeof current === 'string' ? current : '';
    input.addEventListener('input', () => set(path, input.value === '' && !required ? undefined : input.value));
    row.append(input);
    return row;
  }

  /** A shape this form has no widget for: its JSON, edited as text. */
  function jsonField(path: Path, label: string): HTMLElement {
    const row = labelled(label, path, false, {});
    const input = document.createElement('input');
    input.type = 'text';
    input.dataset.path = pathName(path);
    const current = get(path);
    input.value = current === undefined ? '' : JSON.stringify(current);
    input.addEventListener('input', () => {
      try {
        set(path, input.value.trim() === '' ? undefined : (JSON.parse(input.value) as Json));
      } catch {
        set(path, input.value);
      }
    });
    row.append(input);
    return row;
  }

  render();
  return {
    get value(): Json {
      return value;
    },
    setValue(next: Json) {
      value = structuredClone(next);
      render();
    },
  };
}

function pathName(path: Path, last?: string): string {
  return [...path, ...(last === undefined ? [] : [last])].join('.') || '(root)';
}

function fieldset(label: string, path: Path): HTMLFieldSetElement {
  const box = document.createElement('fieldset');
  box.dataset.path = pathName(path);
  const legend = document.createElement('legend');
  legend.textContent = label;
  box.append(legend);
  return box;
}

function labelled(label: string, path: Path, required: boolean, s: JsonSchema): HTMLLabelElement {
  const row = document.createElement('label');
  row.className = 'field';
  const name = document.createElement('span');
  name.textContent = required ? `${label} *` : label;
  const bounds = [lowerBound(s) === undefined ? '' : `≥ ${lowerBound(s)}`, upperBound(s) === undefined ? '' : `≤ ${upperBound(s)}`];
  name.title = [s.description ?? '', ...bounds, s.default === undefined ? '' : `default ${JSON.stringify(s.default)}`]
    .filter(Boolean)
    .join('; ');
  row.dataset.field = pathName(path);
  row.append(name);
  return row;
}

function button(text: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.addEventListener('click', onClick);
  return b;
}
