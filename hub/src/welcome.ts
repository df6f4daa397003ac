import type { HubContext } from './context.ts';

/** What `npm start` prints: where to go, and how to log in to the demo venue. */
export function printWelcome(context: HubContext, port: number): void {
  const base = context.publicUrl();
  const table = context.store.sqlite.prepare("SELECT name, code FROM dining_tables WHERE kind = 'table' ORDER BY position LIMIT 1").get() as
    | { name: string; code: string }
    | undefined;
  const lines = [
    '',
    `OneMoment Venue Hub is running on port ${port}.`,
    `  Staff and admin:  ${base}/admin/`,
    `  Kitchen display:  ${base}/kds/`,
    table ? `  Guest (${table.name}): ${base}/t/${table.code}` : '  Guest: no tables yet',
    `  API docs:         ${base}/api/docs`,
  ];
  if (context.config.seedDemo) lines.push('  Demo PINs: manager 1111, waiter 2222, kitchen 3333, front desk 4444, housekeeping 5555');
  console.log(`${lines.join('\n')}\n`);
}
