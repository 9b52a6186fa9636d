import type { Composer } from './composer';
import type { TranscriptView } from './transcriptView';
import type { VsCodeBridge } from './vscodeBridge';
import { toVsCodeLanguageId } from './markdown/languages';

const COPIED_FEEDBACK_MS = 1500;

/**
 * Every click inside the conversation is handled here by delegation, so rendered turns carry no listeners.
 * Links are never followed inside the webview: they become `openLink` requests the host confirms.
 */
export function installClickActions(root: HTMLElement, bridge: VsCodeBridge, transcript: TranscriptView, composer: Composer): void {
  root.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    if (openLinkFrom(target, event, bridge)) return;
    const action = target.closest('button');
    if (!action || !root.contains(action)) return;
    const codeBlock = action.closest('.code-block');
    if (codeBlock) {
      runCodeBlockAction(action, codeBlock, bridge);
      return;
    }
    const turnElement = action.closest<HTMLElement>('.turn');
    const view = turnElement?.dataset.turnId ? transcript.get(turnElement.dataset.turnId) : undefined;
    if (!view) return;
    const turn = view.data;
    if (action.classList.contains('copy-message')) copy(action, turn.userText, bridge);
    else if (action.classList.contains('copy-answer')) copy(action, turn.assistantText || turn.refusalText, bridge);
    else if (action.classList.contains('show-confidence')) view.toggleConfidence();
    else if (action.classList.contains('regenerate')) bridge.post({ type: 'regenerate', turnId: turn.id });
    else if (action.classList.contains('fork-turn')) bridge.post({ type: 'forkFromTurn', turnId: turn.id });
    else if (action.classList.contains('retry')) bridge.post({ type: 'retry', turnId: turn.id });
    else if (action.classList.contains('compact-retry')) bridge.post({ type: 'compactAndRetry', turnId: turn.id });
    else if (action.classList.contains('start-new-conversation')) bridge.post({ type: 'newConversation' });
    else if (action.classList.contains('turn-off-web-search')) {
      composer.webSearch.turnOff();
      bridge.post({ type: 'retryWithoutWebSearch', turnId: turn.id });
    }
    else if (action.classList.contains('edit-resend')) composer.beginEdit(turn.id, turn.userText, transcript.last?.data.id === turn.id);
    else if (action.classList.contains('context-chip')) bridge.post({ type: 'openContext', turnId: turn.id, index: Number(action.dataset.index) });
  });

  // Middle clicks and modified clicks would otherwise try to open a window.
  root.addEventListener('auxclick', (event) => {
    if (event.target instanceof Element && event.target.closest('a')) event.preventDefault();
  });

  root.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || !(event.target instanceof Element)) return;
    openLinkFrom(event.target, event, bridge);
  });
}

function openLinkFrom(target: Element, event: Event, bridge: VsCodeBridge): boolean {
  const anchor = target.closest('a');
  if (!anchor) return false;
  event.preventDefault();
  event.stopPropagation();
  const href = anchor.getAttribute('data-href');
  if (href) bridge.post({ type: 'openLink', href });
  return true;
}

function runCodeBlockAction(action: HTMLButtonElement, block: Element, bridge: VsCodeBridge): void {
  // A fenced block's text ends with its last line's newline; dropped so an insert does not split the line it lands in.
  const code = (block.querySelector('pre code, pre')?.textContent ?? '').replace(/\n$/, '');
  if (action.classList.contains('copy-code')) copy(action, code, bridge);
  else if (action.classList.contains('insert')) bridge.post({ type: 'insertCode', code });
  else if (action.classList.contains('open-as-document')) {
    bridge.post({ type: 'openCodeAsDocument', code, language: toVsCodeLanguageId(block.getAttribute('data-language') ?? '') });
  }
}

/** Copying goes through the host (the webview has no clipboard permission); the icon confirms it. */
function copy(action: HTMLButtonElement, text: string, bridge: VsCodeBridge): void {
  if (!bridge.post({ type: 'copyText', text })) return;
  const icon = action.querySelector('.codicon');
  if (!icon) return;
  icon.classList.replace('codicon-copy', 'codicon-check');
  setTimeout(() => icon.classList.replace('codicon-check', 'codicon-copy'), COPIED_FEEDBACK_MS);
}
