import type { ComposerCommand, ComposerIntent, PersonaRef } from '../../core/composer/slashCommands';
import { nextRequestId, type VsCodeBridge } from '../vscodeBridge';
import type { ComposerHint } from './composerHint';

export interface IntentDeps {
  bridge: VsCodeBridge;
  hint: ComposerHint;
  personas: readonly PersonaRef[];
}

/**
 * Does what Enter asked for: sends the message, runs the command through the host, or shows why nothing was
 * sent. True when the draft was used up (cleared); a problem keeps it so it can be fixed.
 */
export function runIntent(intent: ComposerIntent, deps: IntentDeps): boolean {
  switch (intent.kind) {
    case 'problem':
      deps.hint.show(intent.hint, 'problem');
      return false;
    case 'message': {
      const sent = deps.bridge.post({ type: 'send', requestId: nextRequestId(), text: intent.text, ...(intent.personaId ? { personaId: intent.personaId } : {}) });
      if (sent && intent.hint) deps.hint.show(intent.hint, 'info');
      return sent;
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
      return said(bridge.post({ type: 'setWebSearch', enabled: command.enabled }), hint, `Web search is ${command.enabled ? 'on' : 'off'} for this panel.`);
    case 'persona': {
      const label = personas.find((p) => p.id === command.personaId)?.label ?? command.personaId;
      return said(bridge.post({ type: 'pickPersona', personaId: command.personaId }), hint, `${label} answers from the next message.`);
    }
    case 'model':
      return said(
        bridge.post(command.model ? { type: 'setModel', model: command.model } : { type: 'setModel' }),
        hint,
        command.model ? `Messages in this panel now use ${command.model}.` : 'Messages use each persona’s own model again.',
      );
  }
}

/** A command whose effect is not visible at once says what it did. */
function said(sent: boolean, hint: ComposerHint, text: string): boolean {
  if (sent) hint.show(text, 'info');
  return sent;
}
