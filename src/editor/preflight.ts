import * as vscode from 'vscode';
import type { CodeContext } from '../core/conversation/turn';
import { inspectTextShape } from '../core/selection/textShape';
import { trimToTokenBudget } from './trimToBudget';

export interface PreflightOptions {
  /** The command's verb, for messages: "explain", "summarize", "extract JSON from". */
  verb: string;
  prompt: string;
  contexts: CodeContext[];
  model: string;
  /** Most input tokens one request may carry for this model. */
  budget: number;
  count(text: string): Promise<number>;
  /** Answers given up front (command arguments) instead of asking: used by automation and tests. */
  answers?: PreflightAnswers;
}

export interface PreflightAnswers {
  overBudget?: 'trim' | 'cancel';
  sendBinary?: boolean;
}

/**
 * Checks the code before it is sent: blank and binary-looking input is caught, and input over the token
 * budget is never sent silently: the user trims it or cancels. Returns the contexts to send, or undefined
 * when nothing should be sent (the user has been told why).
 */
export async function preflight(options: PreflightOptions): Promise<CodeContext[] | undefined> {
  const { verb, contexts } = options;
  const combined = contexts.map((c) => c.text).join('\n');
  const shape = inspectTextShape(combined);
  if (shape.blank) {
    void vscode.window.showInformationMessage(verb === 'explain'
      ? vscode.l10n.t('Threadline: the selection holds only whitespace, so there is nothing to explain. Nothing was sent.')
      : verb === 'summarize'
        ? vscode.l10n.t('Threadline: the selection holds only whitespace, so there is nothing to summarize. Nothing was sent.')
        : vscode.l10n.t('Threadline: the selection holds only whitespace, so there is nothing to extract JSON from. Nothing was sent.'));
    return undefined;
  }
  if (shape.binaryLooking) {
    const sendAnyway = vscode.l10n.t('Send Anyway');
    const send = options.answers?.sendBinary ?? (await vscode.window.showWarningMessage(
      vscode.l10n.t('Threadline: this text looks binary (control characters or NUL bytes). The model is unlikely to make sense of it.'),
      { modal: true },
      sendAnyway,
    )) === sendAnyway;
    if (!send) return undefined;
  }
  const tokens = await options.count(`${options.prompt}\n${combined}`);
  if (tokens <= options.budget) return contexts;

  const minifiedNote = shape.minified ? ` ${vscode.l10n.t('It looks minified, which costs many tokens per line.')}` : '';
  const overBudget = vscode.l10n.t('Threadline: the selection is {0} tokens, over the {1}-token input budget for {2}.', tokens.toLocaleString('en-US'), options.budget.toLocaleString('en-US'), options.model) + minifiedNote;
  const trimToFit = vscode.l10n.t('Trim to Fit');
  const trim = options.answers?.overBudget
    ? options.answers.overBudget === 'trim'
    : (await vscode.window.showWarningMessage(
        overBudget,
        { modal: true, detail: vscode.l10n.t('Trim keeps the beginning of the code, up to the budget. Raise threadline.maxInputTokens to allow more.') },
        trimToFit,
      )) === trimToFit;
  if (!trim) {
    if (options.answers?.overBudget) void vscode.window.showInformationMessage(`${overBudget} ${vscode.l10n.t('Nothing was sent.')}`);
    return undefined;
  }
  const promptTokens = await options.count(options.prompt);
  return trimToTokenBudget(contexts, Math.max(0, options.budget - promptTokens - 16), options.count);
}
