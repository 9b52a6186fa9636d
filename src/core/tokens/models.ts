/** The tokenizers the extension ships ranks for. */
export type EncodingName = 'o200k_base' | 'cl100k_base';
export const ENCODING_NAMES: readonly EncodingName[] = ['o200k_base', 'cl100k_base'];

export function isEncodingName(name: string): name is EncodingName {
  return (ENCODING_NAMES as readonly string[]).includes(name);
}

export interface ModelEncoding {
  encoding: EncodingName;
  /** False when the model name matched no known family and o200k_base is a guess the tooltip should mention. */
  known: boolean;
}

/**
 * The family part of a model name: deployment prefixes (`openai/gpt-4o`), fine-tune wrappers
 * (`ft:gpt-4o-mini:org::id`) and case are not part of what decides the tokenizer.
 */
export function modelFamilyName(model: string): string {
  let name = model.trim().toLowerCase();
  if (name.startsWith('ft:')) name = name.slice(3).split(':')[0] ?? '';
  const slash = name.lastIndexOf('/');
  return slash >= 0 ? name.slice(slash + 1) : name;
}

/** o1, o3, o4-mini…: the reasoning models. */
export const O_SERIES = /^o\d+(?:-|$)/;

export function startsWithFamily(name: string, family: string): boolean {
  return name === family || name.startsWith(`${family}-`);
}

export function encodingForModel(model: string): ModelEncoding {
  const name = modelFamilyName(model);
  const o200k = ['gpt-4o', 'chatgpt-4o', 'gpt-4.1', 'gpt-4.5', 'gpt-5'].some((f) => name.startsWith(f)) || O_SERIES.test(name);
  if (o200k) return { encoding: 'o200k_base', known: true };
  const cl100k = startsWithFamily(name, 'gpt-4') || name.startsWith('gpt-3.5') || name.startsWith('gpt-35') ||
    name.startsWith('text-embedding-3') || name === 'text-embedding-ada-002';
  if (cl100k) return { encoding: 'cl100k_base', known: true };
  return { encoding: 'o200k_base', known: false };
}
