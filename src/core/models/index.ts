/**
 * core/models: what a model accepts, answered in one place — "may I send X to model M at endpoint E?".
 *
 * - capabilities.ts: the table by model-name pattern (reasoning, sampling, efforts, summary, verbosity,
 *   logprobs, images, web search, context window), with a safe default for names it does not know;
 * - webSearch.ts: which models take the hosted web_search tool, and its context sizes;
 * - learnedParameters.ts: what servers refused at run time, per endpoint and model, behind a persistence port;
 * - tokenConfidence.ts: whether a model at an endpoint gives token logprobs, and why not;
 * - parameters.ts: the parameter values (efforts, verbosities, summary settings) shared with personas and turns.
 * Context windows and prices still live in core/tokens, which the token counter grew them for; they are
 * re-exported here so callers asking about a model need one import.
 *
 * Pure: no `vscode`, no I/O. Any layer may import it (provider, conversation, personas, host, commands);
 * it imports only core/tokens and zod, so it never depends on the layers that use it.
 */
export {
  acceptsSampling, capabilitiesFor, CAPABILITY_ROWS, type ModelCapabilities, type SamplingSupport,
} from './capabilities';
export {
  LEARNED_FOR_MS, LearnedParameters, rejectionKey,
  type LearnedParametersData, type LearnedParametersOptions, type LearnedParametersPersistence, type Rejection,
} from './learnedParameters';
export * from './parameters';
export { isWebSearchContextSize, supportsWebSearch, WEB_SEARCH_CONTEXT_SIZES, type WebSearchContextSize } from './webSearch';
export { tokenConfidenceSupport, type TokenConfidenceSupport } from './tokenConfidence';
export { contextWindowFor, UNKNOWN_CONTEXT_WINDOW, type ModelContextWindow } from '../tokens/contextWindows';
export { modelFamilyName } from '../tokens/models';
export { endpointKey } from '../endpoints/endpointKey';
