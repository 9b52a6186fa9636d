import { toolIsActive, toolLabel } from '../../core/turn/toolLabels';
import type { ToolPart } from '../../core/turn/turnParts';
import { codicon, h } from '../dom';

const ICONS: Record<string, string> = {
  web_search_call: 'globe',
  file_search_call: 'search',
  code_interpreter_call: 'terminal',
  image_generation_call: 'file-media',
};

/**
 * One line of tool activity: an icon and its label, as a text node. A spinner only while the turn streams: a
 * stopped answer can leave a tool "in progress" forever.
 */
export class ToolActivityView {
  readonly element = h('div', { className: 'tool-activity', attrs: { 'data-part': 'tool' } });

  constructor(part: ToolPart, private readonly live: boolean) {
    this.update(part);
  }

  update(part: ToolPart): void {
    const active = this.live && toolIsActive(part);
    this.element.dataset.itemType = part.itemType;
    this.element.dataset.status = part.status ?? '';
    const icon = active ? 'loading codicon-modifier-spin' : part.status === 'failed' ? 'error' : Object.hasOwn(ICONS, part.itemType) ? ICONS[part.itemType] : 'tools';
    this.element.replaceChildren(codicon(icon), h('span', { className: 'tool-label', text: toolLabel(part) }));
  }
}
