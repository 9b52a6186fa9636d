import * as vscode from 'vscode';
import type { Turn } from '../core/conversation/turn';
import type { EditorServices } from './editorServices';
import { collectSelection, type SelectionFallback } from './collectSelection';
import { inputBudgetFor } from './inputBudget';
import { preflight, type PreflightAnswers } from './preflight';

export interface SelectionQuestion {
  origin: 'explain' | 'summarize';
  verb: string;
  prompt: string;
  fallback: SelectionFallback;
}

/**
 * Explain and summarize: the selected code goes to the workspace conversation as a chat turn, so a follow-up
 * can be asked right there. Progress is shown in a notification whose Cancel stops the turn at once.
 */
export async function askAboutSelection(
  services: EditorServices,
  question: SelectionQuestion,
  answers?: PreflightAnswers,
): Promise<Turn | undefined> {
  const editor = services.editors.editor;
  if (!editor) {
    void vscode.window.showInformationMessage(question.verb === 'summarize'
      ? vscode.l10n.t('Threadline: open a file and select code to summarize.')
      : vscode.l10n.t('Threadline: open a file and select code to explain.'));
    return undefined;
  }
  const collected = collectSelection(editor, question.fallback);
  const persona = services.personas.active;
  const model = services.personas.modelFor(persona);
  const contexts = await preflight({
    verb: question.verb,
    prompt: question.prompt,
    contexts: collected.contexts,
    model,
    budget: inputBudgetFor(model),
    count: async (text) => (await services.tokens.countText(text, model)).count,
    answers,
  });
  if (!contexts) return undefined;
  if (collected.usedFallback || contexts.length > 1) {
    vscode.window.setStatusBarMessage(`$(comment-discussion) ${doing(question.verb, collected.description)}`, 5000);
  }
  await services.chatView.reveal();
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `${doing(question.verb, collected.description)}…`, cancellable: true },
    (_progress, cancel) => {
      const stop = cancel.onCancellationRequested(() => services.conversation.stop());
      return services.conversation
        .send({ origin: question.origin, userText: question.prompt, context: contexts, persona, model })
        .finally(() => stop.dispose());
    },
  );
}

/** Reads the optional argument of explain/summarize: `{ overBudget: 'trim' | 'cancel', sendBinary: boolean }`. */
export function preflightAnswersFrom(arg: unknown): PreflightAnswers | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { overBudget, sendBinary } = arg as Record<string, unknown>;
  return {
    overBudget: overBudget === 'trim' || overBudget === 'cancel' ? overBudget : undefined,
    sendBinary: typeof sendBinary === 'boolean' ? sendBinary : undefined,
  };
}

/** "Threadline: explain lines 3–9", as one message per verb so each language can order its words. */
function doing(verb: string, description: string): string {
  return verb === 'summarize'
    ? vscode.l10n.t('Threadline: summarize {0}', description)
    : vscode.l10n.t('Threadline: explain {0}', description);
}
