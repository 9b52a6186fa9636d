import * as l10n from '@vscode/l10n';
import type { TurnError } from '../turn/turnError';
import { LEGACY_PROFILE_ID } from './migration';
import { presetOf } from './presets';
import type { EndpointProfile } from './profiles';

/**
 * The endpoint-side reasons a request cannot be sent, naming the profile. Local servers need no key: the wording
 * here and the README's preset table say the same.
 */

export function missingProfileKeyError(profile: EndpointProfile): TurnError {
  const preset = presetOf(profile.preset);
  const variable = profile.id === LEGACY_PROFILE_ID ? 'OPENAI_API_KEY' : preset.envKey;
  return {
    kind: 'missing_key',
    title: l10n.t('No API key for endpoint “{0}”', profile.label),
    detail: l10n.t('Threadline has no key to send to {0}.', profile.label),
    action: `${variable
      ? l10n.t('Run “Threadline: Set API Key” while “{0}” is the active endpoint, or set {1} in the environment VS Code starts from.', profile.label, variable)
      : l10n.t('Run “Threadline: Set API Key” while “{0}” is the active endpoint.', profile.label)} ${
      l10n.t('Local servers such as Ollama and LM Studio need no key: their presets are keyless (or set "keyless": true on the endpoint).')}`,
    actions: ['setApiKey'],
  };
}

export function unknownEndpointError(id: string, known: readonly string[]): TurnError {
  return {
    kind: 'unknown_endpoint',
    title: l10n.t('There is no endpoint “{0}”', id),
    detail: known.length > 0
      ? l10n.t('The persona names endpoint “{0}”, but threadline.endpoints has only {1}.', id, known.map((k) => `“${k}”`).join(', '))
      : l10n.t('The persona names endpoint “{0}”, but threadline.endpoints has none.', id),
    action: l10n.t('Add the endpoint with “Threadline: Add Endpoint…”, or fix the persona’s endpoint field in threadline.personas.'),
  };
}
