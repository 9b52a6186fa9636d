import * as vscode from 'vscode';
import type { ConversationService, TurnRequest } from '../core/conversation/conversationService';
import { readConfig } from '../host/config';
import type { WebviewToHost } from '../core/protocol';
import { encodingForModel } from '../core/tokens/models';
import type { LastEditorTracker } from '../host/lastEditorTracker';
import type { PersonaRegistry } from '../personas/personaRegistry';
import type { TokenCounterService } from '../tokens/tokenCounterService';
import { estimateImagesTokens } from '../core/images/imageTokens';
import { readImageDetail } from '../host/imageConfig';
import type { ChatImages } from './chatImages';
import { openCodeContext } from './openCodeContext';
import type { PanelOptions } from './panelOptions';
import { CommandId } from '../commands/commandIds';

/** The editor command each composer `/command` runs, exactly as the context menu runs it. */
const EDITOR_COMMANDS = { explain: CommandId.ExplainSelection, summarize: CommandId.SummarizeSelection, extractJson: CommandId.ExtractJson } as const;

type ActionMessage = Exclude<WebviewToHost, { type: 'ready' } | { type: 'draftChanged' } | { type: 'setTokenConfidence' } | { type: 'loadTurns' }>;
type DraftImage = { width?: number; height?: number };

/** What the chat panel's buttons do on the host side. Each case is a short hop to the service that owns it. */
export class ChatActions {
  constructor(
    private readonly conversation: ConversationService,
    private readonly personas: PersonaRegistry,
    private readonly editors: LastEditorTracker,
    private readonly tokens: TokenCounterService,
    private readonly options: PanelOptions,
    private readonly images?: ChatImages,
  ) {}

  /** Counts the chat draft for the panel and the status-bar tooltip; an empty draft means there is none. */
  async countDraft(text: string, images: readonly DraftImage[] = []): Promise<{ count: number; encoding: string; imageTokens?: number }> {
    const model = this.options.modelOverride ?? this.personas.modelFor(this.personas.active);
    if (!text && images.length === 0) {
      this.tokens.setDraftCount(undefined);
      return { count: 0, encoding: encodingForModel(model).encoding };
    }
    const counted = text ? await this.tokens.countText(text, model) : { count: 0, encoding: encodingForModel(model).encoding };
    if (images.length === 0) {
      this.tokens.setDraftCount(counted.count);
      return counted;
    }
    const imageTokens = estimateImagesTokens(images, readImageDetail(), model);
    this.tokens.setDraftCount(counted.count + imageTokens, { count: images.length, tokens: imageTokens });
    return { count: counted.count + imageTokens, encoding: counted.encoding, imageTokens };
  }

  async handle(message: ActionMessage): Promise<void> {
    switch (message.type) {
      case 'send': {
        if (message.personaIds) {
          await this.conversation.fanOut(message.personaIds.map((id) => this.requestFor(message.text, id)));
          return;
        }
        // An @mention answers with that persona for this turn only; the active persona is left alone.
        const persona = message.personaId === undefined ? this.personas.active : this.personas.all.find((p) => p.id === message.personaId);
        if (!persona) throw new Error(vscode.l10n.t('there is no persona "{0}" any more; the message was not sent.', message.personaId ?? ''));
        const model = this.options.modelOverride ?? this.personas.modelFor(persona);
        const images = message.images ?? [];
        const problem = await this.images?.prepareSend(images);
        if (problem) {
          // Nothing is sent, and the draft comes back so the user can remove images and try again.
          this.images?.reject(message.requestId, problem);
          return;
        }
        // The panel's web search (the globe, /web), or a mentioned persona that searches by its own setting.
        const webSearch = this.options.webSearch || (message.personaId !== undefined && persona.webSearch === true);
        await this.conversation.send({
          origin: 'chat', userText: message.text, persona, model,
          ...(images.length ? { images } : {}),
          ...(webSearch ? { webSearch: { contextSize: readConfig().webSearchContextSize } } : {}),
        });
        return;
      }
      case 'attachImage':
        await this.images?.attach(message.requestId, message.name, Buffer.from(message.data, 'base64'));
        return;
      case 'pickImage':
        await this.images?.pick(message.requestId);
        return;
      case 'openImage':
        await this.images?.open(message.turnId, message.sha256);
        return;
      case 'runEditorCommand':
        await vscode.commands.executeCommand(EDITOR_COMMANDS[message.command]);
        return;
      case 'compactConversation':
        await vscode.commands.executeCommand(CommandId.CompactConversation);
        return;
      case 'setWebSearch':
        this.options.setWebSearch(message.enabled);
        return;
      case 'setModel':
        this.options.setModelOverride(message.model);
        return;
      case 'stop':
        this.conversation.stop();
        return;
      case 'stopAnswer':
        this.conversation.stopAnswer(message.answerId);
        return;
      case 'chooseAnswer':
        await this.conversation.choose(message.turnId, message.answerId);
        return;
      case 'regenerate':
        await this.conversation.regenerate(message.turnId);
        return;
      case 'editResend':
        await this.conversation.editAndResend(message.turnId, message.text);
        return;
      case 'retry':
        await this.conversation.retry(message.turnId);
        return;
      case 'compactAndRetry':
        await this.conversation.compactAndRetry(message.turnId);
        return;
      case 'retryWithoutWebSearch':
        this.options.setWebSearch(false);
        await this.conversation.retry(message.turnId, { webSearch: false });
        return;
      case 'newConversation':
        await vscode.commands.executeCommand(CommandId.NewConversation);
        return;
      case 'exportConversation':
        await vscode.commands.executeCommand(CommandId.ExportConversation, { conversationId: message.id, format: message.format });
        return;
      case 'copyText':
        await vscode.env.clipboard.writeText(message.text);
        vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('Copied')}`, 2000);
        return;
      case 'insertCode':
        await this.insertCode(message.code);
        return;
      case 'openCodeAsDocument':
        await this.openAsDocument(message.code, message.language);
        return;
      case 'openLink':
        await this.openLink(message.href);
        return;
      case 'openContext': {
        const context = this.conversation.turns.find((t) => t.id === message.turnId)?.context[message.index];
        if (context) await openCodeContext(context);
        return;
      }
      case 'pickPersona':
        await this.personas.activate(message.personaId);
        return;
      case 'pickEndpoint':
        await vscode.commands.executeCommand(CommandId.SwitchEndpoint);
        return;
      case 'setApiKey':
        await vscode.commands.executeCommand(CommandId.SetApiKey);
        return;
      case 'addEndpoint':
        await vscode.commands.executeCommand(CommandId.AddEndpoint);
        return;
    }
  }

  /** One persona's request of a fan-out: as an `@persona` turn, with that persona's model and web search. */
  private requestFor(text: string, personaId: string): TurnRequest {
    const persona = this.personas.all.find((p) => p.id === personaId);
    if (!persona) throw new Error(vscode.l10n.t('there is no persona "{0}" any more; the message was not sent.', personaId));
    const model = this.options.modelOverride ?? this.personas.modelFor(persona);
    const webSearch = this.options.webSearch || persona.webSearch === true;
    return { origin: 'chat', userText: text, persona, model, ...(webSearch ? { webSearch: { contextSize: readConfig().webSearchContextSize } } : {}) };
  }

  private async insertCode(code: string): Promise<void> {
    const editor = this.editors.editor;
    if (!editor) {
      await this.openAsDocument(code, 'plaintext');
      void vscode.window.showInformationMessage(vscode.l10n.t('No editor was open, so the code was opened as a new document.'));
      return;
    }
    await editor.edit((edit) => {
      for (const selection of editor.selections) edit.replace(selection, code);
    });
    await vscode.window.showTextDocument(editor.document, editor.viewColumn);
  }

  private async openAsDocument(code: string, language: string): Promise<void> {
    const known = await vscode.languages.getLanguages();
    const document = await vscode.workspace.openTextDocument({ content: code, language: known.includes(language) ? language : 'plaintext' });
    await vscode.window.showTextDocument(document, { preview: false });
  }

  /** Links from model output open only after the user has seen the full address and agreed. */
  private async openLink(href: string): Promise<void> {
    let uri: vscode.Uri;
    try {
      uri = vscode.Uri.parse(href, true);
    } catch {
      return;
    }
    if (!['http', 'https', 'mailto'].includes(uri.scheme)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Threadline does not open {0}: links.', uri.scheme));
      return;
    }
    const open = vscode.l10n.t('Open');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Open this link from the model’s answer?'), { modal: true, detail: href }, open);
    if (choice === open) await vscode.env.openExternal(uri);
  }
}
