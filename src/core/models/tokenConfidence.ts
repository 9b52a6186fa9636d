import { capabilitiesFor } from './capabilities';
import type { Rejection } from './learnedParameters';

/**
 * Whether a model at an endpoint can give token confidence (logprobs), and if not, why in one sentence: the
 * panel's toggle is disabled with it as its tooltip. The table answers for OpenAI's models; a server's refusal
 * (learned as `top_logprobs`) answers for the rest.
 */
export type TokenConfidenceSupport = { available: true } | { available: false; reason: string };

export function tokenConfidenceSupport(model: string, rejected: ReadonlySet<Rejection>): TokenConfidenceSupport {
  if (!capabilitiesFor(model).logprobs) {
    return { available: false, reason: `${model} is a reasoning model: it gives no token probabilities (logprobs).` };
  }
  if (rejected.has('top_logprobs')) {
    return { available: false, reason: `This server refused token probabilities (top_logprobs) for ${model}.` };
  }
  return { available: true };
}
