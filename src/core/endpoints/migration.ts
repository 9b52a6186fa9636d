import { isLoopbackUrl } from './endpoint';
import type { EndpointProfile } from './profiles';
import { parseEndpoints, resolveActiveEndpoint } from './profiles';

/**
 * 0.1.0 had one endpoint: `threadline.baseUrl` and the key stored as `threadline.apiKey`. Until the user adds a
 * profile, that pair is the one profile, built here on every read, so the old setting keeps working exactly as
 * before: Bearer key, `OPENAI_API_KEY` as its fallback, no key needed on loopback. When the first profile is
 * added, this one is written out ahead of it, under the same id, so its key stays its key.
 */

/** The id of the profile made from 0.1.0's settings; its key is the one 0.1.0 stored. */
export const LEGACY_PROFILE_ID = 'default';

export function legacyProfile(baseUrl: string): EndpointProfile {
  const openai = /^https:\/\/api\.openai\.com\/v1\/?$/.test(baseUrl.trim());
  return {
    id: LEGACY_PROFILE_ID,
    label: openai ? 'OpenAI' : labelFromUrl(baseUrl),
    // `custom` keeps the Bearer key 0.1.0 sent everywhere, Azure included.
    preset: openai ? 'openai' : 'custom',
    baseUrl: baseUrl.trim(),
    dialect: 'responses',
    ...(isLoopbackUrl(baseUrl) ? { keyless: true } : {}),
  };
}

function labelFromUrl(baseUrl: string): string {
  try {
    return new URL(baseUrl).host || 'Default';
  } catch {
    return 'Default';
  }
}

export interface EffectiveEndpoints {
  profiles: EndpointProfile[];
  active: EndpointProfile;
  /** True when no profile is set and 0.1.0's base URL stands in as the only one. */
  fromLegacy: boolean;
  problems: ReturnType<typeof parseEndpoints>['problems'];
  /** `threadline.activeEndpoint` named a profile that does not exist. */
  unknownActiveId?: string;
}

/** The profiles in effect: the setting's valid entries, or, with none, the one made from `threadline.baseUrl`. */
export function effectiveEndpoints(settings: { endpoints: unknown; activeEndpoint: string; baseUrl: string }): EffectiveEndpoints {
  const { profiles, problems } = parseEndpoints(settings.endpoints);
  if (profiles.length === 0) {
    const legacy = legacyProfile(settings.baseUrl);
    return { profiles: [legacy], active: legacy, fromLegacy: true, problems };
  }
  const active = resolveActiveEndpoint(profiles, settings.activeEndpoint) ?? profiles[0]!;
  const unknown = settings.activeEndpoint && active.id !== settings.activeEndpoint ? settings.activeEndpoint : undefined;
  return { profiles, active, fromLegacy: false, problems, ...(unknown ? { unknownActiveId: unknown } : {}) };
}

/**
 * The list to write when a profile is added: with no profiles yet, 0.1.0's endpoint goes first, so adding one
 * never loses the one that worked. Existing raw entries are kept as written, invalid ones included.
 */
export function withAddedProfile(rawEndpoints: unknown, baseUrl: string, added: EndpointProfile): unknown[] {
  const existing = Array.isArray(rawEndpoints) ? rawEndpoints : [];
  if (parseEndpoints(existing).profiles.length === 0) return [...existing, legacyProfile(baseUrl), added];
  return [...existing, added];
}
