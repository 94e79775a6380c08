// A tiny XML reader for the charts' tests: enough of XML to prove an SVG is well formed
// (every tag matched, attributes quoted and unique, no bare `&` in text) and
// to query it by class and ARIA role. No dependency; the charts are Vega's plain SVG.

export interface SvgNode {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: SvgNode[];
  text: string;
}

const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>/y;
const attribute = /([\w:.-]+)="([^"]*)"/g;
const entity = /&(?:[a-z]+|#\d+|#x[\da-f]+);/gi;

/** Parses an SVG document; throws, saying where, if it is not well-formed XML. */
export function parseSvg(svg: string): SvgNode {
  const root: SvgNode = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: SvgNode[] = [root];
  let at = svg.startsWith('<?xml') ? svg.indexOf('?>') + 2 : 0;
  while (at < svg.length) {
    const open = svg.indexOf('<', at);
    const text = svg.slice(at, open === -1 ? svg.length : open);
    if (text.replace(entity, '').includes('&')) {
      throw new Error(`bare & in text at ${at}: ${JSON.stringify(text.slice(0, 40))}`);
    }
    (stack.at(-1) as SvgNode).text += text;
    if (open === -1) break;
    tag.lastIndex = open;
    const match = tag.exec(svg);
    if (match === null) throw new Error(`malformed tag at ${open}: ${JSON.stringify(svg.slice(open, open + 60))}`);
    const [whole, closing, name, attrText, selfClosing] = match as unknown as [string, string, string, string, string];
    if (closing) {
      const top = stack.pop() as SvgNode;
      if (top.name !== name) throw new Error(`</${name}> at ${open} closes <${top.name}>`);
    } else {
      const attrs: Record<string, string> = {};
      for (const [, key, value] of attrText.matchAll(attribute)) {
        if (Object.hasOwn(attrs, key as string)) throw new Error(`attribute ${key} twice in <${name}> at ${open}`);
        attrs[key as string] = value as string;
      }
      const node: SvgNode = { name, attrs, children: [], text: '' };
      (stack.at(-1) as SvgNode).children.push(node);
      if (!selfClosing) stack.push(node);
    }
    at = open + whole.length;
  }
  if (stack.length !== 1) throw new Error(`<${(stack.at(-1) as SvgNode).name}> is never closed`);
  if (root.children.length !== 1 || root.children[0]?.name !== 'svg') throw new Error('the document root is not one <svg>');
  if (root.text.trim() !== '') throw new Error('text outside the root element');
  return root.children[0];
}

/** Every node below `node` (itself included) for which `test` holds, in document order. */
export function findAll(node: SvgNode, test: (n: SvgNode) => boolean): SvgNode[] {
  const out: SvgNode[] = [];
  const visit = (n: SvgNode) => {
    if (test(n)) out.push(n);
    n.children.forEach(visit);
  };
  visit(node);
  return out;
}

const hasClass = (n: SvgNode, name: string) => (n.attrs.class ?? '').split(/\s+/).includes(name);

/** Texts of the `<text>` elements inside groups with class `role` (e.g. `role-legend-label`). */
export function textsOf(svg: SvgNode, role: string): string[] {
  return findAll(svg, (n) => hasClass(n, role))
    .flatMap((group) => findAll(group, (n) => n.name === 'text'))
    .map((n) => decode(n.text));
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(entity, (e) => {
    const body = e.slice(1, -1);
    if (body.startsWith('#x')) return String.fromCodePoint(Number.parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(Number(body.slice(1)));
    return entities[body] ?? e;
  });
}

/** Elements drawn for marks of a type: `line mark` paths, `rule mark` lines, ... */
export function marksOf(svg: SvgNode, roledescription: string): SvgNode[] {
  return findAll(svg, (n) => n.attrs['aria-roledescription'] === roledescription);
}

/** The ARIA summaries Vega writes for axes: "Y-axis titled 'learning rate' for a log scale ...". */
export function axisLabels(svg: SvgNode): string[] {
  return marksOf(svg, 'axis').map((n) => n.attrs['aria-label'] ?? '');
}
