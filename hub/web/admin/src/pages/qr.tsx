/**
 * Table QR codes. The hub serves them to staff only, and an <img src> cannot send the bearer token,
 * so each one is fetched with the token and shown through an object URL.
 */
import { useState } from 'preact/hooks';
import { api, describeError, fetchBlob } from '../api.ts';
import { useObjectUrl } from '../hooks.ts';
import { notify } from '../toasts.tsx';
import type { Table } from '../types.ts';

export function TableQr({ table, canReplace, onReplaced }: { table: Table; canReplace: boolean; onReplaced: () => void }) {
  // The code is part of the key: after a code rotation the old picture must not stay on screen.
  const [attempt, setAttempt] = useState(0);
  const qr = useObjectUrl(`${table.id}:${table.code}:${attempt}`, () => fetchBlob(`/api/tables/${encodeURIComponent(table.id)}/qr.svg`));
  const [downloading, setDownloading] = useState(false);
  const [confirmReplace, setConfirmReplace] = useState(false);

  // A photo of the QR taken home should not keep working: a manager can issue a new code.
  const replace = async () => {
    try {
      await api.post(`/api/tables/${encodeURIComponent(table.id)}/rotate-code`);
      notify(`${table.name} has a new QR code. Print it and replace the old card.`);
      onReplaced();
    } catch (error) {
      notify(describeError(error), 'error');
    } finally {
      setConfirmReplace(false);
    }
  };

  const downloadPng = async () => {
    setDownloading(true);
    try {
      const blob = await fetchBlob(`/api/tables/${encodeURIComponent(table.id)}/qr.png`);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `${table.id}-qr.png`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      notify(describeError(error), 'error');
    } finally {
      setDownloading(false);
    }
  };

  return (
    <div class="qr">
      <div class="qr-frame">
        {qr.url ? (
          <img class="qr-img" src={qr.url} alt={`QR code for ${table.name}`} width={168} height={168} />
        ) : qr.error ? (
          <span class="qr-error">
            <span class="form-error">{qr.error}</span>
            <button type="button" class="btn btn-small" onClick={() => setAttempt(attempt + 1)}>
              Try again
            </button>
          </span>
        ) : (
          <span class="muted">Loading QR…</span>
        )}
      </div>
      <div class="qr-side">
        <p class="muted small">Guests scan this to see the menu and order.</p>
        <div class="panel-actions">
          <button type="button" class="btn btn-small" disabled={downloading} onClick={() => void downloadPng()}>
            {downloading ? 'Preparing…' : 'Download PNG'}
          </button>
          {canReplace && !confirmReplace && (
            <button type="button" class="btn btn-small btn-quiet" onClick={() => setConfirmReplace(true)}>
              New code…
            </button>
          )}
        </div>
        {confirmReplace && (
          <div class="confirm small">
            <p>The printed card for {table.name} will stop working.</p>
            <div class="panel-actions">
              <button type="button" class="btn btn-small btn-danger" onClick={() => void replace()}>
                Replace code
              </button>
              <button type="button" class="btn btn-small btn-quiet" onClick={() => setConfirmReplace(false)}>
                Keep
              </button>
            </div>
          </div>
        )}
      </div>
    </div>
  );
}

/**
 * Opens the printable sheet of every table's QR in a new window. The window is opened at once, in
 * the tap itself, so the browser does not treat it as a pop-up; the sheet arrives a moment later.
 */
export async function openQrSheet(): Promise<void> {
  const target = window.open('', '_blank');
  try {
    const blob = await fetchBlob('/api/tables/qr-sheet');
    const html = new Blob([await blob.text()], { type: 'text/html;charset=utf-8' });
    const url = URL.createObjectURL(html);
    if (target) target.location.href = url;
    else window.open(url, '_blank');
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (error) {
    target?.close();
    notify(describeError(error), 'error');
  }
}
