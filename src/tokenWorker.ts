// The token worker: holds the tokenizer ranks and mirrored documents off the extension host thread.
//
// Counting runs here rather than on the host because loading a rank table (parsing 2–4 MB of JSON and
// building a 200k-entry map, ~150–300 ms) and cold-counting a large file or a long selection are each far
// over a frame; on the host they would freeze typing, hovers and every other extension. The host only posts
// the document once and then its changes, each a small message.
import { parentPort, workerData } from 'node:worker_threads';
import { readRankFile } from './core/tokens/rankTable';
import { TokenCountingEngine } from './core/tokens/tokenCountingEngine';
import type { TokenRequest } from './core/tokens/workerProtocol';

export interface TokenWorkerData {
  /** `<extensionPath>/dist/ranks`. */
  ranksDirectory: string;
}

const port = parentPort;
if (port) {
  const { ranksDirectory } = workerData as TokenWorkerData;
  const engine = new TokenCountingEngine((encoding) => readRankFile(ranksDirectory, encoding));
  port.on('message', (request: TokenRequest) => {
    void engine.handle(request).then((response) => port.postMessage(response));
  });
}
