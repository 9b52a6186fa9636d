import { numberedSources } from '../../core/turn/citations';
import type { PartEvent, TurnPart } from '../../core/turn/turnParts';
import { MessagePartView } from './messagePartView';
import type { PartViewDeps } from './partViewDeps';
import { SourcesView } from './sourcesView';
import { ToolActivityView } from './toolActivityView';

/*
 * webview/parts: one small renderer per kind of answer part (message, tool line, Thinking), composed here and
 * in TurnView. They may import core/turn and the webview's DOM and Markdown helpers, nothing from the host.
 * Model text reaches the DOM only through renderMarkdown (sanitised) or as text nodes.
 */

type PartView = MessagePartView | ToolActivityView;

/**
 * The answer's parts in order: commentary lines, tool lines and the final message. Views line up with the
 * turn's part list by index; reasoning parts have no view here (the Thinking section shows them), so their
 * slot is empty.
 */
export class AnswerPartsView {
  private views: (PartView | null)[] = [];
  private live = false;
  /** The last child while it lists anything (and absent otherwise): part elements are inserted before it. */
  private readonly sources = new SourcesView();

  constructor(readonly element: HTMLElement, private readonly deps: PartViewDeps) {}

  render(parts: readonly TurnPart[], live: boolean): void {
    this.dispose();
    this.live = live;
    const cited = numberedSources(parts);
    this.views = parts.map((part) => this.create(part, cited));
    this.element.replaceChildren(...this.views.flatMap((view) => (view ? [view.element] : [])));
    this.syncSources(parts);
  }

  /** An event already applied to `parts`, the turn's list. */
  apply(event: PartEvent, parts: readonly TurnPart[]): void {
    const part = parts[event.index];
    if (!part) return;
    switch (event.type) {
      case 'added':
        for (const view of this.views.splice(event.index)) this.remove(view);
        this.views.push(this.create(part));
        this.appendElement(this.views[event.index]);
        break;
      case 'replaced':
        this.replace(event.index, part);
        break;
      case 'delta': {
        const view = this.views[event.index];
        if (view instanceof MessagePartView) view.append(event.text);
        break;
      }
      case 'annotation':
        // The numbered references come with the final render; the Sources list grows now.
        break;
    }
    if (event.type !== 'delta') this.syncSources(parts);
  }

  private syncSources(parts: readonly TurnPart[]): void {
    this.sources.update(parts);
    if (this.sources.element.hidden) this.sources.element.remove();
    else if (this.sources.element.parentNode !== this.element) this.element.append(this.sources.element);
  }

  /** The turn stopped streaming. */
  finish(): void {
    for (const view of this.views) if (view instanceof MessagePartView) view.finish();
    this.live = false;
  }

  dispose(): void {
    for (const view of this.views) if (view instanceof MessagePartView) view.dispose();
  }

  private create(part: TurnPart, cited: ReturnType<typeof numberedSources> = []): PartView | null {
    if (part.kind === 'tool') return new ToolActivityView(part, this.live);
    if (part.kind === 'reasoning') return null;
    return new MessagePartView(part, this.live, this.deps, cited);
  }

  private replace(index: number, part: TurnPart): void {
    const view = this.views[index];
    if (view instanceof MessagePartView && (part.kind === 'text' || part.kind === 'commentary')) return view.replace(part);
    if (view instanceof ToolActivityView && part.kind === 'tool') return view.update(part);
    // A different kind of part in this slot: build it again, in place.
    const next = this.create(part);
    this.views[index] = next;
    if (view && next) view.element.replaceWith(next.element);
    else if (view) this.remove(view);
    else if (next) this.insertElement(index, next);
  }

  private appendElement(view: PartView | null): void {
    if (view) this.element.insertBefore(view.element, this.sources.element.parentNode === this.element ? this.sources.element : null);
  }

  private insertElement(index: number, view: PartView): void {
    const after = this.views.slice(index + 1).find((v) => v !== null);
    this.element.insertBefore(view.element, after ? after.element : this.sources.element.parentNode === this.element ? this.sources.element : null);
  }

  private remove(view: PartView | null): void {
    if (!view) return;
    if (view instanceof MessagePartView) view.dispose();
    view.element.remove();
  }
}
