/**
 * Downloading a Whisper model from the Translator page: the hub fetches it in the background and this
 * polls its progress while one runs (a download takes minutes; a second's delay on the bar is fine,
 * and polling needs nothing from the socket). When one finishes, `onInstalled` refreshes the card.
 */
import type { ModelDownload } from '@onemoment/shared/schemas/translator';
import { useEffect, useRef, useState } from 'preact/hooks';
import { describeError } from '../api.ts';
import type { TranslatorApi } from '../../../common/translator/translator-api.ts';
import { downloadProgressLabel } from './labels.ts';
import { justFinished, withDownload } from './model-download-state.ts';

const POLL_MS = 1000;

export interface ModelDownloadsView {
  downloads: ModelDownload[];
  /** A request the hub refused (a model already installed) or could not be sent. */
  error: string | null;
  start(name: string): Promise<void>;
  cancel(name: string): Promise<void>;
}

export function useModelDownloads(api: TranslatorApi, onInstalled: (name: string) => void): ModelDownloadsView {
  const [downloads, setDownloads] = useState<ModelDownload[]>([]);
  const [error, setError] = useState<string | null>(null);
  const current = useRef<ModelDownload[]>([]);
  const installed = useRef(onInstalled);
  installed.current = onInstalled;

  const apply = (next: ModelDownload[]) => {
    const finished = justFinished(current.current, next);
    current.current = next;
    setDownloads(next);
    for (const name of finished) installed.current(name);
  };
  const attempt = async (work: () => Promise<ModelDownload[]>) => {
    try {
      apply(await work());
      setError(null);
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  const refresh = () => attempt(() => api.modelDownloads());

  // A download started before this page was opened (or on another tablet) shows up too.
  useEffect(() => void refresh(), []);
  const running = downloads.some((download) => download.state === 'downloading');
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [running]);

  return {
    downloads,
    error,
    start: (name) => attempt(async () => withDownload(current.current, await api.startModelDownload(name))),
    cancel: (name) => attempt(async () => withDownload(current.current, await api.cancelModelDownload(name))),
  };
}

/** One running download (bar, MB done of total, Cancel) or a failed one (the hub's words, Retry). */
export function ModelDownloadRow(props: { download: ModelDownload; onCancel(): void; onRetry(): void }) {
  const { download } = props;
  const percent = download.totalBytes > 0 ? Math.floor((download.receivedBytes / download.totalBytes) * 100) : 0;
  return (
    <div class="model-download" data-testid={`download-${download.name}`} data-state={download.state}>
      {download.state === 'downloading' ? (
        <>
          <div class="model-download-head">
            <span class="model-name">Downloading {download.name}</span>
            <span class="muted small" data-testid="download-progress">
              {downloadProgressLabel(download)}
            </span>
          </div>
          <progress max={100} value={percent} aria-label={`Downloading the ${download.name} model: ${percent}%`} />
          <button type="button" class="btn" onClick={props.onCancel} data-testid={`cancel-download-${download.name}`}>
            Cancel
          </button>
        </>
      ) : (
        <>
          <p class="form-error" role="alert" data-testid="download-error">
            The {download.name} model was not downloaded. {download.message}
          </p>
          <button type="button" class="btn btn-primary" onClick={props.onRetry} data-testid={`retry-download-${download.name}`}>
            Retry
          </button>
        </>
      )}
    </div>
  );
}
