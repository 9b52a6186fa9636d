import type { EndpointProfile } from '../core/endpoints/profiles';
import type { LearnedParameters } from '../core/models/learnedParameters';
import { type LearnedRefusal, ResponsesProvider } from '../core/provider/responsesProvider';
import type { Logger, ModelProvider, ProviderSettings } from '../core/provider/types';

export interface ProviderDeps {
  logger: Logger;
  learned: LearnedParameters;
  onLearned(learned: LearnedRefusal): void;
  fetch?: typeof fetch;
}

/**
 * The one place a profile's dialect picks a provider class. Every dialect gets the Responses provider for now:
 * `chat` and `auto` are wired here once the Chat Completions provider and its auto-detect exist, and nothing
 * else needs to change for it.
 */
export function createProviderFor(profile: EndpointProfile, settings: ProviderSettings, deps: ProviderDeps): ModelProvider {
  deps.logger.debug(`endpoint ${profile.id}: dialect ${profile.dialect}, sent through the Responses API`);
  return new ResponsesProvider(settings, deps.logger, {
    learned: deps.learned,
    onLearned: deps.onLearned,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
}
