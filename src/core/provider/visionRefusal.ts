import * as l10n from '@vscode/l10n';
import type { TurnError } from '../turn/turnError';

/**
 * The 400 a model without vision answers an image with. The real API words it
 * "Invalid content type. image_url is only supported by certain models." (type invalid_request_error, the param
 * naming the content part's `type`), as reported in vllm-project/vllm#11629 and
 * roboflow/awesome-openai-vision-api-experiments#11; other servers say "does not support image input".
 */
const VISION_REFUSAL = /image_url is only supported by certain models|(?:does not|doesn't) support (?:image|vision)|image input is not supported/i;

export function isVisionRefusal(message: string, param: string | null | undefined): boolean {
  if (VISION_REFUSAL.test(message)) return true;
  return /content\.?\[?\d+\]?\.type$/.test(param ?? '') && /\bimage\b/i.test(message);
}

export function modelWithoutVisionError(model: string, serverMessage: string, requestId: string | undefined): TurnError {
  return {
    ...(requestId ? { requestId } : {}),
    kind: 'model_without_vision',
    title: l10n.t('{0} cannot read images', model),
    detail: serverMessage || l10n.t('The server refused the images: {0} takes text only.', model),
    action: l10n.t('Send the message without its images, or pick a model that reads images (gpt-4.1, gpt-4o, gpt-5, o3, o4-mini) with /model or a persona.'),
  };
}
