import type { PanelState } from '../../core/protocol';
import { button } from '../dom';
import type { VsCodeBridge } from '../vscodeBridge';

const ON = 'Token confidence is on for this conversation: new answers keep each token’s probability. Click to turn it off.';
const OFF = 'Token confidence is off for this conversation. Click to keep each token’s probability with new answers.';

/**
 * The composer's token confidence toggle, for the open conversation. Its pressed state is the host's word
 * (PanelState.tokenConfidence), never assumed locally, so it always says what the next turn will ask. For a
 * model that gives no logprobs it is disabled, and its tooltip (and accessible description) says why.
 */
export class ConfidenceToggle {
  readonly element = button({ icon: 'pulse', text: 'Confidence', label: 'Token confidence', id: 'token-confidence-toggle', hidden: true });
  private enabled = false;

  constructor(private readonly bridge: VsCodeBridge) {
    this.element.setAttribute('aria-pressed', 'false');
    this.element.addEventListener('click', () => {
      if (this.element.getAttribute('aria-disabled') === 'true') return;
      this.bridge.post({ type: 'setTokenConfidence', enabled: !this.enabled });
    });
  }

  setState(state: PanelState): void {
    const confidence = state.tokenConfidence;
    this.element.hidden = !confidence;
    if (!confidence) return;
    this.enabled = confidence.enabled && confidence.available;
    this.element.setAttribute('aria-pressed', String(this.enabled));
    this.element.classList.toggle('on', this.enabled);
    // aria-disabled rather than disabled: a disabled button gets no hover and no focus, and the reason is its tooltip.
    this.element.setAttribute('aria-disabled', String(!confidence.available));
    const title = confidence.available ? (this.enabled ? ON : OFF) : `Token confidence is not available: ${confidence.reason ?? 'this model gives no token probabilities.'}`;
    this.element.title = title;
    this.element.setAttribute('aria-description', title);
  }
}
