import type { HubContext } from './context.ts';

/** What `npm start` prints: where to go, and how to log in to the demo venue. */
export function printWelcome(context: HubContext, port: number): void {
  const base = context.publicUrl();
  const table = context.store.sqlite.prepare("SELECT name, code FROM dining_tables WHERE kind = 'table' ORDER BY position LIMIT 1").get() as
    | { name: string; code: string }
    | undefined;
  const hotel = context.config.modules.includes('hotel');
  const arrival = hotel
    ? (context.store.sqlite.prepare("SELECT guest_name AS guestName, check_in_code AS code FROM bookings WHERE status = 'confirmed' ORDER BY arrival, id LIMIT 1").get() as
        | { guestName: string; code: string }
        | undefined)
    : undefined;
  const lines = [
    '',
    `OneMoment Venue Hub is running on port ${port}.`,
    `  Staff and admin:  ${base}/admin/`,
    `  Kitchen display:  ${base}/kds/`,
    table ? `  Guest (${table.name}): ${base}/t/${table.code}` : '  Guest: no tables yet',
    ...(hotel ? [`  Front desk:       ${base}/admin/front-desk`] : []),
    ...(arrival ? [`  Check-in (${arrival.guestName}): ${base}/checkin/${arrival.code}`] : []),
    `  API docs:         ${base}/api/docs`,
  ];
  if (context.config.seedDemo) lines.push('  Demo PINs: manager 1111, waiter 2222, kitchen 3333, front desk 4444, housekeeping 5555');
  console.log(`${lines.join('\n')}\n`);
}
