import { fenceFor, lineRangeLabel } from '../conversation/promptInput';
import type { CodeContext } from '../conversation/turn';
import type { ModelRequest } from '../provider/types';
import { acceptsSampling, capabilitiesFor } from '../models/capabilities';
import type { ExtractionPlan } from './extractionPlan';

/**
 * Extraction is a one-off request, not a turn of the chat conversation: it never sends previous_response_id
 * and asks the server not to store the response (`store: false`), so it can neither join nor break the
 * workspace's chain. It uses the active persona's model, but not the persona's chatty instructions: those
 * would pull the answer towards prose, and extraction wants data only.
 */
export const SCHEMA_INSTRUCTIONS = [
  'You extract structured data from the text the user provides and reply only with JSON that follows the given schema.',
  'Take every value from the text. Never invent data: where the text gives no value for a field that allows null, use null.',
  'Keep names, numbers and dates as the text gives them unless the schema asks for another form.',
].join(' ');

/** json_object mode is rejected unless the word "JSON" appears in the request; it is in both instructions and input. */
export const INFER_INSTRUCTIONS = [
  'You extract the data in the text the user provides and reply only with one well-formed JSON object: no Markdown fences, no comments, no prose.',
  'Choose clear camelCase keys; use arrays for repeated records; use numbers and booleans where the text holds them; use null for values the text leaves unknown.',
  'Take every value from the text. Never invent data.',
].join(' ');

export interface ExtractionRequestOptions {
  model: string;
  /** `threadline.extractJson.temperature`; left out for models that reject the parameter. */
  temperature: number;
  contexts: readonly CodeContext[];
  plan: ExtractionPlan;
}

export function buildExtractionRequest(options: ExtractionRequestOptions): ModelRequest {
  const { plan } = options;
  const request: ModelRequest = {
    model: options.model,
    instructions: plan.mode === 'schema' ? SCHEMA_INSTRUCTIONS : INFER_INSTRUCTIONS,
    input: formatExtractionInput(options.contexts, plan),
    textFormat:
      plan.mode === 'schema'
        ? { type: 'json_schema', name: plan.formatName, schema: plan.strictSchema, strict: true }
        : { type: 'json_object' },
    store: false,
  };
  if (acceptsTemperature(options.model)) request.temperature = options.temperature;
  return request;
}

/**
 * Reasoning models answer a `temperature` with HTTP 400, so it is left out for them; they are deterministic
 * enough for extraction without it. The provider would leave it out anyway (requestShaper.ts); leaving it out
 * here keeps the request honest about what it asks for. Extraction sends no effort, so gpt-5.1 counts as reasoning.
 */
export function acceptsTemperature(model: string): boolean {
  return acceptsSampling(capabilitiesFor(model), undefined);
}

export function formatExtractionInput(contexts: readonly CodeContext[], plan: ExtractionPlan): string {
  const ask =
    plan.mode === 'schema'
      ? `Extract the data in the text below as JSON following the schema "${plan.name}".`
      : 'Extract the data in the text below as well-formed JSON.';
  const sources = contexts.map(
    (context) => `Source: ${context.path}, ${lineRangeLabel(context)} (${context.languageId})\n${fenceFor(context.text, context.languageId)}`,
  );
  return [ask, ...sources].join('\n\n');
}
