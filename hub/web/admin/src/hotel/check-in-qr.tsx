/**
 * A booking's check-in link as a QR for the guest to scan at the desk. Drawn in the page from the
 * link (the guest page's encoder, tested there against an independent decoder), so it shows at once
 * and needs no request.
 */
import { useMemo } from 'preact/hooks';
import { encodeQr, qrPath } from '../../../common/qr-code.ts';

export function CheckInQr({ url, label, size = 200 }: { url: string; label: string; size?: number }) {
  const drawn = useMemo(() => {
    const modules = encodeQr(url);
    return modules ? qrPath(modules) : null;
  }, [url]);
  if (!drawn) return <p class="form-error small">This link is too long for a QR code.</p>;
  return (
    <svg class="check-in-qr" role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${drawn.size} ${drawn.size}`} shape-rendering="crispEdges">
      <rect width={drawn.size} height={drawn.size} fill="#fff" />
      <path d={drawn.d} fill="#000" />
    </svg>
  );
}
