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
    const title = escapeLinkText(field('title') || url);
    return { key: url, markdown: `[${title}](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)` };
  }
  if (['file_citation', 'container_file_citation', 'file_path'].includes(annotation.type)) {
    const name = field('filename') || field('file_id');
    return name ? { key: `file:${name}`, markdown: `\`${name.replace(/`/g, "'")}\`` } : undefined;
  }
  return undefined;
}

function escapeLinkText(text: string): string {
  return text.replace(/[\\[\]*_`<>]/g, (c) => `\\${c}`).replace(/\s+/g, ' ').trim();
}
