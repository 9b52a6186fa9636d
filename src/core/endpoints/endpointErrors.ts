import type { TurnError } from '../conversation/turn';
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
    title: `No API key for endpoint “${profile.label}”`,
    detail: `Threadline has no key to send to ${profile.label}.`,
    action:
      `Run “Threadline: Set API Key” while “${profile.label}” is the active endpoint${variable ? `, or set ${variable} in the environment VS Code starts from` : ''}. ` +
      'Local servers such as Ollama and LM Studio need no key: their presets are keyless (or set "keyless": true on the endpoint).',
  };
}

export function unknownEndpointError(id: string, known: readonly string[]): TurnError {
  return {
    kind: 'unknown_endpoint',
    title: `There is no endpoint “${id}”`,
    detail: `The persona names endpoint “${id}”, but threadline.endpoints has ${known.length > 0 ? `only ${known.map((k) => `“${k}”`).join(', ')}` : 'none'}.`,
    action: 'Add the endpoint with “Threadline: Add Endpoint…”, or fix the persona’s endpoint field in threadline.personas.',
  };
}
