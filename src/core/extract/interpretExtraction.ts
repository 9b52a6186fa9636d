import * as l10n from '@vscode/l10n';
import * as z from 'zod';
import type { TurnError } from '../turn/turnError';
import type { StreamResult } from '../provider/types';
import type { ExtractionPlan } from './extractionPlan';
import { dropNullsForOptionalProperties } from './restoreOptional';
import { WRAPPED_ROOT_KEY } from './strictSchema';
import { validateJson, type JsonIssue } from './validateJson';

/** How an extraction ended, ready for the host to show: the value, or what went wrong with the raw output kept. */
export type ExtractionOutcome =
  | { status: 'ok'; value: unknown; json: string }
  | { status: 'cancelled' }
  | {
      status: 'error';
      /** refusal | incomplete | empty | invalid_json | schema_mismatch, or the provider's error kind (auth, rate_limit…). */
      kind: string;
      message: string;
      /** What the model sent, so the user can see it one click away. */
      raw: string;
      issues?: JsonIssue[];
      error?: TurnError;
    };

const ISSUES_IN_MESSAGE = 3;

export function interpretExtraction(result: StreamResult, plan: ExtractionPlan): ExtractionOutcome {
  if (result.status === 'stopped') return { status: 'cancelled' };
  if ((result.status === 'error' || result.status === 'failed') && result.error) {
    const { title, detail, action } = result.error;
    return { status: 'error', kind: result.error.kind, message: [`${title}.`, detail, action].filter(Boolean).join(' '), raw: result.text, error: result.error };
  }
  if (result.refusal.trim()) {
    return { status: 'error', kind: 'refusal', message: l10n.t('The model declined to extract this: {0}', oneLine(result.refusal)), raw: result.refusal };
  }
  if (result.status !== 'completed') {
    const message = result.incompleteReason
      ? l10n.t('The reply stopped before the JSON was complete ({0}).', result.incompleteReason)
      : l10n.t('The reply stopped before the JSON was complete.');
    return { status: 'error', kind: 'incomplete', message, raw: result.text };
  }
  const text = stripMarkdownFence(result.text);
  if (!text.trim()) return { status: 'error', kind: 'empty', message: l10n.t('The model sent no output.'), raw: result.text };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { status: 'error', kind: 'invalid_json', message: l10n.t('The reply is not valid JSON: {0}.', describeParseError(error, text)), raw: result.text };
  }
  if (plan.mode === 'infer') return ok(parsed);
  return checkAgainstSchema(parsed, plan, result.text);
}

const wrappedEnvelope = z.object({ [WRAPPED_ROOT_KEY]: z.json() }).strict();

function checkAgainstSchema(parsed: unknown, plan: Extract<ExtractionPlan, { mode: 'schema' }>, raw: string): ExtractionOutcome {
  let value = parsed;
  if (plan.wrapped) {
    const envelope = wrappedEnvelope.safeParse(parsed);
    if (!envelope.success) {
      const detail = envelope.error.issues.map((i) => `${['$', ...i.path].join('.')}: ${i.message}`).join('; ');
      return { status: 'error', kind: 'schema_mismatch', message: l10n.t('The reply is not wrapped as {0} as requested: {1}.', `{"${WRAPPED_ROOT_KEY}": …}`, detail), raw };
    }
    value = envelope.data[WRAPPED_ROOT_KEY];
  }
  value = dropNullsForOptionalProperties(value, plan.userSchema);
  const issues = validateJson(value, plan.userSchema);
  if (issues.length === 0) return ok(value);
  const shown = issues.slice(0, ISSUES_IN_MESSAGE).map((i) => l10n.t('{0} (rule: {1})', i.message, i.rule)).join('; ');
  const more = issues.length > ISSUES_IN_MESSAGE ? l10n.t('; and {0} more', issues.length - ISSUES_IN_MESSAGE) : '';
  return { status: 'error', kind: 'schema_mismatch', message: l10n.t('The JSON does not match the schema "{0}": {1}.', plan.name, `${shown}${more}`), raw, issues };
}

function ok(value: unknown): ExtractionOutcome {
  return { status: 'ok', value, json: `${JSON.stringify(value, null, 2)}\n` };
}

/** Servers without strict mode sometimes fence their JSON; one surrounding fence is not a reason to fail. */
function stripMarkdownFence(text: string): string {
  const match = /^\s*(`{3,})[\w-]*\s*\n([\s\S]*?)\n\s*\1\s*$/.exec(text);
  return (match ? match[2] : text).replace(/^\uFEFF/, '');
}

function describeParseError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/Unexpected end of JSON input/i.test(message)) return l10n.t('it ends before the JSON is complete');
  const position = /at position (\d+)/.exec(message);
  if (!position) return message;
  const offset = Number(position[1]);
  if (offset >= text.trimEnd().length) return l10n.t('it ends before the JSON is complete');
  const before = text.slice(0, offset).split('\n');
  const near = text.slice(Math.max(0, offset - 15), offset + 15).replace(/\s+/g, ' ');
  // The parser's own words are quoted as Node wrote them; where it stopped is ours to say.
  return l10n.t('{0} at line {1}, column {2} (near {3})', message.replace(/\s*in JSON at position \d+.*$/, ''), before.length, before[before.length - 1].length + 1, JSON.stringify(near));
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 297)}…` : flat;
}
