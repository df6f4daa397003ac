/**
 * Opens a staff-only document (the registration card PDF, the rooms' QR sheet) in a new tab. The hub
 * wants the bearer token, which a link cannot send, so the document is fetched here and shown through
 * an object URL. The tab is opened at once, in the tap itself, so the browser does not take it for a
 * pop-up; the document arrives a moment later. Without a tab (a blocker said no) it is downloaded.
 */
import { describeError, fetchBlob } from '../api.ts';
import { notify } from '../toasts.tsx';

/** Long enough for the new tab (or the download) to read it; then the bytes are let go. */
const KEEP_URL_MS = 60_000;

export async function openDocument(path: string, type: string, fileName: string): Promise<boolean> {
  const target = window.open('', '_blank');
  try {
    const blob = await fetchBlob(path);
    const url = URL.createObjectURL(blob.type.startsWith(type) ? blob : new Blob([blob], { type }));
    if (target) {
      target.location.href = url;
    } else {
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      document.body.append(link);
      link.click();
      link.remove();
    }
    setTimeout(() => URL.revokeObjectURL(url), KEEP_URL_MS);
    return true;
  } catch (error) {
    target?.close();
    notify(describeError(error), 'error');
    return false;
  }
}
