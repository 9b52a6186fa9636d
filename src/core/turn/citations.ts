import type { Annotation, TurnPart } from './turnParts';

/**
 * What the final message cites, once each, in order, as Markdown list entries for a document a person reads:
 * web pages as links, files by name. The annotations themselves stay untouched on the turn.
 */
export function citedSources(parts: readonly TurnPart[]): string[] {
  const seen = new Set<string>();
  const sources: string[] = [];
  for (const part of parts) {
    if (part.kind !== 'text') continue;
    for (const annotation of part.annotations) {
      const entry = sourceEntry(annotation);
      if (!entry || seen.has(entry.key)) continue;
      seen.add(entry.key);
      sources.push(entry.markdown);
    }
  }
  return sources;
}

function sourceEntry(annotation: Annotation): { key: string; markdown: string } | undefined {
  const field = (name: string) => (typeof annotation[name] === 'string' ? (annotation[name] as string) : '');
  if (annotation.type === 'url_citation') {
    const url = field('url');
    if (!/^https?:\/\//i.test(url)) return undefined;
    return { key: url, markdown: markdownLink(url, field('title') || url) };
  }
  if (['file_citation', 'container_file_citation', 'file_path'].includes(annotation.type)) {
    const name = field('filename') || field('file_id');
    return name ? { key: `file:${name}`, markdown: `\`${name.replace(/`/g, "'")}\`` } : undefined;
  }
  return undefined;
}

/** A Markdown link whose text and address cannot break out of it (brackets escaped, address in angle brackets). */
export function markdownLink(url: string, title: string): string {
  return `[${escapeLinkText(title)}](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)`;
}

function escapeLinkText(text: string): string {
  return text.replace(/[\\[\]*_`<>]/g, (c) => `\\${c}`).replace(/\s+/g, ' ').trim();
}

/** A web page the answer cites, numbered by first citation: `[1]` in the text, `1.` under the answer. */
export interface CitedSource {
  number: number;
  url: string;
  title: string;
  domain: string;
}

/** A page a web search returned that the answer does not cite. */
export interface SearchedSource {
  url: string;
  title?: string;
  domain: string;
}

/** Only web addresses become links or numbers; a `javascript:` or `data:` "citation" stays plain text. */
export function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** `www.visitberlin.de` → `visitberlin.de`: how a source is recognised at a glance. */
export function domainOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./i, '');
  } catch {
    return url;
  }
}

/** The web pages the answer's final message cites, once each, numbered in order of first citation. */
export function numberedSources(parts: readonly TurnPart[]): CitedSource[] {
  const sources: CitedSource[] = [];
  for (const part of parts) {
    if (part.kind !== 'text') continue;
    for (const annotation of part.annotations) {
      if (annotation.type !== 'url_citation' || typeof annotation.url !== 'string' || !isWebUrl(annotation.url)) continue;
      const url = annotation.url;
      if (sources.some((s) => s.url === url)) continue;
      const title = typeof annotation.title === 'string' && annotation.title.trim() ? annotation.title.trim() : domainOf(url);
      sources.push({ number: sources.length + 1, url, title, domain: domainOf(url) });
    }
  }
  return sources;
}

/** What the searches returned (`action.sources`) besides the cited pages, once each, in search order. */
export function searchedSources(parts: readonly TurnPart[], cited: readonly CitedSource[]): SearchedSource[] {
  const seen = new Set(cited.map((s) => s.url));
  const found: SearchedSource[] = [];
  for (const part of parts) {
    if (part.kind !== 'tool') continue;
    for (const source of part.sources ?? []) {
      if (!isWebUrl(source.url) || seen.has(source.url)) continue;
      seen.add(source.url);
      found.push({ ...source, domain: domainOf(source.url) });
    }
  }
  return found;
}
