import type { TokenCountingEngine } from './tokenCountingEngine';
import type { TokenRequestBody, TokenResponse } from './workerProtocol';

/** Where counts come from: the worker in the extension, the engine itself in tests and scripts. */
export interface TokenCountingClient {
  /** Resolves with the count; rejects with TokenRequestError when the engine could not answer. */
  request(body: TokenRequestBody): Promise<number>;
  dispose(): void;
}

export class TokenRequestError extends Error {
  constructor(
    message: string,
    /** The engine has no mirror of the document (a restarted worker): open it again. */
    readonly unknownDocument: boolean,
  ) {
    super(message);
  }
}

export function countFromResponse(response: TokenResponse): number {
  if (response.kind === 'counted') return response.count;
  throw new TokenRequestError(response.message, response.unknownDocument === true);
}

/** Runs the engine on the calling thread. */
export class InProcessTokenCounting implements TokenCountingClient {
  private nextId = 1;

  constructor(private readonly engine: TokenCountingEngine) {}

  async request(body: TokenRequestBody): Promise<number> {
    return countFromResponse(await this.engine.handle({ ...body, id: this.nextId++ }));
  }

  dispose(): void {}
}
