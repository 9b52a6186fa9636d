import type * as vscode from 'vscode';
import type { ListingOutcome } from '../core/endpoints/connectionDiagnosis';
import { listModels } from '../core/endpoints/modelListing';
import type { ProviderSettings } from '../core/provider/types';

/** How long a profile's list of models is trusted before the picker asks the server again. */
const FRESH_MS = 24 * 60 * 60 * 1000;
const STATE_KEY = 'threadline.endpointModels';

interface CachedList {
  at: number;
  ids: string[];
}

/**
 * The models each endpoint profile lists (`models.list`), cached per profile in global state so the picker opens
 * at once; a refresh asks the server again. A failure is returned as it is and never cached.
 */
export class ModelCatalog {
  constructor(private readonly state: vscode.Memento, private readonly now: () => number = Date.now) {}

  cached(profileId: string): CachedList | undefined {
    const all = this.state.get<Record<string, CachedList>>(STATE_KEY) ?? {};
    const entry = all[profileId];
    return entry && this.now() - entry.at < FRESH_MS ? entry : undefined;
  }

  async list(profileId: string, settings: ProviderSettings, refresh: boolean): Promise<ListingOutcome> {
    const cached = refresh ? undefined : this.cached(profileId);
    if (cached) return { ok: true, ms: 0, ids: cached.ids };
    const outcome = await listModels(settings);
    if (outcome.ok) await this.remember(profileId, outcome.ids);
    return outcome;
  }

  async remember(profileId: string, ids: string[]): Promise<void> {
    const all = { ...(this.state.get<Record<string, CachedList>>(STATE_KEY) ?? {}) };
    all[profileId] = { at: this.now(), ids };
    await this.state.update(STATE_KEY, all);
  }
}
