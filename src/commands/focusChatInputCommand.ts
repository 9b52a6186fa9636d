import { CommandId } from './commandIds';
import type { CommandDefinition } from './services';

/** Puts the caret in the chat prompt from anywhere, opening the panel first, so a question never needs the mouse. */
export const focusChatInputCommand: CommandDefinition = {
  id: CommandId.FocusChatInput,
  create: ({ chatView }) => () => chatView.focusInput(),
};
