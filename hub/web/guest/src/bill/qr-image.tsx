import { useMemo } from 'preact/hooks';
import { encodeQr, qrPath } from '../../../common/qr-code.ts';

/** A QR code drawn as one SVG path, dark on white with its quiet zone, sharp at any size. */
export function QrImage(props: { text: string; label: string; size?: number; testId?: string }) {
  const drawn = useMemo(() => {
    const modules = encodeQr(props.text);
    return modules ? qrPath(modules) : null;
  }, [props.text]);
  if (!drawn) return null;
  const size = props.size ?? 200;
  return (
    <svg class="qr-image" role="img" aria-label={props.label} width={size} height={size} viewBox={`0 0 ${drawn.size} ${drawn.size}`} shape-rendering="crispEdges" data-testid={props.testId ?? 'ton-qr'}>
      <rect width={drawn.size} height={drawn.size} fill="#fff" />
      <path d={drawn.d} fill="#000" />
    </svg>
  );
}
