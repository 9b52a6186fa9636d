// A second extension host, as a process of its own: opens the library on a root, commits turns to one
// conversation, and either closes cleanly or dies mid-answer (SIGKILL, as a crashed host would).
//   node hostProcess.js <root> <conversationId> <first index> <count> [crash]
import { openConversationLibrary } from '../../../src/core/store/conversationLibrary';
import type { Logger } from '../../../src/core/provider/types';
import { FOLDER, streamingTurn, turn } from './support';

const silent: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, isDebugEnabled: () => false };

async function main(): Promise<void> {
  const [root, conversationId, first, count, mode] = process.argv.slice(2);
  const library = await openConversationLibrary({ root, workspace: FOLDER, logger: silent, checkpointIntervalMs: 20 });
  const handle = await library.open(conversationId);
  for (let i = Number(first); i < Number(first) + Number(count); i++) {
    await handle.commit(turn(i));
    if (i % 7 === 0) await library.refresh();
  }
  if (mode === 'crash') {
    const live = streamingTurn(Number(first) + Number(count), { assistantText: 'cut off mid-' });
    handle.begin(live);
    await handle.flush();
    process.kill(process.pid, 'SIGKILL');
    return;
  }
  await library.dispose();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
