/**
 * The signature, drawn with a finger (or a mouse) on a canvas by signature_pad. The canvas is sized to
 * the screen's pixel ratio so the strokes stay sharp; resizing keeps what was drawn.
 */
import SignaturePad from 'signature_pad';
import { useEffect, useRef } from 'preact/hooks';
import { t } from './strings.ts';

export interface SignatureHandle {
  isEmpty(): boolean;
  /** The drawing as a PNG data URL (transparent background, dark ink). */
  toPng(): string;
}

export function SignatureField({ onReady, onChange }: { onReady: (handle: SignatureHandle) => void; onChange: () => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad | null>(null);

  useEffect(() => {
    const element = canvas.current!;
    const signature = new SignaturePad(element, { penColor: '#1b2a4a', minWidth: 1, maxWidth: 2.6 });
    pad.current = signature;
    const fit = () => {
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      const data = signature.toData();
      element.width = element.offsetWidth * ratio;
      element.height = element.offsetHeight * ratio;
      element.getContext('2d')!.scale(ratio, ratio);
      signature.fromData(data);
    };
    fit();
    window.addEventListener('resize', fit);
    signature.addEventListener('endStroke', onChange);
    onReady({ isEmpty: () => signature.isEmpty(), toPng: () => signature.toDataURL('image/png') });
    return () => {
      window.removeEventListener('resize', fit);
      signature.off();
    };
    // The pad is made once; its callbacks are the first render's on purpose (they only set state).
  }, []);

  return (
    <div class="field">
      <span class="field__label" id="signature-label">{t('signature')}</span>
      <span class="field__hint">{t('signatureHint')}</span>
      <canvas ref={canvas} class="signature" data-testid="signature-pad" aria-labelledby="signature-label" />
      <button
        type="button"
        class="link-button"
        onClick={() => {
          pad.current?.clear();
          onChange();
        }}
      >
        {t('clearSignature')}
      </button>
    </div>
  );
}
