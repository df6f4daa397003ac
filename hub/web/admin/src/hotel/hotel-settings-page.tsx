/**
 * Hotel settings (managers): the Cloudbeds link, the rate plans, and the rooms' QR codes to print. A
 * page of its own rather than a panel on the front desk: these are set now and then by a manager,
 * while the desk is used all day by front desk staff, who should not scroll past them. Taking a room
 * out of order is daily desk work, so it lives on the front desk's rooms board instead.
 */
import { useState } from 'preact/hooks';
import { navigate } from '../router.ts';
import { CloudbedsCard } from './cloudbeds-card.tsx';
import { openDocument } from './open-blob.ts';
import { RatePlansCard } from './rate-plans-card.tsx';
import './hotel.css';

export function HotelSettingsPage({ currency }: { currency: string }) {
  const [opening, setOpening] = useState(false);

  const openQrSheet = async () => {
    setOpening(true);
    await openDocument('/api/tables/qr-sheet?rooms=true', 'text/html', 'room-qr-codes.html');
    setOpening(false);
  };

  return (
    <div class="hotel-settings">
      <div class="page-head">
        <h1>Hotel settings</h1>
      </div>
      <div class="hotel-settings-grid">
        <RatePlansCard currency={currency} />
        <div class="hotel-settings-side">
          <CloudbedsCard />
          <section class="card hotel-card" aria-label="Rooms">
            <h2>Rooms</h2>
            <p class="form-note">Each room has a QR code for room service: print the sheet and put each code in its room. A guest's phone reaches the menu only while they are checked in.</p>
            <div class="panel-actions">
              <button type="button" class="btn" disabled={opening} onClick={() => void openQrSheet()}>
                {opening ? 'Preparing…' : 'Room QR codes (print)'}
              </button>
            </div>
            <p class="form-note">
              To take a room out of order, tap it on the rooms board of the{' '}
              <a
                href="/admin/front-desk"
                onClick={(event) => {
                  event.preventDefault();
                  navigate('front-desk');
                }}
              >
                Front desk
              </a>
              .
            </p>
          </section>
        </div>
      </div>
    </div>
  );
}
