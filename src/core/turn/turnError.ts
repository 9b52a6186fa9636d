import * as z from 'zod';

/** Buttons a failed turn offers besides Retry, each a step the host knows how to take. */
export const turnActionSchema = z.enum(['compactAndRetry', 'newConversation', 'turnOffWebSearch', 'setApiKey']);
export type TurnAction = z.infer<typeof turnActionSchema>;

/**
 * What the user is told when a turn did not complete: a short title, the detail, and the next step to take.
 * The provider builds it from a failure, the conversation stores it on the turn, and the panel shows it.
 */
export const turnErrorSchema = z.object({
  kind: z.string(),
  title: z.string(),
  detail: z.string(),
  action: z.string().optional(),
  /** Seconds to wait before retrying, when the server said so. */
  retryAfterSeconds: z.number().nonnegative().optional(),
  requestId: z.string().optional(),
  actions: z.array(turnActionSchema).optional(),
});
export type TurnError = z.infer<typeof turnErrorSchema>;
