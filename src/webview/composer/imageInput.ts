import type { AttachmentTray } from './attachmentTray';

/**
 * Paste and drop into the composer. A paste that carries image files attaches them and inserts no text; one with
 * only text is left to the textarea. Dropping files anywhere on the composer attaches the images among them;
 * while files are dragged over it, the composer shows where they would land.
 */
export function installImageInput(composer: HTMLElement, prompt: HTMLTextAreaElement, tray: AttachmentTray): void {
  prompt.addEventListener('paste', (event) => {
    const files = event.clipboardData?.files;
    if (files && files.length > 0 && tray.takeFiles(files)) event.preventDefault();
  });
  const carriesFiles = (event: DragEvent): boolean => event.dataTransfer?.types.includes('Files') ?? false;
  composer.addEventListener('dragover', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    composer.classList.add('drop-target');
  });
  composer.addEventListener('dragleave', (event) => {
    if (!composer.contains(event.relatedTarget as Node | null)) composer.classList.remove('drop-target');
  });
  composer.addEventListener('drop', (event) => {
    composer.classList.remove('drop-target');
    const files = event.dataTransfer?.files;
    if (!files || files.length === 0) return;
    event.preventDefault();
    tray.takeFiles(files);
  });
}
