import { CommandId } from './commandIds';
import type { CommandDefinition } from './services';

/** Stops the turn in flight; its partial answer is kept and marked stopped. */
export const stopGenerationCommand: CommandDefinition = {
  id: CommandId.StopGeneration,
  create: ({ conversation }) => () => conversation.stop(),
};
