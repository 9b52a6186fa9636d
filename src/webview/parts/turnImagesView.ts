import { imageFileName, imageLabel, type ImageRef } from '../../core/images/imageRef';
import { codicon, h } from '../dom';
import { wt } from '../../core/l10n/webviewMessages';

/**
 * The images a turn was sent with, as thumbnails under the user's text; each opens the stored file in the editor
 * (a button, so it is reachable and named for keyboard and screen-reader users). The address is the open
 * conversation's image folder plus the file name the reference implies (hash and extension), so the page can
 * only ever show files from that folder, which is also all the CSP's img-src allows.
 */

let imageBase: string | undefined;

/** The host's `imageBase` (PanelState): set before a transcript is rendered, so its thumbnails point at its folder. */
export function setImageBase(base: string | undefined): void {
  imageBase = base && /^https?:\/\/\S+\/$/.test(base) ? base : undefined;
}

export function renderTurnImages(container: HTMLElement, images: readonly ImageRef[] | undefined): void {
  container.hidden = !images?.length;
  container.replaceChildren(...(images ?? []).map((image, index) => {
    const label = imageLabel(image, index);
    const content = imageBase
      ? h('img', { attrs: { src: `${imageBase}${imageFileName(image)}`, alt: label, loading: 'lazy' } })
      : codicon('file-media');
    return h('button', {
      className: 'turn-image',
      attrs: { type: 'button', 'data-sha256': image.sha256, 'aria-label': wt('images.open', label), title: label },
    }, [content]);
  }));
}
