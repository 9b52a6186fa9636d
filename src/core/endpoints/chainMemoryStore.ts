import { type ChainMemory, newChainMemory } from '../conversation/chainedRequest';
import { endpointKey } from './endpointKey';

/**
 * What each endpoint taught about its chains, keyed by base URL and kept across reloads: a server that keeps no
 * state is detected once, and a change of base URL starts fresh instead of carrying that verdict to another server.
 * The host backs the port with VS Code's global state; only the verdict is saved, never a response id.
 */
export interface ChainMemoryPort {
  load(): unknown;
  save(value: Record<string, { stateless: true }>): PromiseLike<void> | void;
}

export class ChainMemoryStore {
  private readonly memories = new Map<string, ChainMemory>();

  constructor(private readonly port?: ChainMemoryPort) {
    const saved = port?.load();
    if (typeof saved !== 'object' || saved === null) return;
    for (const [endpoint, value] of Object.entries(saved as Record<string, unknown>)) {
      if ((value as { stateless?: unknown } | null)?.stateless === true) this.memories.set(endpoint, { stateless: true });
    }
  }

  /** The live memory of one endpoint: the chain logic updates it in place, and `persist` saves what changed. */
  forEndpoint(endpoint: string): ChainMemory {
    const key = endpointKey(endpoint);
    let memory = this.memories.get(key);
    if (!memory) this.memories.set(key, (memory = newChainMemory()));
    return memory;
  }

  isStateless(endpoint: string): boolean {
    return this.memories.get(endpointKey(endpoint))?.stateless === true;
  }

  async persist(): Promise<void> {
    const verdicts: Record<string, { stateless: true }> = {};
    for (const [endpoint, memory] of this.memories) if (memory.stateless) verdicts[endpoint] = { stateless: true };
    await this.port?.save(verdicts);
  }
}
