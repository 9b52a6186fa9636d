export { encodingForModel, modelFamilyName, isEncodingName, ENCODING_NAMES } from './models';
export type { EncodingName, ModelEncoding } from './models';
export { contextWindowFor, UNKNOWN_CONTEXT_WINDOW, type ModelContextWindow } from './contextWindows';
export { TokenEncoder } from './tokenEncoder';
export { IncrementalTokenCount, type TextChange } from './incrementalCount';
export { readRankFile, buildRankTable, type RankFile } from './rankTable';
export { TokenCountingEngine, type RankFileLoader } from './tokenCountingEngine';
export { parsePriceTable, priceForModel, estimateInputCost, type PriceTable, type ModelPrice, type InputCostEstimate } from './pricing';
