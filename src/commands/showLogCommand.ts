import { CommandId } from './commandIds';
import type { CommandDefinition } from './services';

export const showLogCommand: CommandDefinition = {
  id: CommandId.ShowLog,
  create: ({ logChannel }) => () => logChannel.show(true),
};
