import * as vscode from 'vscode';
import type { EditorServices } from '../editorServices';
import type { CodeContext } from '../../core/conversation/turn';
import { readExtractJsonArgs } from '../../core/extract/extractArgs';
import { INFER_PLAN, planWithSchema, type ExtractionPlan } from '../../core/extract/extractionPlan';
import { buildExtractionRequest } from '../../core/extract/extractionRequest';
import { interpretExtraction } from '../../core/extract/interpretExtraction';
import { describeSchemaProblem } from '../../core/extract/strictSchema';
import type { ModelRequest } from '../../core/provider/types';
import { inspectTextShape } from '../../core/selection/textShape';
import { readConfig } from '../../host/config';
import { collectSelection, type CollectedSelection } from '../collectSelection';
import { inputBudgetFor } from '../inputBudget';
import { preflight } from '../preflight';
import { pickSchema, schemaFromArgs, type SchemaChoice } from './chooseSchema';
import { openExtractedJson, reportExtractionFailure } from './extractionFeedback';

/** What the command returns, so tests and other extensions can see what happened without reading the UI. */
export type ExtractJsonResult =
  | { status: 'ok'; document: vscode.TextDocument; value: unknown }
  | { status: 'error'; kind: string; message: string; raw?: string }
  | { status: 'cancelled' };

const PROBLEMS_SHOWN = 8;

/**
 * Extract JSON: selection (or the whole file) → schema → preflight → one standalone request → validated JSON
 * in an untitled editor. The request is not part of the chat conversation (see extractionRequest.ts).
 */
export async function runExtractJson(services: EditorServices, arg: unknown): Promise<ExtractJsonResult> {
  const args = readExtractJsonArgs(arg);
  if (args.kind === 'invalid') return fail('invalid_arguments', vscode.l10n.t('threadline.extractJson arguments: {0}', args.message));
  const editor = services.editors.editor;
  if (!editor) return fail('no_editor', vscode.l10n.t('open a file and select the text to extract JSON from.'), 'info');

  const collected = collectSelection(editor, 'wholeDocument');
  const combined = collected.contexts.map((c) => c.text).join('\n');
  if (inspectTextShape(combined).blank) {
    return fail('blank_selection', vscode.l10n.t('{0} holds only whitespace, so there is nothing to extract. Nothing was sent.', collected.description), 'info');
  }

  const choice = args.kind === 'args' ? await schemaFromArgs(args.args, services.logger) : await pickSchema(services.logger);
  const plan = await planFor(choice, args.kind === 'interactive', services);
  if ('status' in plan) return plan;

  const model = services.personas.modelFor(services.personas.active);
  const draft = buildExtractionRequest({ model, temperature: readConfig().extractTemperature, contexts: collected.contexts, plan });
  const contexts = await preflight({
    verb: 'extract JSON from',
    // The instructions and the schema travel with the text, so they count against the budget too.
    prompt: `${draft.instructions}\n${draft.textFormat?.type === 'json_schema' ? JSON.stringify(draft.textFormat.schema) : ''}`,
    contexts: collected.contexts,
    model,
    budget: inputBudgetFor(model),
    count: async (text) => (await services.tokens.countText(text, model)).count,
  });
  if (!contexts) return { status: 'cancelled' };
  const request = contexts === collected.contexts ? draft : buildExtractionRequest({ model, temperature: readConfig().extractTemperature, contexts, plan });
  if (collected.usedFallback || contexts.length > 1) {
    vscode.window.setStatusBarMessage(`$(json) ${vscode.l10n.t('Threadline: extracting JSON from {0}', collected.description)}`, 5000);
  }
  return send(services, request, plan, describeTarget(collected, contexts, plan));
}

async function planFor(choice: SchemaChoice, interactive: boolean, services: EditorServices): Promise<ExtractionPlan | ExtractJsonResult> {
  switch (choice.kind) {
    case 'cancelled':
      return { status: 'cancelled' };
    case 'error':
      return fail(choice.errorKind, choice.message);
    case 'none':
      return INFER_PLAN;
  }
  const planned = planWithSchema(choice.name, choice.schema);
  if (planned.ok) {
    if (planned.plan.mode === 'schema') {
      for (const note of planned.plan.notes) services.logger.info(`extract JSON, schema "${choice.name}": ${note}`);
    }
    return planned.plan;
  }
  const lines = planned.problems.map(describeSchemaProblem);
  for (const line of lines) services.logger.warn(`extract JSON, schema "${choice.name}" unusable: ${line}`);
  const summary = vscode.l10n.t('the schema "{0}" cannot be used with strict Structured Outputs', choice.name);
  if (!interactive) return fail('schema_unsupported', `${summary}: ${lines.slice(0, 3).join('; ')}${lines.length > 3 ? vscode.l10n.t('; and {0} more', lines.length - 3) : ''}.`);
  const more = lines.length > PROBLEMS_SHOWN ? `\n${vscode.l10n.t('…and {0} more (see the Threadline log).', lines.length - PROBLEMS_SHOWN)}` : '';
  const CONTINUE_WITHOUT_SCHEMA = vscode.l10n.t('Continue Without Schema');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Threadline: {0}.', summary),
    { modal: true, detail: `${lines.slice(0, PROBLEMS_SHOWN).map((l) => `• ${l}`).join('\n')}${more}\n\n${vscode.l10n.t('You can extract without a schema instead.')}` },
    CONTINUE_WITHOUT_SCHEMA,
  );
  return answer === CONTINUE_WITHOUT_SCHEMA ? INFER_PLAN : { status: 'error', kind: 'schema_unsupported', message: `${summary}: ${lines.join('; ')}` };
}

async function send(services: EditorServices, request: ModelRequest, plan: ExtractionPlan, target: string): Promise<ExtractJsonResult> {
  const provider = await services.providers.create(services.personas.active.endpoint);
  if (!('stream' in provider)) return failWithError(provider.kind, [`${provider.title}.`, provider.detail, provider.action].filter(Boolean).join(' '));
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Threadline: extracting JSON from {0}…', target), cancellable: true },
    async (progress, token) => {
      // Cancel aborts the HTTP request itself, at once; the provider then reports "stopped".
      const abort = new AbortController();
      const subscription = token.onCancellationRequested(() => abort.abort());
      let received = 0;
      let reportedAt = 0;
      try {
        return await provider.stream(
          request,
          {
            onDelta: (_channel, text) => {
              received += text.length;
              const now = Date.now();
              if (now - reportedAt < 250) return;
              reportedAt = now;
              progress.report({ message: vscode.l10n.t('{0} characters received', received.toLocaleString('en-US')) });
            },
          },
          abort.signal,
        );
      } finally {
        subscription.dispose();
      }
    },
  );
  const outcome = interpretExtraction(result, plan);
  if (outcome.status === 'cancelled') return outcome;
  if (outcome.status === 'error') {
    services.logger.warn(`extract JSON failed (${outcome.kind}): ${outcome.message}`);
    reportExtractionFailure(outcome);
    return { status: 'error', kind: outcome.kind, message: outcome.message, raw: outcome.raw };
  }
  const document = await openExtractedJson(outcome.json);
  const done = plan.mode === 'schema' ? vscode.l10n.t('Threadline: extracted JSON matching schema "{0}"', plan.name) : vscode.l10n.t('Threadline: extracted JSON');
  vscode.window.setStatusBarMessage(`$(check) ${done}`, 5000);
  return { status: 'ok', document, value: outcome.value };
}

function describeTarget(collected: CollectedSelection, sent: readonly CodeContext[], plan: ExtractionPlan): string {
  const trimmed = sent !== collected.contexts ? ` ${vscode.l10n.t('(trimmed to fit)')}` : '';
  const schema = plan.mode === 'schema' ? ` ${vscode.l10n.t('with schema "{0}"', plan.name)}` : '';
  return `${collected.description}${trimmed}${schema}`;
}

function fail(kind: string, message: string, level: 'info' | 'error' = 'error'): ExtractJsonResult {
  const text = vscode.l10n.t('Threadline: {0}', `${message.charAt(0).toUpperCase()}${message.slice(1)}`);
  void (level === 'info' ? vscode.window.showInformationMessage(text) : vscode.window.showErrorMessage(text));
  return { status: 'error', kind, message };
}

function failWithError(kind: string, message: string): ExtractJsonResult {
  reportExtractionFailure({ status: 'error', kind, message, raw: '' });
  return { status: 'error', kind, message };
}
