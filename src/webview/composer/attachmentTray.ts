import { checkImageSize, MAX_IMAGES_PER_TURN } from '../../core/images/imageLimits';
import type { ImageRef } from '../../core/images/imageRef';
import { button, h } from '../dom';
import { nextRequestId, type VsCodeBridge } from '../vscodeBridge';
import { wt } from '../../core/l10n/webviewMessages';

export interface TrayDeps {
  bridge: VsCodeBridge;
  /** Says why an image was not taken, under the prompt. */
  problem(text: string): void;
  /** The set of images changed: the draft's token count is asked again. */
  changed(): void;
  /** Where focus goes when the last thumbnail is removed. */
  focusPrompt(): void;
}

interface Attached {
  image: ImageRef;
  src: string;
}

/**
 * The composer's images: what was pasted, dropped or picked, as thumbnails with a remove button each. The page
 * never shows the bytes it read: it hands them to the host, which checks and stores them and answers with the
 * stored file's webview URI; only then does a thumbnail appear. Files over the API's per-image limit are refused
 * here, before they are read.
 */
export class AttachmentTray {
  readonly element = h('div', { id: 'attachments', className: 'attachments', hidden: true, attrs: { role: 'list', 'aria-label': wt('images.attached') } });
  private readonly attached: Attached[] = [];
  private readonly pending = new Set<string>();

  constructor(private readonly deps: TrayDeps) {}

  get images(): ImageRef[] {
    return this.attached.map((a) => a.image);
  }

  get count(): number {
    return this.attached.length;
  }

  /** Images among pasted or dropped files; true when there was at least one (the event is then the tray's). */
  takeFiles(files: Iterable<File>): boolean {
    const images = [...files].filter((file) => file.type.startsWith('image/') || file.type === '');
    for (const file of images) void this.read(file);
    return images.length > 0;
  }

  pick(): void {
    const requestId = nextRequestId();
    this.pending.add(requestId);
    this.deps.bridge.post({ type: 'pickImage', requestId });
  }

  /** The host stored an image this tray asked for. */
  onAttached(requestId: string, image: ImageRef, src: string): boolean {
    if (!this.pending.has(requestId)) return false;
    // A pick may answer several times (several files); a paste once.
    if (!this.attached.some((a) => a.image.sha256 === image.sha256)) {
      if (this.attached.length >= MAX_IMAGES_PER_TURN) {
        this.deps.problem(`A message can carry at most ${MAX_IMAGES_PER_TURN} images.`);
        return true;
      }
      this.attached.push({ image, src });
      this.render();
      this.deps.changed();
    }
    return true;
  }

  onRejected(requestId: string | undefined): boolean {
    return requestId !== undefined && this.pending.delete(requestId);
  }

  /** After sending: the images went with the message. `restore` puts them back when the host refused it. */
  clear(): Attached[] {
    const taken = this.attached.splice(0);
    this.render();
    return taken;
  }

  restore(items: readonly Attached[]): void {
    for (const item of items) if (!this.attached.some((a) => a.image.sha256 === item.image.sha256)) this.attached.push(item);
    this.render();
    this.deps.changed();
  }

  private async read(file: File): Promise<void> {
    const name = file.name || 'pasted image';
    const tooLarge = checkImageSize(file.size, name);
    if (tooLarge) {
      this.deps.problem(tooLarge.message);
      return;
    }
    const requestId = nextRequestId();
    this.pending.add(requestId);
    const data = toBase64(new Uint8Array(await file.arrayBuffer()));
    if (!this.deps.bridge.post({ type: 'attachImage', requestId, name: name.slice(0, 256), data })) {
      this.pending.delete(requestId);
      this.deps.problem(`${name} could not be attached.`);
    }
  }

  private remove(index: number): void {
    const [removed] = this.attached.splice(index, 1);
    if (!removed) return;
    this.render();
    this.deps.changed();
    // Keyboard users stay in the tray: focus the thumbnail that took this one's place, else the prompt.
    const next = this.element.querySelectorAll<HTMLButtonElement>('.remove-image')[Math.min(index, this.attached.length - 1)];
    if (next) next.focus();
    else this.deps.focusPrompt();
  }

  private render(): void {
    this.element.hidden = this.attached.length === 0;
    this.element.replaceChildren(...this.attached.map((item, index) => {
      const label = item.image.name ?? `image ${index + 1}`;
      const remove = button({ icon: 'close', label: wt('images.remove', label), className: 'remove-image' });
      remove.addEventListener('click', () => this.remove(index));
      return h('div', { className: 'attachment', attrs: { role: 'listitem', 'data-sha256': item.image.sha256 } }, [
        h('img', { attrs: { src: item.src, alt: label, width: '48', height: '48' } }),
        remove,
      ]);
    }));
  }
}

/** btoa takes a binary string; built in slices so a 20 MB image does not overflow the argument list. */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
