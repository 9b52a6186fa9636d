import type { ComposerCommand, ComposerIntent, PersonaRef } from '../../core/composer/slashCommands';
import type { ImageRef } from '../../core/images/imageRef';
import { nextRequestId, type VsCodeBridge } from '../vscodeBridge';
import type { ComposerHint } from './composerHint';
import { wt } from '../../core/l10n/webviewMessages';

export interface IntentDeps {
  bridge: VsCodeBridge;
  hint: ComposerHint;
  personas: readonly PersonaRef[];
  /** The composer's attached images; they go with a message, and stay in the tray for a command. */
  images?: readonly ImageRef[];
}

/**
 * Does what Enter asked for: sends the message, runs the command through the host, or shows why nothing was
 * sent. True when the draft was used up (cleared); a problem keeps it so it can be fixed.
 */
export function runIntent(intent: ComposerIntent, deps: IntentDeps): 'message' | boolean {
  switch (intent.kind) {
    case 'problem':
      deps.hint.show(intent.hint, 'problem');
      return false;
    case 'message': {
      const images = deps.images?.length ? { images: [...deps.images] } : {};
      const sent = deps.bridge.post({
        type: 'send', requestId: nextRequestId(), text: intent.text,
        ...(intent.personaId ? { personaId: intent.personaId } : {}),
        ...(intent.personaIds ? { personaIds: intent.personaIds } : {}),
        ...images,
      });
      if (sent && intent.hint) deps.hint.show(intent.hint, 'info');
      return sent && 'message';
    }
    case 'command':
      return runCommand(intent.command, deps);
  }
}

function runCommand(command: ComposerCommand, { bridge, hint, personas }: IntentDeps): boolean {
  switch (command.name) {
    case 'explain':
    case 'summarize':
      return bridge.post({ type: 'runEditorCommand', command: command.name });
    case 'json':
      return bridge.post({ type: 'runEditorCommand', command: 'extractJson' });
    case 'new':
      return bridge.post({ type: 'newConversation' });
    case 'compact':
      return bridge.post({ type: 'compactConversation' });
    case 'export':
      return bridge.post({ type: 'exportConversation', format: 'markdown' });
    case 'help':
      hint.showHelp();
      return true;
    case 'web':
      return said(bridge.post({ type: 'setWebSearch', enabled: command.enabled }), hint, command.enabled ? wt('composer.webOn') : wt('composer.webOff'));
    case 'persona': {
      const label = personas.find((p) => p.id === command.personaId)?.label ?? command.personaId;
      return said(bridge.post({ type: 'pickPersona', personaId: command.personaId }), hint, wt('composer.personaAnswers', label));
    }
    case 'model':
      return said(
        bridge.post(command.model ? { type: 'setModel', model: command.model } : { type: 'setModel' }),
        hint,
        command.model ? wt('composer.modelNow', command.model) : wt('composer.modelBack'),
      );
  }
}

/** A command whose effect is not visible at once says what it did. */
function said(sent: boolean, hint: ComposerHint, text: string): boolean {
  if (sent) hint.show(text, 'info');
  return sent;
}
