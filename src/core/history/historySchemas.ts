import * as z from 'zod';
import type { HistoryEntry, HistoryScope, SearchHit } from './historyTypes';

/**
 * The history shapes as zod schemas, for the protocol to validate at the boundary. The checks at the bottom make
 * the compiler refuse a schema that drifts from historyTypes.ts.
 */

export const historyScopeSchema = z.enum(['workspace', 'all']);

export const historyEntrySchema = z.object({
  id: z.string(),
  title: z.string(),
  lastActivity: z.number(),
  turnCount: z.number().int().nonnegative(),
  totalTokens: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative().optional(),
  personas: z.array(z.string()),
  pinned: z.boolean(),
  trashedAt: z.number().optional(),
  workspaceLabel: z.string(),
  workspaceKey: z.string(),
  otherWorkspace: z.boolean().optional(),
  active: z.boolean(),
});

export const searchHitSchema = z.object({
  conversationId: z.string(),
  conversationTitle: z.string(),
  workspaceLabel: z.string(),
  workspaceKey: z.string(),
  turnId: z.string(),
  field: z.enum(['user', 'answer', 'path']),
  snippet: z.object({ before: z.string(), match: z.string(), after: z.string() }),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameEntry: Same<z.infer<typeof historyEntrySchema>, HistoryEntry> = true;
const sameHit: Same<z.infer<typeof searchHitSchema>, SearchHit> = true;
const sameScope: Same<z.infer<typeof historyScopeSchema>, HistoryScope> = true;
void [sameEntry, sameHit, sameScope];
