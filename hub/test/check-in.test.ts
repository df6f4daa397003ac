/**
 * Digital check-in against a real hub: the guest's link, token and stay; the registration with its
 * signature; the ID photo; the front desk's reads, PDF card and print; and the ugly cases (wrong
 * types, a 20 MB photo, a PDF or text sent as a photo, another stay's token, an expired token,
 * replays, HTML and other scripts in the address, consent not given, a closed stay).
 */
import { FakePrinter } from '@onemoment/printers';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, decodePDFRawStream, type PDFObject } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.ts';
import { bookStay, dayAfter, startCheckInHub, type CheckInTestHub } from '../src/hotel/check-in/test-support.ts';
import { paperOf } from './printing-helpers.ts';

const NOON = new Date('2026-06-01T12:00:00Z');

/** A drawn signature: one dark stroke on a transparent pad, as signature_pad makes it. */
async function signature(): Promise<string> {
  const png = await sharp({ create: { width: 320, height: 120, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite([{ input: Buffer.from('<svg width="320" height="120"><path d="M20 80 C80 10 140 110 300 40" stroke="#1b2a4a" stroke-width="4" fill="none"/></svg>') }])
    .png()
    .toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

const idPhoto = (width = 2400, height = 1600) =>
  sharp({ create: { width, height, channels: 3, background: '#c9d6e3' } })
    .withExif({ IFD0: { Make: 'PhoneMaker', Model: 'Camera 1' } })
    .png()
    .toBuffer();

describe('digital check-in', () => {
  let t: CheckInTestHub;
  let clock: ManualClock;
  let desk: string;
  let manager: string;
  let signed: string;

  beforeAll(async () => {
    clock = new ManualClock(NOON);
    t = await startCheckInHub({ clock });
    desk = await t.login('4444');
    manager = await t.login('1111');
    signed = await signature();
  });
  afterAll(async () => t?.close());

  const join = (code: string) => t.request('POST', `/api/guest/check-in/${code}/join`);
  const registration = (stay: { arrival: string; departure: string }, changes: Record<string, unknown> = {}) => ({
    fullName: 'Guest A',
    nationality: 'GR',
    documentType: 'passport',
    documentNumber: 'AB1234567',
    address: '12 Harbour Road, Piraeus',
    arrival: stay.arrival,
    departure: stay.departure,
    consent: true,
    signature: signed,
    ...changes,
  });
  const registrationOf = async (bookingId: string) => (await t.request('GET', `/api/hotel/bookings/${bookingId}/registration`, undefined, desk)).body;
  // Each stay gets nights of its own, so the few rooms of a type never run out.
  let nextNight = 0;
  async function joinedStay(nights = 2) {
    const offset = nextNight;
    nextNight += nights;
    const stay = await bookStay(t, desk, { arrival: dayAfter(clock, offset), departure: dayAfter(clock, offset + nights) });
    const joined = await join(stay.code);
    expect(joined.status).toBe(201);
    return { ...stay, token: joined.body.token as string };
  }

  it('opens the stay from its link with a token that reaches only that stay', async () => {
    const { booking, code } = await bookStay(t, desk, { arrival: dayAfter(clock, 0), departure: dayAfter(clock, 3) });
    expect(booking.checkInUrl).toBe(`${t.hub.context.publicUrl()}/checkin/${code}`);
    const joined = await join(code);
    expect(joined.status).toBe(201);
    expect(joined.body.token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(joined.body.stay).toEqual({
      bookingId: booking.id,
      hotelName: t.hub.context.venue.venue().name,
      guestName: 'Guest A',
      roomType: 'Standard',
      roomNumber: null,
      arrival: booking.arrival,
      departure: booking.departure,
      nights: 3,
      status: 'confirmed',
      registered: false,
      idPhoto: false,
    });
    // Only the token's hash is kept.
    const stored = t.hub.context.store.sqlite.prepare('SELECT token_hash FROM check_in_sessions WHERE booking_id = ?').pluck().all(booking.id) as string[];
    expect(stored).toHaveLength(1);
    expect(stored[0]).not.toContain(joined.body.token);
    expect((await t.request('GET', '/api/guest/stay', undefined, joined.body.token)).body).toEqual(joined.body.stay);

    const unknown = await join('nosuchcode99');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('check_in_not_found');
    expect((await t.request('POST', '/api/guest/check-in/a%20b/join')).status).toBe(400);
  });

  it('refuses the page without a check-in token: none, a staff login, a table guest token, a made-up one', async () => {
    const tableToken = (await t.request('POST', '/api/guest/visits', { tableCode: t.hub.context.store.sqlite.prepare("SELECT code FROM dining_tables WHERE id = 'table-1'").pluck().get() })).body.token as string;
    for (const token of [undefined, desk, tableToken, 'AAAAAAAAAAAAAAAAAAAAAA']) {
      const response = await t.request('GET', '/api/guest/stay', undefined, token);
      expect(response.status).toBe(401);
      expect(response.body.message).toMatch(/check-in/);
    }
  });

  it('stores the registration and the signature together; the front desk sees it, and the booking says registered', async () => {
    const { booking, token } = await joinedStay();
    const sent = await t.request('PUT', '/api/guest/stay/registration', registration(booking, { documentNumber: 'ab 1234567' }), token);
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ bookingId: booking.id, registered: true, idPhoto: false });

    const view = await registrationOf(booking.id);
    expect(view).toMatchObject({
      bookingId: booking.id,
      registered: true,
      form: { fullName: 'Guest A', nationality: 'GR', documentType: 'passport', documentNumber: 'AB 1234567', address: '12 Harbour Road, Piraeus', arrival: booking.arrival, departure: booking.departure },
      idPhoto: { onFile: false, uploadedAt: null, deletedAt: null, deleteAfter: null },
      signature: true,
    });
    expect(view.form.consentAt).toBe(NOON.toISOString());
    expect((await t.request('GET', `/api/hotel/bookings/${booking.id}`, undefined, desk)).body.registered).toBe(true);

    const image = await t.send('GET', `/api/hotel/bookings/${booking.id}/signature`, { token: desk });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('cache-control')).toBe('no-store');
    expect(await sharp(Buffer.from(await image.arrayBuffer())).metadata()).toMatchObject({ format: 'png', width: 320, height: 120 });

    // Sent again (a double tap, a retry): the same registration, one row.
    expect((await t.request('PUT', '/api/guest/stay/registration', registration(booking, { documentNumber: 'ab 1234567' }), token)).status).toBe(200);
    expect(t.hub.context.store.sqlite.prepare('SELECT COUNT(*) FROM check_in_registrations WHERE booking_id = ?').pluck().get(booking.id)).toBe(1);
    // A corrected address replaces the old one.
    expect((await t.request('PUT', '/api/guest/stay/registration', registration(booking, { address: '14 Harbour Road, Piraeus' }), token)).status).toBe(200);
    expect((await registrationOf(booking.id)).form.address).toBe('14 Harbour Road, Piraeus');
  });

  it('keeps HTML and other scripts in the name and address as the text typed', async () => {
    const { booking, token } = await joinedStay();
    const address = '<img src=x onerror=alert(1)> Улица Мира 5, 北京市 🏠';
    const fullName = 'Гость А <b>';
    expect((await t.request('PUT', '/api/guest/stay/registration', registration(booking, { address, fullName }), token)).status).toBe(200);
    const view = await registrationOf(booking.id);
    expect(view.form.address).toBe(address);
    expect(view.form.fullName).toBe(fullName);
    // The JSON is text; the PDF card still comes out (Cyrillic in Latin letters, the rest as "?").
    const pdf = await t.send('GET', `/api/hotel/bookings/${booking.id}/registration-card.pdf`, { token: desk });
    expect(pdf.status).toBe(200);
    const loaded = await PDFDocument.load(await pdf.arrayBuffer());
    expect(loaded.getTitle()).toBe('Registration card - Gost A <b>');
  });

  it('refuses wrong input with a clear 400 and stores nothing', async () => {
    const { booking, token } = await joinedStay();
    const refusals: Array<[Record<string, unknown>, string]> = [
      [{ consent: false }, 'consent'],
      [{ consent: 'true' }, 'consent'],
      [{ nationality: 'gr' }, 'nationality'],
      [{ nationality: 30 }, 'nationality'],
      [{ documentType: 'library_card' }, 'documentType'],
      [{ documentNumber: '<script>' }, 'documentNumber'],
      [{ arrival: '2026-02-30x' }, 'arrival'],
      [{ signature: 'data:image/svg+xml;base64,PHN2Zz4=' }, 'signature'],
      [{ fullName: '' }, 'fullName'],
      [{ role: 'manager' }, 'role'],
    ];
    for (const [changes, field] of refusals) {
      const response = await t.request('PUT', '/api/guest/stay/registration', registration(booking, changes), token);
      expect(response.status, JSON.stringify(changes)).toBe(400);
      expect(response.body.message, JSON.stringify(changes)).toContain(field);
    }
    const { consent: _consent, ...withoutConsent } = registration(booking);
    expect((await t.request('PUT', '/api/guest/stay/registration', withoutConsent, token)).status).toBe(400);
    expect((await t.request('PUT', '/api/guest/stay/registration', '{"fullName": ', token)).status).toBe(400);
    // Text that is only spaces and control characters is empty.
    const blank = await t.request('PUT', '/api/guest/stay/registration', registration(booking, { address: ' \u0007 ' }), token);
    expect(blank.status).toBe(400);
    expect(blank.body.error).toBe('field_empty');
    // A signature that is a PNG of an empty pad, or not a PNG.
    const emptyPad = await sharp({ create: { width: 320, height: 120, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const empty = await t.request('PUT', '/api/guest/stay/registration', registration(booking, { signature: `data:image/png;base64,${emptyPad.toString('base64')}` }), token);
    expect(empty.body.error).toBe('signature_empty');
    const jpeg = (await sharp({ create: { width: 320, height: 120, channels: 3, background: '#000' } }).jpeg().toBuffer()).toString('base64');
    expect((await t.request('PUT', '/api/guest/stay/registration', registration(booking, { signature: `data:image/png;base64,${jpeg}` }), token)).body.error).toBe('signature_invalid');

    expect(await registrationOf(booking.id)).toMatchObject({ registered: false, form: null, signature: false });
  });

  it('explains dates that are not the booking’s (409) and stores nothing', async () => {
    const { booking, token } = await joinedStay();
    const moved = await t.request('PUT', '/api/guest/stay/registration', registration(booking, { departure: '2027-01-10' }), token);
    expect(moved.status).toBe(409);
    expect(moved.body.error).toBe('dates_mismatch');
    expect(moved.body.message).toMatch(/^Your booking is from \d+ June 2026 to \d+ June 2026, but the form says \d+ June 2026 to 10 January 2027\. Use the booked dates/);
    const reversed = await t.request('PUT', '/api/guest/stay/registration', registration(booking, { arrival: booking.departure, departure: booking.arrival }), token);
    expect(reversed.status).toBe(400);
    expect((await registrationOf(booking.id)).registered).toBe(false);
  });

  it('stores the ID photo as a JPEG at most 1600 px wide without its metadata; a new one replaces it', async () => {
    const { booking, token } = await joinedStay();
    const sent = await t.send('PUT', '/api/guest/stay/id-photo', { body: await idPhoto(), type: 'image/png', token });
    expect(sent.status).toBe(200);
    expect(await sent.json()).toMatchObject({ bookingId: booking.id, idPhoto: true, registered: false });

    const photo = await t.send('GET', `/api/hotel/bookings/${booking.id}/id-photo`, { token: desk });
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect(photo.headers.get('cache-control')).toBe('no-store');
    const meta = await sharp(Buffer.from(await photo.arrayBuffer())).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 1600, height: 1067 });
    expect(meta.exif).toBeUndefined();

    const again = await t.send('PUT', '/api/guest/stay/id-photo', { body: await sharp(await idPhoto(800, 500)).webp().toBuffer(), type: 'image/webp', token });
    expect(again.status).toBe(200);
    const replaced = await sharp(Buffer.from(await (await t.send('GET', `/api/hotel/bookings/${booking.id}/id-photo`, { token: desk })).arrayBuffer())).metadata();
    expect(replaced).toMatchObject({ width: 800, height: 500 });
    expect(t.hub.context.store.sqlite.prepare("SELECT COUNT(*) FROM check_in_documents WHERE booking_id = ? AND kind = 'id_photo'").pluck().get(booking.id)).toBe(1);
    expect((await registrationOf(booking.id)).idPhoto).toMatchObject({ onFile: true, deletedAt: null, deleteAfter: null });
  });

  it('refuses a 20 MB photo (413), a PDF or text sent as a photo (415), and keeps the photo it had', async () => {
    const { booking, token } = await joinedStay();
    expect((await t.send('PUT', '/api/guest/stay/id-photo', { body: await idPhoto(600, 400), type: 'image/png', token })).status).toBe(200);
    const before = t.hub.context.store.sqlite.prepare("SELECT bytes FROM check_in_documents WHERE booking_id = ? AND kind = 'id_photo'").pluck().get(booking.id) as Buffer;

    const huge = Buffer.alloc(20 * 1024 * 1024, 0xff);
    huge.set([0xff, 0xd8, 0xff, 0xe0]);
    const tooBig = await t.send('PUT', '/api/guest/stay/id-photo', { body: huge, type: 'image/jpeg', token });
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { message: string }).message).toBeTruthy();

    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const pdfAsJpeg = await t.send('PUT', '/api/guest/stay/id-photo', { body: pdf, type: 'image/jpeg', token });
    expect(pdfAsJpeg.status).toBe(415);
    expect(await pdfAsJpeg.json()).toMatchObject({ error: 'not_an_image' });
    const pdfAsPdf = await t.send('PUT', '/api/guest/stay/id-photo', { body: pdf, type: 'application/pdf', token });
    expect(pdfAsPdf.status).toBe(415);
    expect(await pdfAsPdf.json()).toMatchObject({ error: 'unsupported_media_type' });
    expect((await t.send('PUT', '/api/guest/stay/id-photo', { body: 'just some text', type: 'text/plain', token })).status).toBe(415);
    // A PNG's first bytes and then garbage: the decoder says no.
    const fake = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(4000, 7)]);
    expect((await t.send('PUT', '/api/guest/stay/id-photo', { body: fake, type: 'image/png', token })).status).toBe(415);
    expect((await t.send('PUT', '/api/guest/stay/id-photo', { body: Buffer.alloc(0), type: 'image/png', token })).status).toBe(400);
    // Without a check-in token, nothing is read.
    expect((await t.send('PUT', '/api/guest/stay/id-photo', { body: await idPhoto(600, 400), type: 'image/png', token: desk })).status).toBe(401);

    const after = t.hub.context.store.sqlite.prepare("SELECT bytes FROM check_in_documents WHERE booking_id = ? AND kind = 'id_photo'").pluck().get(booking.id) as Buffer;
    expect(after.equals(before)).toBe(true);
  });

  it('a token reaches its own stay only', async () => {
    const first = await joinedStay();
    const second = await joinedStay();
    expect((await t.request('GET', '/api/guest/stay', undefined, second.token)).body.bookingId).toBe(second.booking.id);
    // The second guest's writes land on the second stay, whatever the body says.
    expect((await t.request('PUT', '/api/guest/stay/registration', registration(first.booking, { bookingId: first.booking.id }), second.token)).status).toBe(400);
    expect((await t.request('PUT', '/api/guest/stay/registration', registration(second.booking), second.token)).status).toBe(200);
    expect((await registrationOf(first.booking.id)).registered).toBe(false);
    expect((await registrationOf(second.booking.id)).registered).toBe(true);
    // Staff routes are not open to a guest's token, of this stay or another.
    for (const bookingId of [first.booking.id, second.booking.id]) {
      for (const path of ['registration', 'id-photo', 'signature', 'registration-card.pdf']) {
        expect((await t.request('GET', `/api/hotel/bookings/${bookingId}/${path}`, undefined, second.token)).status).toBe(401);
      }
    }
  });

  it('lets only the front desk and managers read registrations', async () => {
    const { booking, token } = await joinedStay();
    await t.request('PUT', '/api/guest/stay/registration', registration(booking), token);
    for (const pin of ['2222', '3333', '5555']) {
      const other = await t.login(pin);
      const response = await t.request('GET', `/api/hotel/bookings/${booking.id}/registration`, undefined, other);
      expect(response.status).toBe(403);
      expect((await t.request('POST', `/api/hotel/bookings/${booking.id}/registration-card/print`, undefined, other)).status).toBe(403);
    }
    expect((await t.request('GET', `/api/hotel/bookings/${booking.id}/registration`, undefined, manager)).status).toBe(200);
    expect((await t.request('GET', `/api/hotel/bookings/nope/registration`, undefined, desk)).status).toBe(404);
    const noPhoto = await t.request('GET', `/api/hotel/bookings/${booking.id}/id-photo`, undefined, desk);
    expect(noPhoto.status).toBe(404);
    expect(noPhoto.body.message).toBe('The guest has not added an ID photo.');
  });

  it('makes the registration card as a PDF with the guest’s details and the signature', async () => {
    const { booking, token } = await joinedStay();
    const before = await t.request('GET', `/api/hotel/bookings/${booking.id}/registration-card.pdf`, undefined, desk);
    expect(before.status).toBe(409);
    expect(before.body.error).toBe('not_registered');
    await t.request('PUT', '/api/guest/stay/registration', registration(booking, { fullName: 'Guest A Example' }), token);

    const response = await t.send('GET', `/api/hotel/bookings/${booking.id}/registration-card.pdf`, { token: desk });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getTitle()).toBe('Registration card - Guest A Example');
    expect(pdf.getPageCount()).toBe(1);
    const page = pdf.getPage(0);
    const text = pageText(pdf, page.node.Contents());
    for (const shown of ['Guest A Example', 'AB1234567', '12 Harbour Road, Piraeus', booking.id, t.hub.context.venue.venue().name]) expect(text).toContain(shown);
    const images = page.node.Resources()!.lookup(PDFName.of('XObject'), PDFDict);
    expect(images.keys()).toHaveLength(1);
  });

  it('prints the registration card on the receipt printer', async () => {
    const { booking, token } = await joinedStay();
    const unregistered = await t.request('POST', `/api/hotel/bookings/${booking.id}/registration-card/print`, undefined, desk);
    expect(unregistered.status).toBe(409);
    expect(unregistered.body.error).toBe('not_registered');
    await t.request('PUT', '/api/guest/stay/registration', registration(booking, { address: '7 Quay Street' }), token);
    const noPrinter = await t.request('POST', `/api/hotel/bookings/${booking.id}/registration-card/print`, undefined, desk);
    expect(noPrinter.status).toBe(409);
    expect(noPrinter.body.error).toBe('no_receipt_printer');

    const printer = await FakePrinter.start({ state: 'online' });
    try {
      const added = await t.request('POST', '/api/printers', { name: 'Front desk', host: printer.host, port: printer.port, stations: [], receipts: true }, manager);
      expect(added.status).toBe(201);
      const queued = await t.request('POST', `/api/hotel/bookings/${booking.id}/registration-card/print`, undefined, desk);
      expect(queued.status).toBe(202);
      expect(queued.body.jobId).toMatch(/^[0-9a-f-]{36}$/);
      const [job] = await printer.waitForJobs(1);
      const paper = paperOf(job!);
      expect(paper).toContain('REGISTRATION CARD');
      expect(paper).toContain('Name: Guest A');
      expect(paper).toContain('Passport: AB1234567');
      expect(paper).toContain('Address: 7 Quay Street');
      expect(paper).toContain(`Booking ${booking.id}`);
    } finally {
      await printer.close();
    }
  });

  it('closes the page of a cancelled stay (410), for a new join and for a token already given', async () => {
    const { booking, code, token } = await joinedStay();
    expect((await t.request('POST', `/api/hotel/bookings/${booking.id}/cancel`, { reason: 'Plans changed' }, desk)).status).toBe(200);
    const rejoin = await join(code);
    expect(rejoin.status).toBe(410);
    expect(rejoin.body).toMatchObject({ error: 'stay_closed' });
    expect(rejoin.body.message).toContain('cancelled');
    const stay = await t.request('GET', '/api/guest/stay', undefined, token);
    expect(stay.status).toBe(410);
    expect((await t.request('PUT', '/api/guest/stay/registration', registration(booking), token)).status).toBe(410);
  });

  it('expires a token left unused for the guest token idle time', async () => {
    const { token } = await joinedStay();
    clock.advance(t.hub.context.config.guestTokenIdleMs - 1000);
    expect((await t.request('GET', '/api/guest/stay', undefined, token)).status).toBe(200);
    // That use counted: the idle time starts again from it.
    clock.advance(t.hub.context.config.guestTokenIdleMs - 1000);
    expect((await t.request('GET', '/api/guest/stay', undefined, token)).status).toBe(200);
    clock.advance(t.hub.context.config.guestTokenIdleMs + 1);
    const expired = await t.request('GET', '/api/guest/stay', undefined, token);
    expect(expired.status).toBe(401);
    expect(expired.body.error).toBe('check_in_expired');
  });

  it('lists every check-in route in the API docs', async () => {
    const paths = Object.keys((await t.request('GET', '/api/docs/json')).body.paths);
    for (const path of [
      '/api/guest/check-in/{code}/join',
      '/api/guest/stay',
      '/api/guest/stay/registration',
      '/api/guest/stay/id-photo',
      '/api/hotel/bookings/{id}/registration',
      '/api/hotel/bookings/{id}/id-photo',
      '/api/hotel/bookings/{id}/signature',
      '/api/hotel/bookings/{id}/registration-card.pdf',
      '/api/hotel/bookings/{id}/registration-card/print',
    ]) {
      expect(paths).toContain(path);
    }
  });
});

describe('check-in join limiter', () => {
  let t: CheckInTestHub;
  beforeAll(async () => {
    t = await startCheckInHub({ clock: new ManualClock(NOON) });
  });
  afterAll(async () => t?.close());

  it('makes a device that walks through codes wait, without counting real joins', async () => {
    const desk = await t.login('4444');
    const { code } = await bookStay(t, desk, { arrival: '2026-06-01', departure: '2026-06-02' });
    for (let i = 0; i < 5; i += 1) expect((await t.request('POST', `/api/guest/check-in/${code}/join`)).status).toBe(201);
    for (let i = 0; i < 20; i += 1) expect((await t.request('POST', `/api/guest/check-in/guess${String(i).padStart(5, '0')}/join`)).status).toBe(404);
    const limited = await t.request('POST', '/api/guest/check-in/guess99999/join');
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: 'too_many_attempts', retryAfterSeconds: 60 });
  });
});

/** The text a page draws, from its content streams (pdf-lib writes each string as hex of WinAnsi bytes). */
function pageText(pdf: PDFDocument, contents: PDFObject | undefined): string {
  const entries = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  let text = '';
  for (const entry of entries) {
    const stream = entry instanceof PDFRef ? pdf.context.lookup(entry) : entry;
    if (!(stream instanceof PDFRawStream)) continue;
    const raw = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
    for (const match of raw.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) text += `${Buffer.from(match[1]!, 'hex').toString('latin1')}\n`;
  }
  return text;
}
