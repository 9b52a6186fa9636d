import { CommandId } from './commandIds';
import type { CommandDefinition } from './services';

/** Starts a fresh chain. The old transcript is archived by the store, not deleted. */
export const newConversationCommand: CommandDefinition = {
  id: CommandId.NewConversation,
  create: ({ conversation }) => async () => {
    await conversation.newConversation();
  },
};
