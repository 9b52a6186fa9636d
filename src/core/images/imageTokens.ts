import { modelFamilyName } from '../tokens/models';

/**
 * An estimate of the input tokens one image costs, by the formula OpenAI documents for the model's family.
 * Only an estimate: the server decides (`auto` may pick low detail; a family may be re-priced), so the UI says so.
 *
 * Source: OpenAI, "Images and vision" guide, "Calculating costs" —
 * https://developers.openai.com/api/docs/guides/images-vision (read through the docs search; the multipliers
 * were also checked against measured bills in community.openai.com/t/1262691 and /t/1377015):
 * - patch models (gpt-4.1-mini, gpt-4.1-nano, o4-mini, and the gpt-5 mini/nano sizes): the image is covered by
 *   32×32-px patches; over 1536 patches it is scaled down to fit 1536; tokens = patches × the model's multiplier.
 *   `detail` does not change the cost of these models.
 * - tile models (gpt-4o, gpt-4.1, gpt-4.5, gpt-5, o1, o3, …): `low` costs the base tokens; `high` scales the
 *   image to fit 2048×2048, then its shortest side down to 768 px, and adds the tile tokens per 512-px tile to the
 *   base. `auto` is estimated as `high`, the most it can cost.
 */

export type ImageDetail = 'auto' | 'low' | 'high';

export type ImageCostFormula =
  | { kind: 'patch'; multiplier: number; maxPatches: number }
  | { kind: 'tile'; base: number; perTile: number };

interface FormulaRow {
  pattern: RegExp;
  formula: ImageCostFormula;
}

const patch = (multiplier: number): ImageCostFormula => ({ kind: 'patch', multiplier, maxPatches: 1536 });
const tile = (base: number, perTile: number): ImageCostFormula => ({ kind: 'tile', base, perTile });

/** First match wins, so the narrower names come first. */
const FORMULAS: readonly FormulaRow[] = [
  { pattern: /^gpt-4\.1-mini/, formula: patch(1.62) },
  { pattern: /^gpt-4\.1-nano/, formula: patch(2.46) },
  { pattern: /^o4-mini|^codex-mini/, formula: patch(1.72) },
  { pattern: /^gpt-5(?:\.\d+)?-mini/, formula: patch(1.62) },
  { pattern: /^gpt-5(?:\.\d+)?-nano/, formula: patch(2.46) },
  { pattern: /^gpt-4o-mini/, formula: tile(2833, 5667) },
  { pattern: /^(?:o1|o3)(?:-|$)/, formula: tile(75, 150) },
  { pattern: /^computer-use/, formula: tile(65, 129) },
  { pattern: /^gpt-5/, formula: tile(70, 140) },
];

/** gpt-4o, gpt-4.1, gpt-4.5 and names no row knows: the classic 85 + 170 per tile. */
const DEFAULT_FORMULA = tile(85, 170);

export function imageCostFormula(model: string): ImageCostFormula {
  const name = modelFamilyName(model);
  return FORMULAS.find((row) => row.pattern.test(name))?.formula ?? DEFAULT_FORMULA;
}

/** Without dimensions (an unreadable header) the estimate assumes a large image rather than a free one. */
const UNKNOWN_SIDE = 2048;

export function estimateImageTokens(size: { width?: number; height?: number }, detail: ImageDetail, model: string): number {
  const width = size.width ?? UNKNOWN_SIDE;
  const height = size.height ?? UNKNOWN_SIDE;
  const formula = imageCostFormula(model);
  if (formula.kind === 'patch') return Math.ceil(patchCount(width, height, formula.maxPatches) * formula.multiplier);
  if (detail === 'low') return formula.base;
  return formula.base + formula.perTile * tileCount(width, height);
}

/** The documented steps, including the second shrink that makes whole patches fit along the limiting side. */
export function patchCount(width: number, height: number, maxPatches: number): number {
  const raw = Math.ceil(width / 32) * Math.ceil(height / 32);
  if (raw <= maxPatches) return raw;
  let shrink = Math.sqrt((32 * 32 * maxPatches) / (width * height));
  const w = width * shrink;
  const h = height * shrink;
  shrink *= Math.min(Math.floor(w / 32) / (w / 32), Math.floor(h / 32) / (h / 32));
  return Math.min(maxPatches, Math.ceil((width * shrink) / 32) * Math.ceil((height * shrink) / 32));
}

/** Fit in 2048×2048, then bring the shortest side down to 768 (images are never scaled up), then count 512-px tiles. */
export function tileCount(width: number, height: number): number {
  let w = width;
  let h = height;
  const fit = Math.min(1, 2048 / Math.max(w, h));
  w *= fit;
  h *= fit;
  const shortest = Math.min(1, 768 / Math.min(w, h));
  w *= shortest;
  h *= shortest;
  return Math.ceil(w / 512) * Math.ceil(h / 512);
}

export function estimateImagesTokens(sizes: ReadonlyArray<{ width?: number; height?: number }>, detail: ImageDetail, model: string): number {
  return sizes.reduce((sum, size) => sum + estimateImageTokens(size, detail, model), 0);
}
