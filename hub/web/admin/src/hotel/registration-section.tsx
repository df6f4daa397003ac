/**
 * In a booking's detail: what the guest sent from their phone (the form, the ID photo and the drawn
 * signature) and the registration card, as a PDF or on the receipt printer. The images need the staff
 * token, so they are fetched as blobs and shown through object URLs, let go when the dialog closes.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Booking } from '@onemoment/shared/schemas/hotel';
import { ApiError, api, describeError, fetchBlob } from '../api.ts';
import { clockTime } from '../format.ts';
import { useObjectUrl } from '../hooks.ts';
import { notify } from '../toasts.tsx';
import { bookingPath } from './booking-actions.ts';
import { openDocument } from './open-blob.ts';
import type { RegistrationView } from '@onemoment/shared/schemas/hotel';
import { dayTimeText, documentText, idPhotoText, nationalityText, printRefusalText } from './registration-words.ts';
import { stayText } from './stay-words.ts';
import { useVenueTimeZone } from './venue-zone.ts';

export function RegistrationSection({ booking }: { booking: Booking }) {
  const [view, setView] = useState<RegistrationView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'pdf' | 'print' | null>(null);
  const zone = useVenueTimeZone();
  const path = bookingPath(booking.id);

  // Read again when the booking changes (the guest sends the form while the dialog is open).
  useEffect(() => {
    let live = true;
    api.get<RegistrationView>(`${path}/registration`).then(
      (answer) => {
        if (!live) return;
        setView(answer);
        setError(null);
      },
      (failure: unknown) => live && setError(describeError(failure)),
    );
    return () => {
      live = false;
    };
  }, [booking.id, booking.updatedAt, booking.registered]);

  // Keyed by when each was sent: a replaced signature or photo is fetched again.
  const signature = useObjectUrl(view?.signature ? `${booking.id}:signature:${view.form?.submittedAt ?? ''}` : null, () => fetchBlob(`${path}/signature`));
  const photo = useObjectUrl(view?.idPhoto.onFile ? `${booking.id}:photo:${view.idPhoto.uploadedAt ?? ''}` : null, () => fetchBlob(`${path}/id-photo`));

  if (error) return <p class="form-error small">The registration could not be read: {error}</p>;
  if (!view) return <p class="muted small">Reading the registration…</p>;
  const form = view.form;

  const openPdf = async () => {
    setBusy('pdf');
    await openDocument(`${path}/registration-card.pdf`, 'application/pdf', `registration-card-${booking.id}.pdf`);
    setBusy(null);
  };

  const print = async () => {
    setBusy('print');
    try {
      await api.post(`${path}/registration-card/print`);
      notify(`Registration card of ${booking.guest.name} sent to the receipt printer.`);
    } catch (failure) {
      notify(failure instanceof ApiError ? printRefusalText(failure.code, failure.message) : describeError(failure), 'error');
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="registration" aria-label="Registration" data-registered={String(view.registered)}>
      <h3>Registration</h3>
      {!form ? (
        <p class="muted small">The guest has not sent the registration from their phone yet.</p>
      ) : (
        <>
          <p class="muted small">Sent from the guest's phone on {dayTimeText(form.submittedAt, zone, clockTime)}, with consent to keep it.</p>
          <dl class="booking-facts">
            <dt>Name</dt>
            <dd>{form.fullName}</dd>
            <dt>Nationality</dt>
            <dd>{nationalityText(form.nationality)}</dd>
            <dt>Document</dt>
            <dd data-testid="registration-document">{documentText(form)}</dd>
            <dt>Address</dt>
            <dd class="booking-notes">{form.address}</dd>
            <dt>Dates</dt>
            <dd>{stayText(form)}</dd>
          </dl>
        </>
      )}
      <p class="small" data-testid="id-photo-state">
        {idPhotoText(view.idPhoto, zone)}
        {form && !view.signature && ' No signature is on file.'}
      </p>
      {(view.signature || view.idPhoto.onFile) && (
        <div class="registration-images">
          {view.signature && (
            <figure>
              {signature.url ? <img class="registration-signature" src={signature.url} alt={`Signature of ${form?.fullName ?? booking.guest.name}`} /> : <span class="muted small">{signature.error ?? 'Loading the signature…'}</span>}
              <figcaption class="muted small">Signature</figcaption>
            </figure>
          )}
          {view.idPhoto.onFile && (
            <figure>
              {photo.url ? <img class="registration-photo" src={photo.url} alt={`ID photo of ${form?.fullName ?? booking.guest.name}`} /> : <span class="muted small">{photo.error ?? 'Loading the ID photo…'}</span>}
              <figcaption class="muted small">ID photo</figcaption>
            </figure>
          )}
        </div>
      )}
      {form && (
        <div class="panel-actions">
          <button type="button" class="btn btn-small" disabled={busy !== null} onClick={() => void openPdf()}>
            {busy === 'pdf' ? 'Preparing…' : 'Registration card (PDF)'}
          </button>
          <button type="button" class="btn btn-small" disabled={busy !== null} onClick={() => void print()}>
            {busy === 'print' ? 'Sending…' : 'Print card'}
          </button>
        </div>
      )}
    </section>
  );
}
