import * as vscode from 'vscode';
import type { ImageDetail } from '../core/images/imageTokens';
import { SETTING_DEFAULTS } from '../core/settingDefaults';

const DETAILS: readonly ImageDetail[] = ['auto', 'low', 'high'];

/** `threadline.imageDetail`: the `detail` every image is sent with; a hand-edited unknown value means `auto`. */
export function readImageDetail(): ImageDetail {
  const value = vscode.workspace.getConfiguration('threadline').get<unknown>('imageDetail');
  return DETAILS.find((detail) => detail === value) ?? SETTING_DEFAULTS.imageDetail;
}
