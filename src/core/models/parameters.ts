/**
 * The values of the request parameters Threadline may send, shared by personas, settings, stored turns and
 * the request shaper. Lists rather than bare unions, so zod schemas and package.json enums come from one place.
 */

/** `reasoning.effort`, lowest first. `none` exists from gpt-5.1 on, `minimal` only on the first gpt-5 models. */
export const REASONING_EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'] as const;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

/** `text.verbosity` of the gpt-5 family. */
export const VERBOSITIES = ['low', 'medium', 'high'] as const;
export type Verbosity = (typeof VERBOSITIES)[number];

/** `threadline.reasoningSummary`: `off` means the summary is not requested at all. */
export const REASONING_SUMMARIES = ['auto', 'concise', 'detailed', 'off'] as const;
export type ReasoningSummarySetting = (typeof REASONING_SUMMARIES)[number];
/** What `reasoning.summary` carries on the wire. */
export type ReasoningSummary = Exclude<ReasoningSummarySetting, 'off'>;

export function isReasoningEffort(value: unknown): value is ReasoningEffort {
  return (REASONING_EFFORTS as readonly unknown[]).includes(value);
}

export function isVerbosity(value: unknown): value is Verbosity {
  return (VERBOSITIES as readonly unknown[]).includes(value);
}

export function isReasoningSummarySetting(value: unknown): value is ReasoningSummarySetting {
  return (REASONING_SUMMARIES as readonly unknown[]).includes(value);
}
