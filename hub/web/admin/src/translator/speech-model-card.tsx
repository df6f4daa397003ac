/**
 * For managers: the Whisper models installed on the hub with their sizes, which one recognises speech,
 * and the command that downloads one when there is none (the hub never downloads by itself: it may be
 * offline, and a model is hundreds of megabytes).
 */
import type { TranslatorStatus } from '@onemoment/shared/schemas/translator';
import { useEffect, useState } from 'preact/hooks';
import { describeError } from '../api.ts';
import type { TranslatorApi } from '../../../common/translator/translator-api.ts';
import { notify } from '../toasts.tsx';
import { downloadCommand, formatBytes } from './labels.ts';

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

  const suggested = status.downloadable.find((model) => model.name === SUGGESTED_MODEL) ?? status.downloadable[0];
  const { queue } = status;

  return (
    <section class="card model-card" aria-labelledby="speech-model-title" data-testid="speech-model">
      <h2 id="speech-model-title">Speech model</h2>
      {status.installedModels.length === 0 ? (
        <p class="form-note">
          No speech model is installed. On the hub, run <code class="command">{downloadCommand(suggested?.name ?? SUGGESTED_MODEL)}</code>
          {suggested && ` (${formatBytes(suggested.sizeBytes)})`}, then reload this page.
        </p>
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
      {status.downloadable.length > 0 && (
        <details class="model-downloads">
          <summary>Download another model</summary>
          <p class="form-note">Run on the hub, with internet, then reload this page:</p>
          <ul>
            {status.downloadable.map((model) => (
              <li key={model.name}>
                <code class="command">{downloadCommand(model.name)}</code> <span class="muted small">{formatBytes(model.sizeBytes)}</span>
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
