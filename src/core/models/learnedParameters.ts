import * as z from 'zod';
import { endpointKey } from '../endpoints/endpointKey';

/**
 * What servers taught at run time: parameters one endpoint refused for one model, so they are not sent there
 * again (not on the next turn, not on retry or regenerate, not after a reload). The capability table covers
 * OpenAI's own models; this covers the rest (Azure deployments under any name, local servers, an organisation
 * that may not receive reasoning summaries) and any row of the table that is out of date.
 */

/** `temperature`, or `reasoning.effort=minimal` when only that value was refused (see rejectionKey). */
export type Rejection = string;

/** Where the facts are kept between sessions; the host backs it with VS Code's globalState. */
export interface LearnedParametersPersistence {
  /** The object last saved, or undefined; anything unreadable is treated as nothing learned. */
  load(): unknown;
  save(data: LearnedParametersData): PromiseLike<void> | void;
}

const dataSchema = z.object({
  version: z.literal(1),
  /** endpoint → model → rejection → when it was learned (ms since the epoch). */
  endpoints: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.number()))),
});
export type LearnedParametersData = z.infer<typeof dataSchema>;

/**
 * Facts are forgotten after a month: an organisation that gets verified, or a server that is upgraded, would
 * otherwise never be asked again. Asking again costs one refused request and a re-send.
 */
export const LEARNED_FOR_MS = 30 * 24 * 60 * 60 * 1000;

export interface LearnedParametersOptions {
  now?: () => number;
  onSaveError?(message: string): void;
}

export class LearnedParameters {
  private readonly data: LearnedParametersData;
  private readonly now: () => number;

  constructor(private readonly persistence?: LearnedParametersPersistence, private readonly options: LearnedParametersOptions = {}) {
    this.now = options.now ?? Date.now;
    const parsed = dataSchema.safeParse(persistence?.load());
    this.data = parsed.success ? parsed.data : { version: 1, endpoints: {} };
  }

  /** The rejections still in force for this model at this endpoint. */
  rejected(endpoint: string, model: string): ReadonlySet<Rejection> {
    const facts = this.data.endpoints[endpointKey(endpoint)]?.[modelKey(model)] ?? {};
    const cutoff = this.now() - LEARNED_FOR_MS;
    return new Set(Object.entries(facts).filter(([, at]) => at > cutoff).map(([rejection]) => rejection));
  }

  /** Records a refusal and saves it. True when it was not known already, so the user is told once. */
  remember(endpoint: string, model: string, rejection: Rejection): boolean {
    if (this.rejected(endpoint, model).has(rejection)) return false;
    const models = (this.data.endpoints[endpointKey(endpoint)] ??= {});
    const facts = (models[modelKey(model)] ??= {});
    facts[rejection] = this.now();
    this.save();
    return true;
  }

  private save(): void {
    if (!this.persistence) return;
    const snapshot = structuredClone(this.data);
    try {
      void Promise.resolve(this.persistence.save(snapshot)).catch((error: unknown) => this.reportSaveError(error));
    } catch (error) {
      this.reportSaveError(error);
    }
  }

  private reportSaveError(error: unknown): void {
    this.options.onSaveError?.(`could not save learned model parameters: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** `param` alone for a refused parameter; `param=value` when only one value was refused (reasoning.effort, text.verbosity). */
export function rejectionKey(param: string, value?: string): Rejection {
  return value === undefined ? param : `${param}=${value}`;
}

function modelKey(model: string): string {
  return model.trim().toLowerCase();
}
