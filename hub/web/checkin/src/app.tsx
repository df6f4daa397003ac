/**
 * The guest's check-in page: opens the booking from its link, shows the stay, and takes the
 * registration (form, ID photo, drawn signature, consent). Everything the guest typed is shown back as
 * text (Preact escapes it), never as markup.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { GuestStay, RegistrationBody } from '@onemoment/shared/schemas/hotel';
import { CheckInError, createCheckInApi } from './checkin-api.ts';
import { countryOptions } from './countries.ts';
import { codeFromPath, missingFields, registrationBody, type FormState } from './form-rules.ts';
import { PhotoField } from './photo-field.tsx';
import { SignatureField, type SignatureHandle } from './signature-field.tsx';
import { t } from './strings.ts';

const DOCUMENT_TYPES: ReadonlyArray<RegistrationBody['documentType']> = ['passport', 'id_card', 'driving_licence', 'residence_permit'];

type Screen =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string; retry: boolean }
  | { kind: 'form'; token: string; stay: GuestStay }
  | { kind: 'done'; token: string; stay: GuestStay };

const api = createCheckInApi(t('errorNetwork'));
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function App() {
  const code = codeFromPath(location.pathname);
  const [screen, setScreen] = useState<Screen>(code ? { kind: 'loading' } : { kind: 'failed', message: t('errorNoCode'), retry: false });

  const open = async () => {
    if (!code) return;
    setScreen({ kind: 'loading' });
    try {
      const joined = await api.join(code);
      setScreen({ kind: joined.stay.registered ? 'done' : 'form', token: joined.token, stay: joined.stay });
    } catch (error) {
      // A network failure is worth another try; a closed stay or a wrong link is not.
      setScreen({ kind: 'failed', message: messageOf(error), retry: error instanceof CheckInError && (error.status === 0 || error.status === 429) });
    }
  };
  useEffect(() => {
    document.title = t('title');
    void open();
  }, []);

  return (
    <main class="page">
      {screen.kind === 'loading' && <p class="status">{t('loading')}</p>}
      {screen.kind === 'failed' && (
        <section class="card">
          <h1>{t('title')}</h1>
          <p class="error" role="alert" data-testid="page-error">
            {screen.message}
          </p>
          {screen.retry && (
            <button type="button" class="primary" onClick={() => void open()}>
              {t('retry')}
            </button>
          )}
        </section>
      )}
      {(screen.kind === 'form' || screen.kind === 'done') && <StayCard stay={screen.stay} />}
      {screen.kind === 'form' && (
        <RegistrationForm
          token={screen.token}
          stay={screen.stay}
          onStay={(stay) => setScreen({ ...screen, stay })}
          onDone={(stay) => setScreen({ kind: 'done', token: screen.token, stay })}
        />
      )}
      {screen.kind === 'done' && (
        <section class="card done" data-testid="check-in-done">
          <h2>{t('doneTitle')}</h2>
          <p>{t('doneText', { date: longDate(screen.stay.arrival) })}</p>
          <button type="button" class="link-button" onClick={() => setScreen({ kind: 'form', token: screen.token, stay: screen.stay })}>
            {t('doneChange')}
          </button>
        </section>
      )}
    </main>
  );
}

function longDate(date: string): string {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

function StayCard({ stay }: { stay: GuestStay }) {
  return (
    <section class="card stay" data-testid="stay">
      <p class="eyebrow">{t('title')}</p>
      <h1>{t('stayAt', { hotel: stay.hotelName })}</h1>
      <dl class="stay__facts">
        <div>
          <dt>{t('arrival')}</dt>
          <dd data-testid="stay-arrival">{longDate(stay.arrival)}</dd>
        </div>
        <div>
          <dt>{t('departure')}</dt>
          <dd>{longDate(stay.departure)}</dd>
        </div>
        <div>
          <dt>{t('room')}</dt>
          <dd>
            {stay.roomNumber ? t('roomNumber', { type: stay.roomType, number: stay.roomNumber }) : t('roomToBeAssigned', { type: stay.roomType })} ·{' '}
            {stay.nights === 1 ? t('oneNight') : t('nights', { count: stay.nights })}
          </dd>
        </div>
      </dl>
    </section>
  );
}

function RegistrationForm({ token, stay, onStay, onDone }: { token: string; stay: GuestStay; onStay: (stay: GuestStay) => void; onDone: (stay: GuestStay) => void }) {
  const [form, setForm] = useState<FormState>({
    fullName: stay.guestName,
    nationality: '',
    documentType: 'passport',
    documentNumber: '',
    address: '',
    arrival: stay.arrival,
    departure: stay.departure,
    consent: false,
  });
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const signature = useRef<SignatureHandle | null>(null);
  const countries = useMemo(() => countryOptions('en'), []);
  // A change answers the last complaint: the message goes until the next try to send.
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setForm((current) => ({ ...current, [key]: value }));
    setError(null);
  };
  const text = (key: 'fullName' | 'documentNumber' | 'address') => ({
    value: form[key],
    onInput: (event: Event) => set(key, (event.currentTarget as HTMLInputElement).value),
  });

  const submit = async (event: Event) => {
    event.preventDefault();
    const missing = missingFields(form);
    if (missing.length > 0) return setError(t('errorMissing', { fields: missing.map((key) => t(key)).join(', ') }));
    if (!signature.current || signature.current.isEmpty()) return setError(t('errorSignature'));
    const body = registrationBody(form, signature.current.toPng());
    if (!body) return setError(t('errorConsent'));
    setError(null);
    setSending(true);
    try {
      onDone(await api.register(token, body));
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setSending(false);
    }
  };

  return (
    <form class="card form" onSubmit={(event) => void submit(event)} noValidate data-testid="registration-form">
      <p class="intro">{t('formIntro')}</p>
      <label class="field">
        <span class="field__label">{t('fullName')}</span>
        <input name="fullName" autocomplete="name" maxLength={120} {...text('fullName')} />
      </label>
      <label class="field">
        <span class="field__label">{t('nationality')}</span>
        <select name="nationality" value={form.nationality} onChange={(event) => set('nationality', event.currentTarget.value)}>
          <option value="">{t('chooseCountry')}</option>
          {countries.map((country) => (
            <option key={country.code} value={country.code}>
              {country.name}
            </option>
          ))}
        </select>
      </label>
      <div class="row">
        <label class="field">
          <span class="field__label">{t('documentType')}</span>
          <select name="documentType" value={form.documentType} onChange={(event) => set('documentType', event.currentTarget.value as FormState['documentType'])}>
            {DOCUMENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(type)}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span class="field__label">{t('documentNumber')}</span>
          <input name="documentNumber" autocapitalize="characters" autocomplete="off" maxLength={30} {...text('documentNumber')} />
        </label>
      </div>
      <label class="field">
        <span class="field__label">{t('address')}</span>
        <textarea name="address" rows={2} autocomplete="street-address" maxLength={300} {...text('address')} />
      </label>
      <div class="row">
        <label class="field">
          <span class="field__label">{t('arrival')}</span>
          <input type="date" name="arrival" value={form.arrival} onInput={(event) => set('arrival', event.currentTarget.value)} />
        </label>
        <label class="field">
          <span class="field__label">{t('departure')}</span>
          <input type="date" name="departure" value={form.departure} onInput={(event) => set('departure', event.currentTarget.value)} />
        </label>
      </div>
      <PhotoField api={api} token={token} onSaved={onStay} hadPhoto={stay.idPhoto} />
      <SignatureField onReady={(handle) => (signature.current = handle)} onChange={() => setError(null)} />
      <label class="consent">
        <input type="checkbox" name="consent" checked={form.consent} onChange={(event) => set('consent', event.currentTarget.checked)} />
        <span>{t('consent')}</span>
      </label>
      {error && (
        <p class="error" role="alert" data-testid="form-error">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={sending} data-testid="submit-registration">
        {sending ? t('sending') : t('submit')}
      </button>
    </form>
  );
}
