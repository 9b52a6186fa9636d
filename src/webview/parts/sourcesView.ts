import { type CitedSource, type SearchedSource, isWebUrl, numberedSources, searchedSources } from '../../core/turn/citations';
import type { TurnPart } from '../../core/turn/turnParts';
import { h } from '../dom';

/**
 * Under an answer that searched the web: the pages it cites, numbered as the references in its text, each with
 * title and domain; then the other pages the searches returned, folded away. Titles and addresses are model and
 * server text, so they go in as text nodes, and links carry only `data-href` (opened by the host after asking).
 */
export class SourcesView {
  readonly element = h('section', { className: 'answer-sources', attrs: { 'aria-label': 'Sources', 'data-part': 'sources' }, hidden: true });
  private shown = '';

  /** Rebuilt only when what it lists changed: annotations and search results arrive while the answer streams. */
  update(parts: readonly TurnPart[]): void {
    const cited = numberedSources(parts);
    const searched = searchedSources(parts, cited);
    const key = JSON.stringify([cited, searched]);
    if (key === this.shown) return;
    this.shown = key;
    this.element.hidden = cited.length === 0 && searched.length === 0;
    const children: Node[] = [];
    if (cited.length > 0) {
      children.push(h('h4', { className: 'sources-heading', text: 'Sources' }));
      children.push(h('ol', { className: 'sources-cited' }, cited.map(citedItem)));
    }
    if (searched.length > 0) {
      const summary = `${searched.length} more ${searched.length === 1 ? 'page' : 'pages'} found by the web search`;
      children.push(h('details', { className: 'sources-searched' }, [h('summary', { text: summary }), h('ul', {}, searched.map(searchedItem))]));
    }
    this.element.replaceChildren(...children);
  }
}

function citedItem(source: CitedSource): HTMLElement {
  return h('li', { attrs: { value: String(source.number), 'data-source': String(source.number) } }, [
    link(source.url, source.title, 'source-title'),
    h('span', { className: 'source-domain', text: source.domain }),
  ]);
}

function searchedItem(source: SearchedSource): HTMLElement {
  return h('li', {}, [link(source.url, source.title ?? source.domain, 'source-title'), h('span', { className: 'source-domain', text: source.domain })]);
}

function link(url: string, text: string, className: string): HTMLElement {
  const attrs: Record<string, string> = { title: url };
  if (isWebUrl(url)) Object.assign(attrs, { 'data-href': url, role: 'link', tabindex: '0' });
  return h('a', { className, attrs, text });
}
