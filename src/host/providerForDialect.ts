import * as vscode from 'vscode';
import type { EndpointProfile } from '../core/endpoints/profiles';
import type { LearnedParameters } from '../core/models/learnedParameters';
import { ChatCompletionsProvider } from '../core/provider/chat/chatCompletionsProvider';
import { AutoDialectProvider, type DialectMemory } from '../core/provider/dialect';
import { ResponsesProvider } from '../core/provider/responsesProvider';
import type { LearnedRefusal } from '../core/provider/streamingProvider';
import type { Logger, ModelProvider, ProviderSettings } from '../core/provider/types';

export interface ProviderDeps {
  logger: Logger;
  learned: LearnedParameters;
  onLearned(learned: LearnedRefusal): void;
  /** Where `auto` profiles keep the dialect they found, by endpoint key (globalState in the extension). */
  dialects: DialectMemory;
  /** An `auto` profile turned out to speak only Chat Completions: told once, when it is first found. */
  onSwitched(profile: EndpointProfile): void;
  fetch?: typeof fetch;
}

/** The one place a profile's dialect picks a provider class. */
export function createProviderFor(profile: EndpointProfile, settings: ProviderSettings, deps: ProviderDeps): ModelProvider {
  const options = { learned: deps.learned, onLearned: deps.onLearned, ...(deps.fetch ? { fetch: deps.fetch } : {}) };
  deps.logger.debug(`endpoint ${profile.id}: dialect ${profile.dialect}`);
  switch (profile.dialect) {
    case 'chat':
      return new ChatCompletionsProvider(settings, deps.logger, options);
    case 'auto':
      return new AutoDialectProvider(settings, deps.logger, { ...options, memory: deps.dialects, onSwitched: () => deps.onSwitched(profile) });
    default:
      return new ResponsesProvider(settings, deps.logger, options);
  }
}

/** The notice for an `auto` profile found to speak only Chat Completions. */
export function dialectSwitchMessage(profile: Pick<EndpointProfile, 'label'>): string {
  return vscode.l10n.t('{0} does not speak the Responses API; Threadline now uses Chat Completions for it.', profile.label);
}
