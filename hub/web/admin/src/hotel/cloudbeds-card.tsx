/**
 * The manager's link to Cloudbeds: the property's API key and id, what the hub has read so far, a pull
 * on demand, and forgetting the key. The key is typed, sent once and cleared from the page: the hub
 * answers it masked only, and the page never holds it longer than the save.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, describeError } from '../api.ts';
import { clockTime } from '../format.ts';
import { notify } from '../toasts.tsx';
import { checkCloudbedsDraft, cloudbedsStatusText, type CloudbedsSettings } from './hotel-settings-words.ts';

const PATH = '/api/admin/integrations/cloudbeds';

export function CloudbedsCard() {
  const [settings, setSettings] = useState<CloudbedsSettings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [apiKey, setApiKey] = useState('');
  const [propertyId, setPropertyId] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState<'save' | 'pull' | 'forget' | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [confirmForget, setConfirmForget] = useState(false);

  const show = (next: CloudbedsSettings) => {
    setSettings(next);
    setPropertyId(next.propertyId ?? '');
  };
  useEffect(() => {
    api.get<CloudbedsSettings>(PATH).then(show, (failure: unknown) => setLoadError(describeError(failure)));
  }, []);

  const checked = checkCloudbedsDraft(apiKey, propertyId);

  const run = async (kind: 'save' | 'pull' | 'forget', request: () => Promise<void>) => {
    if (busy) return;
    setBusy(kind);
    setRefusal(null);
    try {
      await request();
    } catch (failure) {
      setRefusal(failure instanceof ApiError && failure.status === 0 ? 'The hub did not answer. Check the Wi-Fi and try again.' : describeError(failure));
    } finally {
      setBusy(null);
    }
  };

  const save = () => {
    setTouched(true);
    if (!checked.ok) return;
    const body = checked.body;
    void run('save', async () => {
      show(await api.request<CloudbedsSettings>('PUT', PATH, body));
      setApiKey('');
      setTouched(false);
      notify('Cloudbeds saved: the first pull runs as an online task and matches room types and rooms by name.');
    });
  };

  const pull = () =>
    void run('pull', async () => {
      await api.post(`${PATH}/pull`);
      notify('Pull queued: new and changed Cloudbeds reservations arrive in a moment (see Online tasks if it waits).');
    });

  const forget = () =>
    void run('forget', async () => {
      show(await api.request<CloudbedsSettings>('DELETE', PATH));
      setConfirmForget(false);
      notify('Cloudbeds disconnected: the key, the property and the room matches are forgotten.');
    });

  const fieldError = (field: string) => (touched && !checked.ok && checked.field === field ? checked.problem : null);

  return (
    <section class="card hotel-card cloudbeds-card" aria-label="Cloudbeds" data-configured={settings ? String(settings.configured) : undefined}>
      <h2>Cloudbeds</h2>
      {loadError && <p class="form-error">{loadError}</p>}
      {settings && (
        <>
          <p class="form-note" data-testid="cloudbeds-status">
            {cloudbedsStatusText(settings, clockTime)}
          </p>
          {settings.configured && (
            <dl class="booking-facts">
              <dt>Property</dt>
              <dd>{settings.propertyId}</dd>
              <dt>API key</dt>
              <dd class="masked-key" data-testid="cloudbeds-key">
                {settings.apiKeyMasked}
              </dd>
            </dl>
          )}
        </>
      )}
      <form
        class="hotel-form"
        aria-label="Cloudbeds credentials"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <label class="field">
          {settings?.configured ? 'New API key' : 'API key'}
          <input type="password" name="apiKey" autoComplete="off" spellcheck={false} maxLength={200} value={apiKey} onInput={(e) => setApiKey(e.currentTarget.value)} />
        </label>
        {fieldError('apiKey') && <p class="form-error">{fieldError('apiKey')}</p>}
        <label class="field field-short">
          Property id
          <input type="text" name="propertyId" autoComplete="off" spellcheck={false} maxLength={40} value={propertyId} onInput={(e) => setPropertyId(e.currentTarget.value)} />
        </label>
        {fieldError('propertyId') && <p class="form-error">{fieldError('propertyId')}</p>}
        {refusal && (
          <p class="form-error" role="alert">
            {refusal}
          </p>
        )}
        <div class="panel-actions">
          <button type="submit" class="btn btn-primary" disabled={busy !== null || !settings}>
            {busy === 'save' ? 'Saving…' : settings?.configured ? 'Save new key' : 'Connect'}
          </button>
          {settings?.configured && (
            <>
              <button type="button" class="btn" disabled={busy !== null} onClick={pull}>
                {busy === 'pull' ? 'Queuing…' : 'Pull now'}
              </button>
              {!confirmForget && (
                <button type="button" class="btn btn-danger-quiet" disabled={busy !== null} onClick={() => setConfirmForget(true)}>
                  Disconnect…
                </button>
              )}
            </>
          )}
        </div>
        {confirmForget && (
          <div class="confirm small">
            <p>Bookings stay as they are; new ones stop reaching Cloudbeds and its reservations stop arriving.</p>
            <div class="panel-actions">
              <button type="button" class="btn btn-small btn-danger" disabled={busy !== null} onClick={forget}>
                Disconnect
              </button>
              <button type="button" class="btn btn-small btn-quiet" onClick={() => setConfirmForget(false)}>
                Keep
              </button>
            </div>
          </div>
        )}
      </form>
    </section>
  );
}
