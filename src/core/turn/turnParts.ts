import * as z from 'zod';
import { tokenLogprobsSchema } from './logprobs';

/**
 * core/turn: the answer of a turn as the model produced it, an ordered list of parts, and the events that
 * build it while it streams. Provider, conversation, store, protocol, export and webview all read these
 * shapes; this folder imports nothing from the rest of core, so any of them may import it.
 *
 * A Responses answer is not one string: gpt-5-class models send a short commentary message, then tool
 * activity, then the final message, with reasoning summaries in between. Each becomes a part here, so
 * nothing is glued together and the final message stays what export, copy and re-sent transcripts use.
 */

/**
 * An annotation exactly as the server sent it (url_citation, file_citation, container_file_citation,
 * file_path, or a type that does not exist yet). Loose on purpose: every field is kept, none is renamed.
 */
export const annotationSchema = z.looseObject({ type: z.string() });
export type Annotation = z.infer<typeof annotationSchema>;

const messageFields = {
  /** The output item's id when the server gave one; several parts can share it (one per content part). */
  itemId: z.string().optional(),
  text: z.string(),
  /** Indices in these annotations refer to `text` of this part, as the server counted them. */
  annotations: z.array(annotationSchema).default([]),
  /** Token log probabilities, when the turn asked for them (token confidence); compact tuples, see logprobs.ts. */
  logprobs: tokenLogprobsSchema,
};

/** The answer itself: the last message, or one the server marked `phase: "final_answer"`. */
export const textPartSchema = z.object({ kind: z.literal('text'), ...messageFields });
/** A message before the answer ("Got it, searching…"), or one the server marked `phase: "commentary"`. */
export const commentaryPartSchema = z.object({ kind: z.literal('commentary'), ...messageFields });

/** One line of tool activity: a web search, a file search, code run by the model, or any other item type. */
export const toolPartSchema = z.object({
  kind: z.literal('tool'),
  itemId: z.string().optional(),
  /** The output item type as sent, e.g. `web_search_call`; unknown types are shown by this name. */
  itemType: z.string(),
  /** As the server last said: in_progress, searching, interpreting, completed, failed… */
  status: z.string().optional(),
  /** What the tool did, when it says: `search`, `open_page`, `find` for web search. */
  action: z.string().optional(),
  /** What it acted on: the search query, the page, the function name. Plain text, never markup. */
  subject: z.string().optional(),
  /**
   * The pages a web search returned (`action.sources`, sent when the request includes
   * `web_search_call.action.sources`): shown under the answer beside the ones the answer cites.
   */
  sources: z.array(z.object({ url: z.string(), title: z.string().optional() })).optional(),
});

/** A reasoning item's summary. Each summary part is its own paragraph. */
export const reasoningPartSchema = z.object({
  kind: z.literal('reasoning'),
  itemId: z.string().optional(),
  paragraphs: z.array(z.string()),
  /** When the model started reasoning (epoch ms), so a live view can count the seconds. */
  startedAt: z.number().optional(),
  /** How long it reasoned; set when the reasoning item is done (or the stream ended). */
  durationMs: z.number().nonnegative().optional(),
});

export const turnPartSchema = z.discriminatedUnion('kind', [textPartSchema, commentaryPartSchema, toolPartSchema, reasoningPartSchema]);
export type TextPart = z.infer<typeof textPartSchema>;
export type CommentaryPart = z.infer<typeof commentaryPartSchema>;
export type MessagePart = TextPart | CommentaryPart;
export type ToolPart = z.infer<typeof toolPartSchema>;
export type ReasoningPart = z.infer<typeof reasoningPartSchema>;
export type TurnPart = z.infer<typeof turnPartSchema>;

/**
 * A turn's parts as stored and sent. A part this version does not know (written by a newer one) is dropped
 * rather than failing the whole record: an unreadable record would move the whole conversation aside.
 */
export const turnPartsSchema = z.array(z.unknown()).transform((items): TurnPart[] =>
  items.flatMap((item) => {
    const parsed = turnPartSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  }),
);

/**
 * How the parts of a streaming turn change. `index` is the part's position in the turn's list.
 *   added       a new part at `index` (anything at or after it is dropped: a re-sent request starts over);
 *   delta       text appended: to a message part's text, or to a reasoning part's last paragraph;
 *   annotation  an annotation appended to a message part;
 *   replaced    the part at `index` is now this one: a commentary/answer switch, a final text that differs
 *               from the deltas, a tool's new status, a new reasoning paragraph, a finished reasoning time.
 */
export const partEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('added'), index: z.number().int().nonnegative(), part: turnPartSchema }),
  z.object({ type: z.literal('delta'), index: z.number().int().nonnegative(), text: z.string() }),
  z.object({ type: z.literal('annotation'), index: z.number().int().nonnegative(), annotation: annotationSchema }),
  z.object({ type: z.literal('replaced'), index: z.number().int().nonnegative(), part: turnPartSchema }),
]);
export type PartEvent = z.infer<typeof partEventSchema>;

export function isMessagePart(part: TurnPart | undefined): part is MessagePart {
  return part?.kind === 'text' || part?.kind === 'commentary';
}
