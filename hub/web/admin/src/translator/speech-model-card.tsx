/**
 * For managers: the Whisper models installed on the hub with their sizes, which one recognises speech,
 * and buttons that download one (the hub never downloads by itself: it may be offline, and a model is
 * hundreds of megabytes, so a manager chooses when).
 */
import type { TranslatorStatus } from '@onemoment/shared/schemas/translator';
import { useEffect, useState } from 'preact/hooks';
import { describeError } from '../api.ts';
import type { TranslatorApi } from '../../../common/translator/translator-api.ts';
import { notify } from '../toasts.tsx';
import { downloadButtonLabel, formatBytes } from './labels.ts';
import { isDownloading, notInstalled, shownDownloads } from './model-download-state.ts';
import { ModelDownloadRow, useModelDownloads } from './model-downloads.tsx';

const SUGGESTED_MODEL = 'base';

export function SpeechModelCard(props: { status: TranslatorStatus; api: TranslatorApi; onStatus(status: TranslatorStatus): void }) {
  const { status } = props;
  const [choice, setChoice] = useState(status.activeModel ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setChoice(status.activeModel ?? ''), [status.activeModel]);

  const apply = async (event: Event) => {
    event.preventDefault();
    if (!choice) return;
    setBusy(true);
    setError(null);
    try {
      const next = await props.api.setActiveModel(choice);
      props.onStatus(next);
      notify(next.ready ? `Speech model ${choice} is active` : next.message);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  const downloads = useModelDownloads(props.api, (name) => {
    notify(`The ${name} speech model is downloaded`);
    props.api.status().then(props.onStatus, () => undefined); // the page refreshes its status on a timer too
  });
  const suggested = status.downloadable.find((model) => model.name === SUGGESTED_MODEL) ?? status.downloadable[0];
  const offered = notInstalled(status);
  const { queue } = status;

  return (
    <section class="card model-card" aria-labelledby="speech-model-title" data-testid="speech-model">
      <h2 id="speech-model-title">Speech model</h2>
      {status.installedModels.length === 0 ? (
        <div class="model-empty">
          <p class="form-note">No speech model is installed, so the translator cannot listen yet. The hub needs internet while it downloads one.</p>
          {suggested && !shownDownloads(downloads.downloads).some((download) => download.name === suggested.name) && (
            <button type="button" class="btn btn-primary" onClick={() => void downloads.start(suggested.name)} data-testid="download-suggested">
              {downloadButtonLabel(suggested)}
            </button>
          )}
        </div>
      ) : (
        <form onSubmit={(event) => void apply(event)} class="model-form">
          <fieldset class="model-list">
            <legend class="visually-hidden">Installed models</legend>
            {status.installedModels.map((model) => (
              <label key={model.name} class={`model-option ${choice === model.name ? 'option-on' : ''}`} data-testid={`model-${model.name}`}>
                <input type="radio" name="speech-model" value={model.name} checked={choice === model.name} disabled={!model.valid} onChange={() => setChoice(model.name)} />
                <span class="model-name">{model.name}</span>
                <span class="muted small">
                  {formatBytes(model.sizeBytes)}
                  {!model.multilingual && ' · English only'}
                </span>
                {model.name === status.activeModel && <span class="availability availability-on">Active</span>}
                {model.problem && <span class="form-error model-problem">{model.problem}</span>}
              </label>
            ))}
          </fieldset>
          {error && (
            <p class="form-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" class="btn btn-primary" disabled={busy || !choice || choice === status.activeModel} data-testid="use-model">
            {busy ? 'Switching…' : 'Use this model'}
          </button>
        </form>
      )}
      {shownDownloads(downloads.downloads).map((download) => (
        <ModelDownloadRow
          key={download.name}
          download={download}
          onCancel={() => void downloads.cancel(download.name)}
          onRetry={() => void downloads.start(download.name)}
        />
      ))}
      {downloads.error && (
        <p class="form-error" role="alert" data-testid="download-refused">
          {downloads.error}
        </p>
      )}
      {offered.length > 0 && (
        <details class="model-downloads">
          <summary>Download another model</summary>
          <ul>
            {offered.map((model) => (
              <li key={model.name}>
                <button
                  type="button"
                  class="btn"
                  disabled={isDownloading(downloads.downloads, model.name)}
                  onClick={() => void downloads.start(model.name)}
                  data-testid={`download-model-${model.name}`}
                >
                  {downloadButtonLabel(model)}
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
      <p class="muted small model-queue">
        Recogniser: {queue.running} running, {queue.waiting} waiting (up to {queue.concurrency} at a time)
      </p>
    </section>
  );
}
