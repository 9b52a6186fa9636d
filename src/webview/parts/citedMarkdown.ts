import { type CitedSource, isWebUrl } from '../../core/turn/citations';
import { markCitations } from '../../core/turn/citationMarks';
import type { Annotation } from '../../core/turn/turnParts';
import { h } from '../dom';
import { renderMarkdown } from '../markdown/renderMarkdown';

/**
 * An answer with its citations as numbered references: `… more. [1]`. The numbers go into the Markdown as
 * private-use sentinels (which the model's own text cannot carry: they are stripped from it first), survive
 * rendering and sanitising as plain text, and only then become reference links built here, with the address in
 * `data-href` like every other link, so a click still goes to the host and its confirmation.
 */

const OPEN = '\uE000';
const CLOSE = '\uE001';
const SENTINELS = /[\uE000\uE001]/g;
const MARK = /\uE000(\d+)\uE001/g;

export function renderCitedMarkdownInto(target: HTMLElement, text: string, annotations: readonly Annotation[], sources: readonly CitedSource[]): void {
  const numbers = new Map(sources.map((s) => [s.url, s.number]));
  const marked = markCitations(text.replace(SENTINELS, ''), annotations, numbers, (n) => `${OPEN}${n}${CLOSE}`);
  const fragment = renderMarkdown(marked);
  const bySource = new Map(sources.map((s) => [s.number, s]));
  const walker = document.createTreeWalker(fragment, NodeFilter.SHOW_TEXT);
  const withMarks: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.nodeValue?.includes(OPEN)) withMarks.push(node as Text);
  for (const node of withMarks) node.replaceWith(...splitMarks(node.nodeValue ?? '', bySource));
  target.replaceChildren(fragment);
}

function splitMarks(value: string, bySource: ReadonlyMap<number, CitedSource>): Node[] {
  const nodes: Node[] = [];
  let last = 0;
  for (const match of value.matchAll(MARK)) {
    if (match.index > last) nodes.push(document.createTextNode(value.slice(last, match.index)));
    const source = bySource.get(Number(match[1]));
    if (source) nodes.push(reference(source));
    last = match.index + match[0].length;
  }
  if (last < value.length) nodes.push(document.createTextNode(value.slice(last).replace(SENTINELS, '')));
  return nodes;
}

/** `[1]` as a link to the source: its title and domain on hover, and no `href` (the host opens it). */
export function reference(source: CitedSource): HTMLElement {
  const label = `Source ${source.number}: ${source.title} (${source.domain})`;
  const attrs: Record<string, string> = { title: `${source.title}\n${source.url}`, 'aria-label': label, 'data-source': String(source.number) };
  // Sources are numbered only for web addresses; checked again because this is where a link is made.
  if (isWebUrl(source.url)) Object.assign(attrs, { 'data-href': source.url, role: 'link', tabindex: '0' });
  return h('sup', { className: 'citation' }, [h('a', { className: 'citation-ref', attrs, text: `[${source.number}]` })]);
}
