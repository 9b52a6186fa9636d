import * as z from 'zod';
import { REASONING_EFFORTS, VERBOSITIES } from '../models/parameters';
import { imageRefSchema } from '../images/imageRef';
import { WEB_SEARCH_CONTEXT_SIZES } from '../models/webSearch';
import { turnPartsSchema } from '../turn/turnParts';
import { turnErrorSchema } from '../turn/turnError';
import { usageSchema } from '../turn/usage';

/**
 * One exchange in a conversation: what the user asked (and about which code), who answered, and how it ended.
 * The same shape is stored on disk, shown in the chat panel and exported, so it is defined once, as a schema.
 */

export const turnStatusSchema = z.enum(['streaming', 'complete', 'stopped', 'failed', 'incomplete']);
export type TurnStatus = z.infer<typeof turnStatusSchema>;

/** A piece of code a turn referred to: the file and line range the user selected. Lines are 1-based, inclusive. */
export const codeContextSchema = z.object({
  path: z.string(),
  /** A `file:` or `untitled:` URI string the host can reopen; absent when the source cannot be reopened. */
  uri: z.string().optional(),
  languageId: z.string(),
  startLine: z.number().int().positive(),
  endLine: z.number().int().positive(),
  text: z.string(),
  /** Nothing was selected, so the command took the whole file: the chip says so (not just "lines 1–240"). */
  wholeFile: z.boolean().optional(),
});
export type CodeContext = z.infer<typeof codeContextSchema>;

/**
 * What the model was asked with besides the text: kept on the turn so regenerate and retry re-send it exactly
 * as it was first sent, even after a reload or a persona change.
 */
export const sentWithSchema = z.object({
  instructions: z.string(),
  temperature: z.number().optional(),
  topP: z.number().optional(),
  maxOutputTokens: z.number().int().optional(),
  // A value a later version no longer knows is dropped, not allowed to make the whole turn unreadable.
  reasoningEffort: z.enum(REASONING_EFFORTS).optional().catch(undefined),
  verbosity: z.enum(VERBOSITIES).optional().catch(undefined),
  /** The Responses `text.format` object (json_schema / json_object), when the turn asked for structured output. */
  textFormat: z.record(z.string(), z.unknown()).optional(),
  /** The hosted web_search tool was asked for, with this `search_context_size` (absent: the server's default). */
  webSearch: z.object({ contextSize: z.enum(WEB_SEARCH_CONTEXT_SIZES).optional().catch(undefined) }).optional(),
  /** The endpoint profile the persona named, if it named one; otherwise turns go to the active endpoint. */
  endpoint: z.string().optional(),
});
export type SentWith = z.infer<typeof sentWithSchema>;

/**
 * The conversation was compacted after this turn. `server`: the response carried a compaction item
 * (`context_management`), and the server's chain goes on from it. `compact`: Threadline called
 * `responses/compact`; `items` are its output, sent ahead of the next message in place of the chain. `transcript`:
 * the endpoint cannot compact, so the next message starts a new chain with the recent transcript, trimmed by tokens.
 */
export const compactionSchema = z.object({
  how: z.enum(['server', 'compact', 'transcript']),
  at: z.number(),
  /** The chain's size before: the last response's input plus output tokens. */
  tokensBefore: z.number().int().nonnegative(),
  /** Its size after, once known: the input tokens of the next response. */
  tokensAfter: z.number().int().nonnegative().optional(),
  /** Opaque items from `responses/compact`, never shown; kept only until the next turn has used them. */
  items: z.array(z.unknown()).optional(),
});
export type Compaction = z.infer<typeof compactionSchema>;

/** Every field of a turn but its alternatives: the shape one answer of a fan-out shares with a whole turn. */
const singleTurnSchema = z.object({
  id: z.string(),
  /** What kind of request produced the turn: a chat message or one of the editor commands. */
  origin: z.enum(['chat', 'explain', 'summarize', 'extract']).default('chat'),
  userText: z.string(),
  context: z.array(codeContextSchema).default([]),
  /** Images sent with the user's text, by reference: the files are in the conversation's image folder. */
  images: z.array(imageRefSchema).max(20).optional(),
  personaId: z.string(),
  personaLabel: z.string(),
  model: z.string(),
  /** The endpoint profile that answered (id and label as they were then); absent for turns from 0.1.0. */
  endpointId: z.string().optional(),
  endpointLabel: z.string().optional(),
  /** The final message's text only: what export, copy and re-sent transcripts use. Commentary is in `parts`. */
  assistantText: z.string(),
  refusalText: z.string().default(''),
  reasoningSummary: z.string().default(''),
  /**
   * The answer as the model streamed it: commentary, tool activity, reasoning and the final message with its
   * annotations, in order. Absent for turns from 0.1.0 and for answers that were one plain message.
   */
  parts: turnPartsSchema.optional(),
  status: turnStatusSchema,
  error: turnErrorSchema.optional(),
  /** Why a response ended incomplete, as the server said (e.g. `max_output_tokens`). */
  incompleteReason: z.string().optional(),
  /** A one-time message shown above the answer, e.g. that the server forgot the chain and it was rebuilt. */
  notice: z.string().optional(),
  /** Settings this model did not receive, for the footer: "temperature not used by gpt-5". */
  notApplied: z.array(z.string()).optional(),
  usage: usageSchema.optional(),
  responseId: z.string().optional(),
  /**
   * The response was asked for with `store: true`, so the server keeps it: it can anchor a chain and is deleted
   * with the conversation. False for `store: false`. Absent on turns recorded before this was kept (0.1.0's).
   */
  responseStored: z.boolean().optional(),
  startedAt: z.number(),
  finishedAt: z.number().optional(),
  sentWith: sentWithSchema.optional(),
  compaction: compactionSchema.optional(),
  /**
   * The transcript this turn re-sent because its endpoint keeps no conversation state (Chat Completions): how many
   * earlier turns and how many tokens, with the new message. Shown in the footer so the cost of no chain is visible.
   */
  resent: z.object({ earlierTurns: z.number().int().nonnegative(), tokens: z.number().int().nonnegative() }).optional(),
});

/**
 * One answer of a fan-out turn (several personas asked the same message at once): everything a turn holds about
 * its answer, without the question, which the turn holds once. Its id is `<turnId>.<index>` (see fanOutAnswers).
 */
export const answerAlternativeSchema = singleTurnSchema.omit({ origin: true, userText: true, context: true });
export type AnswerAlternative = z.infer<typeof answerAlternativeSchema>;

/**
 * A fan-out turn keeps every answer in `alternatives` and names the one the conversation continues with in
 * `chosen`. Its own answer fields mirror the chosen answer, so the chain, re-sent transcripts, search and a
 * version that does not know `alternatives` (it drops the field) all read the turn as that single answer.
 */
export const turnSchema = singleTurnSchema.extend({
  alternatives: z.array(answerAlternativeSchema).optional(),
  chosen: z.string().optional(),
});
export type Turn = z.infer<typeof turnSchema>;
