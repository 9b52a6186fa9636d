import { parseComposerInput } from '../core/composer/slashCommands';
import type { PanelState } from '../core/protocol';
import { AskSeveralPicker } from './composer/askSeveralPicker';
import { checkRequestImages } from '../core/images/imageLimits';
import { AttachmentTray } from './composer/attachmentTray';
import { CompletionController } from './composer/completionController';
import { installImageInput } from './composer/imageInput';
import { ComposerHint } from './composer/composerHint';
import { runIntent } from './composer/composerIntents';
import { button, h } from './dom';
import { formatTokens } from './format';
import { nextRequestId, type VsCodeBridge } from './vscodeBridge';
import { WebSearchToggle } from './webSearchToggle';
import { wt } from '../core/l10n/webviewMessages';

const DRAFT_TOKENS_DELAY_MS = 250;

/**
 * The input area: the prompt, Send (Stop while an answer streams), the live token count of the draft and
 * the edit-and-resend mode. Enter sends, Shift+Enter adds a line, and Enter that confirms an IME
 * composition never sends. While an answer streams, Enter stops it and sends (the host cancels the turn in
 * flight, keeping its partial text), and the hint line says so. A draft starting with `/` is a command and `@id`
 * names a persona (src/core/composer); what Enter did not send is explained in the hint line, never dropped
 * silently. The draft is saved with the webview state on every change, so hiding the view loses nothing.
 */
export class Composer {
  readonly prompt = h('textarea', {
    id: 'prompt',
    attrs: { rows: '2', 'aria-label': wt('composer.message'), placeholder: wt('composer.placeholder') },
  });
  private readonly sendButton = button({ icon: 'send', label: wt('composer.send'), id: 'send' });
  private readonly stopButton = button({ icon: 'debug-stop', text: wt('composer.stop'), label: wt('composer.stopLabel'), id: 'stop', hidden: true });
  private readonly draftTokens = h('span', { id: 'draft-tokens', className: 'draft-tokens' });
  private readonly attachButton = button({ icon: 'file-media', label: wt('images.attach'), id: 'attach-image' });
  readonly attachments: AttachmentTray;
  /** The last message sent with images, until the host takes it: refused, its text and images come back. */
  private sentWithImages: { text: string; images: ReturnType<AttachmentTray['clear']> } | undefined;
  private readonly hint = new ComposerHint();
  private readonly completion: CompletionController;
  private panel: PanelState | undefined;
  private readonly editNote = h('span', { text: wt('composer.editingLast') });
  private readonly editBanner = h('div', { id: 'edit-banner', hidden: true }, [
    this.editNote,
    button({ icon: 'close', text: wt('composer.cancel'), label: wt('composer.cancelLabel'), id: 'cancel-edit' }),
  ]);
  readonly webSearch: WebSearchToggle;
  private readonly askSeveral = new AskSeveralPicker((personaIds) => this.submit(personaIds));
  readonly element: HTMLElement;

  private editTurnId: string | undefined;
  private busy = false;
  private composing = false;
  private draftTimer: ReturnType<typeof setTimeout> | undefined;
  private latestDraftRequest = '';

  constructor(private readonly bridge: VsCodeBridge, private readonly onSent: () => void) {
    this.webSearch = new WebSearchToggle(bridge);
    this.element = h('footer', { id: 'composer' }, [
      this.editBanner,
      this.prompt,
      this.hint.element,
      this.askSeveral.popup,
      h('div', { className: 'composer-bar' }, [
        this.attachButton, this.webSearch.element, this.askSeveral.button, this.draftTokens, h('span', { className: 'spacer' }), this.stopButton, this.sendButton,
      ]),
    ]);
    this.attachments = new AttachmentTray({
      bridge,
      problem: (text) => this.hint.show(text, 'problem'),
      changed: () => this.onDraftChanged(),
      focusPrompt: () => this.focus(),
    });
    this.prompt.before(this.attachments.element);
    installImageInput(this.element, this.prompt, this.attachments);
    this.attachButton.addEventListener('click', () => this.attachments.pick());
    this.completion = new CompletionController(this.prompt, () => this.completionContext(), () => this.onDraftChanged());
    this.element.prepend(this.completion.popup.element);
    const saved = bridge.loadState();
    this.prompt.value = saved.draft;
    this.setEditing(saved.draft ? saved.editTurnId : undefined);
    if (saved.draft) this.requestDraftTokens();

    this.prompt.addEventListener('input', () => {
      // What the last Enter said is about the draft as it was; typing moves on from it.
      this.hint.clear();
      this.onDraftChanged();
    });
    this.prompt.addEventListener('compositionstart', () => { this.composing = true; });
    this.prompt.addEventListener('compositionend', () => { this.composing = false; });
    this.prompt.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.sendButton.addEventListener('click', () => this.submit());
    this.stopButton.addEventListener('click', () => this.bridge.post({ type: 'stop' }));
    this.editBanner.querySelector('#cancel-edit')?.addEventListener('click', () => this.cancelEdit());
  }

  setBusy(busy: boolean): void {
    if (busy === this.busy) return;
    this.busy = busy;
    const focusWasOnButton = document.activeElement === this.sendButton || document.activeElement === this.stopButton;
    this.sendButton.hidden = busy;
    this.stopButton.hidden = !busy;
    this.hint.setStreaming(busy);
    if (focusWasOnButton) (busy ? this.stopButton : this.prompt).focus();
  }

  /** Personas and models for `@` and `/persona`, `/model` completion and for reading mentions. */
  setPanelState(state: PanelState): void {
    this.panel = state;
    this.webSearch.show(state.webSearch === true);
    this.askSeveral.setPersonas(state.personas);
  }


  /** `isLast`: the last turn is replaced in place; an earlier one is edited in a fork, and the banner says which. */
  beginEdit(turnId: string, text: string, isLast = true): void {
    this.editNote.textContent = isLast ? wt('composer.editingLast') : wt('composer.editingEarlier');
    this.prompt.value = text;
    this.setEditing(turnId);
    this.onDraftChanged();
    this.focus();
  }

  /** Leaves edit mode (keeping the text) when the turn being edited is gone, e.g. after a new conversation. */
  stopEditingUnless(exists: (turnId: string) => boolean): void {
    if (this.editTurnId && !exists(this.editTurnId)) {
      this.setEditing(undefined);
      this.bridge.saveState({ draft: this.prompt.value, editTurnId: undefined });
    }
  }

  focus(): void {
    this.prompt.focus();
    const end = this.prompt.value.length;
    this.prompt.setSelectionRange(end, end);
  }

  /** The host's count for the newest draft; answers to older drafts are ignored. */
  showDraftTokens(requestId: string, count: number, encoding: string, imageTokens?: number): void {
    if (requestId !== this.latestDraftRequest) return;
    this.draftTokens.textContent = formatTokens(count);
    this.draftTokens.title = imageTokens === undefined
      ? wt('composer.draftTokensTitle', encoding)
      : wt('images.draftTokensTitle', encoding, formatTokens(imageTokens), this.attachments.count);
  }

  /** The host refused an image, or a message for its images: the hint says why, and a refused message comes back. */
  imageRejected(requestId: string | undefined, message: string): void {
    this.attachments.onRejected(requestId);
    this.hint.show(message, 'problem');
    const sent = this.sentWithImages;
    if (sent && this.prompt.value === '' && this.attachments.count === 0) {
      this.prompt.value = sent.text;
      this.attachments.restore(sent.images);
    }
    this.sentWithImages = undefined;
  }

  private onKeyDown(event: KeyboardEvent): void {
    // keyCode 229 is the key that ends an IME composition in browsers that report isComposing late.
    if (event.key === 'Enter' && (event.isComposing || this.composing || event.keyCode === 229)) return;
    if (this.completion.handleKey(event)) return;
    if (event.key === 'Enter' && !event.shiftKey && !event.altKey) {
      event.preventDefault();
      this.submit();
    } else if (event.key === 'Escape' && this.editTurnId) {
      event.preventDefault();
      this.cancelEdit();
    } else if (event.key === 'Escape' && this.hint.showing) {
      event.preventDefault();
      this.hint.clear();
    }
  }

  /** `personaIds`: Ask several, so the draft goes as it is to each of them. */
  private submit(personaIds?: string[]): void {
    const text = this.prompt.value;
    this.completion.close();
    this.hint.clear();
    if (text.trim().length === 0) {
      this.hint.show(this.attachments.count > 0 ? wt('images.typeFirst') : wt('composer.typeFirst'), 'problem');
      return;
    }
    const tooLarge = checkRequestImages(this.attachments.images.map((image) => image.bytes));
    if (tooLarge && !this.editTurnId) {
      this.hint.show(tooLarge.message, 'problem');
      return;
    }
    // Sending while an answer streams is allowed: the host stops that answer (kept, marked stopped) first.
    // An edit replaces a message as typed: it is not read as a command or a mention.
    const sent = personaIds
      ? this.bridge.post({ type: 'send', requestId: nextRequestId(), text, personaIds })
      : this.editTurnId
      ? this.bridge.post({ type: 'editResend', turnId: this.editTurnId, text })
      : runIntent(parseComposerInput(text, this.panel?.personas ?? []), { bridge: this.bridge, hint: this.hint, personas: this.panel?.personas ?? [], images: this.attachments.images });
    if (!sent) return;
    const sentImages = sent === 'message' && !this.editTurnId ? this.attachments.clear() : [];
    this.sentWithImages = sentImages.length > 0 ? { text, images: sentImages } : undefined;
    this.prompt.value = '';
    this.setEditing(undefined);
    this.onDraftChanged();
    this.onSent();
  }

  private cancelEdit(): void {
    this.prompt.value = '';
    this.setEditing(undefined);
    this.onDraftChanged();
  }

  private setEditing(turnId: string | undefined): void {
    this.editTurnId = turnId;
    this.editBanner.hidden = turnId === undefined;
    this.element.classList.toggle('editing', turnId !== undefined);
  }

  private onDraftChanged(): void {
    this.bridge.saveState({ draft: this.prompt.value, editTurnId: this.editTurnId });
    clearTimeout(this.draftTimer);
    if (this.prompt.value.length === 0 && this.attachments.count === 0) {
      this.draftTokens.textContent = '';
      // The host shows the draft's count too; an empty draft tells it there is none (after a send or a clear).
      // Its answer is not wanted, and no earlier answer may show either: nothing matches an empty request id.
      if (this.latestDraftRequest !== '') this.bridge.post({ type: 'draftChanged', requestId: nextRequestId(), text: '' });
      this.latestDraftRequest = '';
      return;
    }
    this.draftTimer = setTimeout(() => this.requestDraftTokens(), DRAFT_TOKENS_DELAY_MS);
  }

  private completionContext(): { personas: PanelState['personas']; models: string[] } {
    const personas = this.panel?.personas ?? [];
    return { personas, models: [...(this.panel ? [this.panel.model] : []), ...personas.map((p) => p.model)] };
  }

  private requestDraftTokens(): void {
    this.latestDraftRequest = nextRequestId();
    const images = this.attachments.images.map(({ width, height }) => ({ ...(width ? { width } : {}), ...(height ? { height } : {}) }));
    this.bridge.post({ type: 'draftChanged', requestId: this.latestDraftRequest, text: this.prompt.value, ...(images.length ? { images } : {}) });
  }
}
