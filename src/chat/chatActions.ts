import * as vscode from 'vscode';
import type { ConversationService } from '../core/conversation/conversationService';
import { readConfig } from '../host/config';
import type { WebviewToHost } from '../core/protocol';
import { encodingForModel } from '../core/tokens/models';
import type { LastEditorTracker } from '../host/lastEditorTracker';
import type { PersonaRegistry } from '../personas/personaRegistry';
import type { TokenCounterService } from '../tokens/tokenCounterService';
import { openCodeContext } from './openCodeContext';
import type { PanelOptions } from './panelOptions';

/** The editor command each composer `/command` runs, exactly as the context menu runs it. */
const EDITOR_COMMANDS = { explain: 'threadline.explainSelection', summarize: 'threadline.summarizeSelection', extractJson: 'threadline.extractJson' } as const;

type ActionMessage = Exclude<WebviewToHost, { type: 'ready' } | { type: 'draftChanged' } | { type: 'setTokenConfidence' }>;

/** What the chat panel's buttons do on the host side. Each case is a short hop to the service that owns it. */
export class ChatActions {
  constructor(
    private readonly conversation: ConversationService,
    private readonly personas: PersonaRegistry,
    private readonly editors: LastEditorTracker,
    private readonly tokens: TokenCounterService,
    private readonly options: PanelOptions,
  ) {}

  /** Counts the chat draft for the panel and the status-bar tooltip; an empty draft means there is none. */
  async countDraft(text: string): Promise<{ count: number; encoding: string }> {
    const model = this.personas.modelFor(this.personas.active);
    if (!text) {
      this.tokens.setDraftCount(undefined);
      return { count: 0, encoding: encodingForModel(model).encoding };
    }
    const counted = await this.tokens.countText(text, model);
    this.tokens.setDraftCount(counted.count);
    return counted;
  }

  async handle(message: ActionMessage): Promise<void> {
    switch (message.type) {
      case 'send': {
        // An @mention answers with that persona for this turn only; the active persona is left alone.
        const persona = message.personaId === undefined ? this.personas.active : this.personas.all.find((p) => p.id === message.personaId);
        if (!persona) throw new Error(`there is no persona "${message.personaId}" any more; the message was not sent.`);
        const model = this.options.modelOverride ?? this.personas.modelFor(persona);
        // The panel's web search (the globe, /web), or a mentioned persona that searches by its own setting.
        const webSearch = this.options.webSearch || (message.personaId !== undefined && persona.webSearch === true);
        await this.conversation.send({
          origin: 'chat', userText: message.text, persona, model,
          ...(webSearch ? { webSearch: { contextSize: readConfig().webSearchContextSize } } : {}),
        });
        return;
      }
      case 'runEditorCommand':
        await vscode.commands.executeCommand(EDITOR_COMMANDS[message.command]);
        return;
      case 'compactConversation':
        await vscode.commands.executeCommand('threadline.compactConversation');
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
        await vscode.commands.executeCommand('threadline.newConversation');
        return;
      case 'exportConversation':
        await vscode.commands.executeCommand('threadline.exportConversation', { conversationId: message.id, format: message.format });
        return;
      case 'copyText':
        await vscode.env.clipboard.writeText(message.text);
        vscode.window.setStatusBarMessage('$(check) Copied', 2000);
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
        await vscode.commands.executeCommand('threadline.switchEndpoint');
        return;
      case 'setApiKey':
        await vscode.commands.executeCommand('threadline.setApiKey');
        return;
      case 'openSettings':
        await vscode.commands.executeCommand('workbench.action.openSettings', 'threadline.baseUrl');
        return;
    }
  }

  private async insertCode(code: string): Promise<void> {
    const editor = this.editors.editor;
    if (!editor) {
      await this.openAsDocument(code, 'plaintext');
      void vscode.window.showInformationMessage('No editor was open, so the code was opened as a new document.');
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
      void vscode.window.showWarningMessage(`Threadline does not open ${uri.scheme}: links.`);
      return;
    }
    const choice = await vscode.window.showInformationMessage('Open this link from the model’s answer?', { modal: true, detail: href }, 'Open');
    if (choice === 'Open') await vscode.env.openExternal(uri);
  }
}
