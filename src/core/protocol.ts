import * as z from 'zod';
import { turnSchema } from './conversation/turn';
import { usageSchema } from './turn/usage';
import { conversationCostSchema, panelPricesSchema } from './pricing/panelPricing';
import { historyEntrySchema, historyScopeSchema, searchHitSchema } from './history/historySchemas';
import { MAX_PAGE_TURNS } from './transcriptPaging';
import { partEventSchema } from './turn/turnParts';
import { imageRefSchema } from './images/imageRef';
import { base64Length, MAX_IMAGE_BYTES, MAX_IMAGES_PER_TURN } from './images/imageLimits';

/**
 * Every message that crosses the host↔webview boundary, as zod schemas. Both sides parse what they receive
 * with these and drop anything malformed, so neither trusts the other blindly.
 */

const personaSummarySchema = z.object({
  id: z.string(), label: z.string(), model: z.string(),
  /** The persona searches the web: it turns the panel's web search on when it becomes active. */
  webSearch: z.boolean().optional(),
});
export type PersonaSummary = z.infer<typeof personaSummarySchema>;

// ---- webview → host ----

/** Conversation ids are the store's; 128 leaves room for any id scheme while keeping a bad message small. */
const conversationId = z.string().min(1).max(128);
/**
 * The workspace an entry belongs to, sent with every action on an entry: in the "All workspaces" list the host
 * finds the conversation in its own workspace's library instead of guessing by id.
 */
const workspaceKey = z.string().min(1).max(128).optional();
const turnId = z.string().max(64);
/** Names one `init` of the host: pages are asked for and answered within it, and dropped once another replaced it. */
const transcriptId = z.string().max(64);

export const webviewToHostSchema = z.discriminatedUnion('type', [
  /** Sent once the webview script has loaded; the host posts nothing before it. */
  z.object({ type: z.literal('ready') }),
  /** `personaId`: an `@persona` mention: that persona answers this turn, and the active one stays as it is. */
  z.object({
    type: z.literal('send'), requestId: z.string().max(64), text: z.string().min(1).max(2_000_000), personaId: z.string().max(128).optional(),
    /** Fan-out: several personas (`@a @b …` or Ask several) answer the same message at once, in one turn. */
    personaIds: z.array(z.string().max(128)).min(2).max(8).optional(),
    /** Images the host stored when they were attached (`imageAttached`), by reference. */
    images: z.array(imageRefSchema).max(MAX_IMAGES_PER_TURN).optional(),
  }),
  z.object({ type: z.literal('stop') }),
  /** Stops one answer of a fan-out turn; the others stream on. */
  z.object({ type: z.literal('stopAnswer'), answerId: z.string().max(80) }),
  /** "Continue with this": that answer of a fan-out turn continues the conversation's chain. */
  z.object({ type: z.literal('chooseAnswer'), turnId: z.string().max(64), answerId: z.string().max(80) }),
  z.object({ type: z.literal('regenerate'), turnId: z.string().max(64) }),
  z.object({ type: z.literal('editResend'), turnId: z.string().max(64), text: z.string().min(1).max(2_000_000) }),
  z.object({ type: z.literal('retry'), turnId: z.string().max(64) }),
  z.object({ type: z.literal('newConversation') }),
  /** The answer to "context length exceeded": compact what came before the turn, then send it again. */
  z.object({ type: z.literal('compactAndRetry'), turnId: z.string().max(64) }),
  /** The answer to "web search is not available": send the turn again without the tool (the webview also turns it off). */
  z.object({ type: z.literal('retryWithoutWebSearch'), turnId: z.string().max(64) }),
  /**
   * Exports a conversation: the open one without `id` (the toolbar button, as before), or one from the history.
   * Messages from before `format` existed mean Markdown.
   */
  z.object({
    type: z.literal('exportConversation'),
    id: conversationId.optional(),
    workspaceKey,
    format: z.enum(['markdown', 'json']).default('markdown'),
  }),
  z.object({ type: z.literal('copyText'), text: z.string().max(10_000_000) }),
  z.object({ type: z.literal('insertCode'), code: z.string().max(10_000_000) }),
  z.object({ type: z.literal('openCodeAsDocument'), code: z.string().max(10_000_000), language: z.string().max(64) }),
  z.object({ type: z.literal('openLink'), href: z.string().max(8192) }),
  z.object({ type: z.literal('openContext'), turnId: z.string().max(64), index: z.number().int().nonnegative() }),
  z.object({ type: z.literal('pickPersona'), personaId: z.string().max(128) }),
  /** The endpoint in the header was clicked: the host shows its endpoint picker. */
  z.object({ type: z.literal('pickEndpoint') }),
  z.object({ type: z.literal('setApiKey') }),
  /** The empty state's "Use Another Endpoint": runs Add Endpoint. */
  z.object({ type: z.literal('addEndpoint') }),
  /** The unsent draft changed: the host answers with its token count. */
  z.object({
    type: z.literal('draftChanged'), requestId: z.string().max(64), text: z.string().max(10_000_000),
    /** The draft's images, for their token estimate: only their sizes are needed. */
    images: z.array(z.object({ width: z.number().int().positive().max(1_000_000).optional(), height: z.number().int().positive().max(1_000_000).optional() }))
      .max(MAX_IMAGES_PER_TURN).optional(),
  }),
  // Images (src/chat/chatImages.ts): the host validates and stores each, and answers imageAttached or imageRejected.
  /** A pasted or dropped image, base64 without the data: prefix; capped at the API's per-image limit, encoded. */
  z.object({
    type: z.literal('attachImage'), requestId: z.string().max(64), name: z.string().max(256),
    data: z.string().max(base64Length(MAX_IMAGE_BYTES)).regex(/^[A-Za-z0-9+/]*={0,2}$/),
  }),
  /** Opens the host's file dialog for workspace images (png, jpeg, webp, gif). */
  z.object({ type: z.literal('pickImage'), requestId: z.string().max(64) }),
  /** Opens a sent turn's image in the editor, from its stored file. */
  z.object({ type: z.literal('openImage'), turnId: z.string().max(64), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  // History: the host answers showHistory and setHistoryScope with `history`, and posts it again on every change.
  z.object({ type: z.literal('showHistory') }),
  z.object({ type: z.literal('setHistoryScope'), scope: historyScopeSchema }),
  /** Opens a conversation; with `turnId` (a search hit) the host then posts `revealTurn`. */
  z.object({ type: z.literal('openConversation'), id: conversationId, workspaceKey, turnId: z.string().max(64).optional() }),
  z.object({ type: z.literal('renameConversation'), id: conversationId, workspaceKey, title: z.string().trim().min(1).max(500) }),
  z.object({ type: z.literal('pinConversation'), id: conversationId, workspaceKey, pinned: z.boolean() }),
  z.object({ type: z.literal('duplicateConversation'), id: conversationId, workspaceKey }),
  /** Moves to the trash; the host confirms first (and offers to delete the stored responses on the server). */
  z.object({ type: z.literal('deleteConversation'), id: conversationId, workspaceKey }),
  z.object({ type: z.literal('restoreConversation'), id: conversationId, workspaceKey }),
  /** The host answers with `searchResults` carrying the same request id; the webview shows only the newest. */
  z.object({ type: z.literal('searchConversations'), requestId: z.string().max(64), query: z.string().max(1000), scope: historyScopeSchema }),
  /** A new conversation holding the turns up to this one of the open conversation, chained from its response. */
  z.object({ type: z.literal('forkFromTurn'), turnId: z.string().max(64) }),
  // Composer slash commands (src/core/composer); /new, /persona and /export reuse the messages above.
  /** `/explain`, `/summarize`, `/json`: the editor command, run on the active editor's selection. */
  z.object({ type: z.literal('runEditorCommand'), command: z.enum(['explain', 'summarize', 'extractJson']) }),
  z.object({ type: z.literal('compactConversation') }),
  /** `/web on|off`: whether this panel's turns may search the web. */
  z.object({ type: z.literal('setWebSearch'), enabled: z.boolean() }),
  /** `/model NAME`: the model for this panel's messages; without `model`, back to the persona's own. */
  z.object({ type: z.literal('setModel'), model: z.string().min(1).max(128).optional() }),
  /** The token confidence toggle: whether the open conversation's next turns ask for logprobs. */
  z.object({ type: z.literal('setTokenConfidence'), enabled: z.boolean() }),
  /** Older turns of the transcript, by id, as they come near the viewport; the host answers with `turnsPage`. */
  z.object({ type: z.literal('loadTurns'), transcriptId, turnIds: z.array(turnId).min(1).max(MAX_PAGE_TURNS) }),
]);
export type WebviewToHost = z.infer<typeof webviewToHostSchema>;

// ---- host → webview ----

const panelStateSchema = z.object({
  personas: z.array(personaSummarySchema),
  activePersonaId: z.string(),
  model: z.string(),
  hasApiKey: z.boolean(),
  /** Where requests go, shown in the empty state so a user pointing at a local server sees it. */
  baseUrl: z.string(),
  /** The endpoint profile the next turn goes to, shown in the header. */
  endpoint: z.object({ id: z.string().max(128), label: z.string().max(200) }).optional(),
  busy: z.boolean(),
  /** Records waiting for the disk (it is full, or not writable); the panel says "not yet saved" until it is 0. */
  unsaved: z.object({ pending: z.number().int().nonnegative(), reason: z.string().max(2000).optional() }).optional(),
  /** Set by `/web on|off`; absent means off. */
  webSearch: z.boolean().optional(),
  /** Set by `/model NAME`: the model this panel's messages use instead of the persona's (then also in `model`). */
  modelOverride: z.string().optional(),
  /**
   * The `asWebviewUri` of the open conversation's image folder, ending in `/`: the webview shows a turn's image
   * as this plus its file name (hash and extension), so it can only ever show stored files.
   */
  imageBase: z.string().max(4096).optional(),
  /**
   * The open conversation's token confidence toggle. `available` false: the model gives no logprobs, and
   * `reason` says why (the toggle's tooltip). Absent from hosts that predate it.
   */
  tokenConfidence: z.object({ enabled: z.boolean(), available: z.boolean(), reason: z.string().max(500).optional() }).optional(),
  /** What each answer's footer is priced with. Absent from hosts that predate it: footers then show tokens only. */
  prices: panelPricesSchema.optional(),
});
export type PanelState = z.infer<typeof panelStateSchema>;

export const hostToWebviewSchema = z.discriminatedUnion('type', [
  /**
   * The transcript, sent after `ready` and whenever the conversation is replaced: the newest turns in full, the
   * older ones by id only (oldest first), to be asked for with `loadTurns` (see core/transcriptPaging).
   */
  z.object({
    type: z.literal('init'),
    transcriptId: transcriptId.optional(),
    olderTurnIds: z.array(turnId).optional(),
    turns: z.array(turnSchema),
    state: panelStateSchema,
    totals: usageSchema,
    /** What the whole conversation cost, every answer counted (absent from hosts that predate it). */
    cost: conversationCostSchema.optional(),
    /** The newest usage when it lies among the older turns: what the header's context share is read from. */
    olderContext: z.object({ inputTokens: z.number().int().nonnegative(), model: z.string() }).optional(),
  }),
  /** Older turns asked for with `loadTurns`; an id asked for and absent here is no longer in the transcript. */
  z.object({ type: z.literal('turnsPage'), transcriptId, requested: z.array(turnId).max(MAX_PAGE_TURNS), turns: z.array(turnSchema).max(MAX_PAGE_TURNS) }),
  z.object({ type: z.literal('state'), state: panelStateSchema }),
  z.object({ type: z.literal('turnStarted'), turn: turnSchema }),
  /** Refusal text as it streams; `text` and `reasoning` are still understood, for a turn without parts. */
  z.object({
    type: z.literal('delta'),
    turnId: z.string(),
    channel: z.enum(['text', 'refusal', 'reasoning']),
    text: z.string(),
  }),
  /** A change to one part of a streaming answer: a part started, grew, got an annotation, or was replaced. */
  z.object({ type: z.literal('part'), turnId: z.string(), event: partEventSchema }),
  /** A turn's final (or replaced) state; the webview re-renders that turn once. */
  z.object({ type: z.literal('turnUpdated'), turn: turnSchema, totals: usageSchema, cost: conversationCostSchema.optional() }),
  /** The conversation's total again, when what it is priced with changed (`threadline.pricing`). */
  z.object({ type: z.literal('totals'), totals: usageSchema, cost: conversationCostSchema }),
  z.object({ type: z.literal('turnRemoved'), turnId: z.string() }),
  /** `imageTokens`: the part of `count` that is the images' estimate (imageTokens.ts), which the tooltip says is one. */
  z.object({
    type: z.literal('draftTokens'), requestId: z.string(), count: z.number().int().nonnegative(), encoding: z.string(),
    imageTokens: z.number().int().nonnegative().optional(),
  }),
  /** An image is stored and may be sent: `src` is its stored file through `asWebviewUri`. */
  z.object({ type: z.literal('imageAttached'), requestId: z.string(), image: imageRefSchema, src: z.string().max(4096) }),
  /** Why an image (or a message with images) was not taken; nothing was sent. */
  z.object({ type: z.literal('imageRejected'), requestId: z.string().optional(), message: z.string().max(2000) }),
  /** Asks the webview to put text in the input box, e.g. for edit-and-resend. */
  z.object({ type: z.literal('focusInput') }),
  /**
   * The history list. The webview groups `entries` itself (Pinned, Today, …) because it knows the user's own
   * calendar day; a host on code-server may run in another time zone. `trash` holds the trashed conversations.
   */
  z.object({
    type: z.literal('history'),
    scope: historyScopeSchema,
    activeId: z.string().optional(),
    entries: z.array(historyEntrySchema),
    trash: z.array(historyEntrySchema),
  }),
  /** Hits for `searchConversations` with the same request id; `truncated` when more turns matched than were sent. */
  z.object({
    type: z.literal('searchResults'),
    requestId: z.string(),
    query: z.string(),
    hits: z.array(searchHitSchema),
    truncated: z.boolean().default(false),
  }),
  /** After opening a conversation at a search hit: scroll to this turn and highlight it for a moment. */
  z.object({ type: z.literal('revealTurn'), turnId: z.string() }),
]);
export type HostToWebview = z.infer<typeof hostToWebviewSchema>;

export type ParseResult<T> = { ok: true; message: T } | { ok: false; reason: string };

function parseWith<T>(schema: z.ZodType<T>, raw: unknown): ParseResult<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, message: parsed.data };
  const issue = parsed.error.issues[0];
  const type = typeof raw === 'object' && raw !== null ? String((raw as { type?: unknown }).type) : typeof raw;
  return { ok: false, reason: `malformed message (type ${type}): ${issue?.path.join('.') || '(root)'} ${issue?.message ?? ''}`.trim() };
}

export const parseWebviewMessage = (raw: unknown): ParseResult<WebviewToHost> => parseWith(webviewToHostSchema, raw);
export const parseHostMessage = (raw: unknown): ParseResult<HostToWebview> => parseWith(hostToWebviewSchema, raw);
