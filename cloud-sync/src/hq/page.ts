import type { FastifyInstance } from 'fastify';
import { pagePolicy } from '../http/security-headers.ts';

/**
 * A small HQ page at /hq: log in, see venues with their sync state, create a venue (and read its
 * pairing code), see a venue's sales of the last 14 days as a bar chart and its takings day by day
 * (tenders, tips, discounts, service, tax, written off), each with its CSV link, and the takings of
 * all venues with a total per currency, a venue's hotel nights (rooms sold, occupancy, ADR, RevPAR,
 * arrivals, departures, room service; from a week back to a week ahead, as booked), its eSIM sales
 * per day and package (sold, revenue, cost at Airalo's net price, margin), and set each venue's TON
 * rate. Every amount is shown in its own currency.
 * One static file with no build step; it only calls the JSON API. Its script and style are inline
 * and allowed by their hashes in the page's Content-Security-Policy, so nothing else inline runs.
 */
const STYLE = `body{font:15px system-ui,sans-serif;margin:0;background:#f6f6f4;color:#222}
main{max-width:960px;margin:0 auto;padding:24px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px}
table{border-collapse:collapse;width:100%;background:#fff}td,th{padding:8px;border-bottom:1px solid #ddd;text-align:left}
button{padding:6px 12px;border:1px solid #888;border-radius:6px;background:#fff;cursor:pointer}
input,select{padding:6px;border:1px solid #aaa;border-radius:6px}
.ok{color:#17702f}.late{color:#a15c00}.muted{color:#777}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}tr.total td{font-weight:600}td:first-child{white-space:nowrap}
svg text{font-size:11px;fill:#444}
#error{color:#b00020}
`;

const SCRIPT = `let token = sessionStorage.getItem('hq-token');
const $ = (id) => document.getElementById(id);
// Minor units to the currency's own major unit: 2 digits for EUR, 0 for JPY, 3 for KWD.
const money = (minor, currency) => {
  if (!currency) return String(minor);
  const format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
  return format.format(minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
};
async function api(method, path, body) {
  const response = await fetch(path, { method, headers: { authorization: 'Bearer ' + token, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const data = await response.json().catch(() => ({}));
  if (response.status === 401) { token = null; sessionStorage.removeItem('hq-token'); show(); }
  if (!response.ok) throw new Error(data.message || response.statusText);
  return data;
}
function day(offset) { return new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10); }
function el(tag, text, cls) { const e = document.createElement(tag); e.textContent = text; if (cls) e.className = cls; return e; }
async function loadVenues() {
  const { venues } = await api('GET', '/api/hq/venues');
  const body = $('venues'); body.replaceChildren();
  for (const v of venues) {
    const row = document.createElement('tr');
    row.append(el('td', v.name + ' (' + v.currency + ')'));
    row.append(el('td', v.connectedHubs + ' connected of ' + v.hubs, v.connectedHubs ? 'ok' : 'muted'));
    row.append(el('td', v.lagMs === null ? 'never' : Math.round(v.lagMs / 1000) + ' s ago', v.lagMs !== null && v.lagMs < 300000 ? 'ok' : 'late'));
    const cell = document.createElement('td'); const button = el('button', 'Sales and takings'); button.onclick = () => loadVenue(v); cell.append(button); row.append(cell);
    row.append(tonRateCell(v));
    body.append(row);
  }
  if (venues[0]) loadVenue(venues[0]);
  loadChainTakings().catch((e) => ($('error').textContent = e.message));
}
// HQ's TON rate: nanotons (10^-9 TON) for one minor unit of the venue's currency; its hub takes it unless a manager set one later.
function tonRateCell(venue) {
  const cell = document.createElement('td'), input = document.createElement('input'), button = el('button', 'Set'), note = el('span', '', 'muted');
  const path = '/api/hq/venues/' + encodeURIComponent(venue.id) + '/ton-rate';
  input.inputMode = 'numeric'; input.size = 12; input.placeholder = 'nanotons per minor unit'; input.setAttribute('aria-label', 'TON rate of ' + venue.name + ': nanotons for one minor unit of ' + venue.currency);
  const shown = (rate) => {
    if (rate) input.value = rate.nanotonsPerMinor;
    note.textContent = rate ? ' 1 TON = ' + money(Math.round(1e9 / Number(rate.nanotonsPerMinor)), venue.currency) : ' not set';
  };
  api('GET', path).then((r) => shown(r.tonRate)).catch((e) => ($('error').textContent = e.message));
  button.onclick = () => api('PUT', path, { nanotonsPerMinor: input.value.trim() }).then((r) => { $('error').textContent = ''; shown(r.tonRate); }).catch((e) => ($('error').textContent = e.message));
  cell.append(input, button, note);
  return cell;
}
function loadVenue(venue) {
  loadSales(venue).catch((e) => ($('error').textContent = e.message));
  loadTakings(venue).catch((e) => ($('error').textContent = e.message));
  loadHotel(venue).catch((e) => ($('error').textContent = e.message));
  loadEsim(venue).catch((e) => ($('error').textContent = e.message));
}
// eSIMs sold (paid; not cancelled or refunded) per day and package, with Airalo's net price and the margin.
function esimCells(row, first, second, f) {
  row.append(el('td', first), el('td', second), el('td', String(f.count), 'num'), el('td', money(f.revenueMinor, f.currency), 'num'),
    el('td', money(f.costMinor, f.currency), 'num'), el('td', money(f.marginMinor, f.currency), 'num'));
  return row;
}
async function loadEsim(venue) {
  const from = day(-13), to = day(0);
  const q = 'venueId=' + encodeURIComponent(venue.id) + '&from=' + from + '&to=' + to;
  const r = await api('GET', '/api/hq/reports/esim?' + q);
  $('esimTitle').textContent = 'eSIM sales of ' + venue.name + ', ' + from + ' to ' + to;
  const body = $('esim'); body.replaceChildren();
  for (const d of r.byDay) { const row = esimCells(document.createElement('tr'), d.day, d.title, d); row.cells[1].title = d.packageId; body.append(row); }
  for (const t of r.totals) { const row = esimCells(document.createElement('tr'), 'Total', t.currency, t); row.className = 'total'; body.append(row); }
  if (r.byDay.length === 0) { const row = document.createElement('tr'); const cell = el('td', 'No eSIMs sold in these days.', 'muted'); cell.colSpan = 6; row.append(cell); body.append(row); }
  $('esimFigures').replaceChildren(csvLink('/api/hq/reports/esim.csv?' + q, 'esim.csv'));
}
// The hotel's nights as booked: a week back and a week ahead. A night sells in one currency per row.
function hotelCells(row, first, f, m) {
  const opt = (minor) => (minor === null ? '–' : money(minor, m.currency));
  row.append(el('td', first), el('td', String(f.roomsAvailable ?? f.roomNightsAvailable), 'num'), el('td', String(f.roomsSold ?? f.roomNightsSold), 'num'),
    el('td', f.occupancyPercent === null ? '–' : f.occupancyPercent + ' %', 'num'), el('td', opt(m.adrMinor), 'num'), el('td', opt(m.revparMinor), 'num'),
    el('td', String(f.arrivals), 'num'), el('td', String(f.departures), 'num'), el('td', money(m.roomRevenueMinor, m.currency), 'num'), el('td', money(m.roomServiceMinor, m.currency), 'num'));
  return row;
}
async function loadHotel(venue) {
  const from = day(-6), to = day(7);
  const q = 'venueId=' + encodeURIComponent(venue.id) + '&from=' + from + '&to=' + to;
  const r = await api('GET', '/api/hq/reports/hotel?' + q);
  $('hotelTitle').textContent = 'Hotel of ' + venue.name + ', nights ' + from + ' to ' + to;
  const body = $('hotel'); body.replaceChildren();
  const hasRooms = r.byNight.some((n) => n.roomsAvailable > 0 || n.roomsSold > 0);
  if (!hasRooms) { const row = document.createElement('tr'); const cell = el('td', 'No rooms synced from this venue’s hub.', 'muted'); cell.colSpan = 10; row.append(cell); body.append(row); }
  else {
    for (const n of r.byNight) for (const m of n.money) body.append(hotelCells(document.createElement('tr'), n.night, n, m));
    for (const t of r.totals) for (const m of t.money) { const row = hotelCells(document.createElement('tr'), 'Total', t, m); row.className = 'total'; body.append(row); }
  }
  $('hotelFigures').replaceChildren(csvLink('/api/hq/reports/hotel.csv?' + q, 'hotel.csv'));
}
function csvLink(path, name) {
  const link = el('a', 'CSV'); link.href = '#'; link.onclick = async (event) => {
    event.preventDefault();
    const response = await fetch(path, { headers: { authorization: 'Bearer ' + token } });
    const url = URL.createObjectURL(await response.blob()); const a = document.createElement('a'); a.href = url; a.download = name; a.click();
  };
  return link;
}
function takingsCells(row, f, first) {
  const tender = (method) => f.byTender.find((t) => t.method === method);
  row.append(el('td', first), el('td', f.currency), el('td', String(f.payments), 'num'));
  for (const method of ['cash', 'card', 'ton', 'room']) {
    const t = tender(method); const cell = el('td', money(t.amountMinor, f.currency), 'num'); cell.title = t.count + ' payments'; row.append(cell);
  }
  const tax = el('td', money(f.taxMinor, f.currency), 'num');
  tax.title = f.taxLines.map((l) => l.rateBp / 100 + ' %: ' + money(l.taxMinor, f.currency) + ' on ' + money(l.netMinor, f.currency)).join('; ');
  row.append(el('td', money(f.tipsMinor, f.currency), 'num'), el('td', money(f.discountMinor, f.currency), 'num'), el('td', money(f.serviceChargeMinor, f.currency), 'num'), tax, el('td', money(f.writtenOffMinor, f.currency), 'num'));
  return row;
}
async function loadTakings(venue) {
  const from = day(-13), to = day(0);
  const q = 'venueId=' + encodeURIComponent(venue.id) + '&from=' + from + '&to=' + to;
  const r = await api('GET', '/api/hq/reports/takings?' + q);
  $('takingsTitle').textContent = 'Takings of ' + venue.name + ', ' + from + ' to ' + to;
  const body = $('takings'); body.replaceChildren();
  for (const d of r.byDay) body.append(takingsCells(document.createElement('tr'), d, d.day));
  for (const t of r.totals) { const row = takingsCells(document.createElement('tr'), t, 'Total'); row.className = 'total'; body.append(row); }
  if (r.byDay.length === 0) { const row = document.createElement('tr'); const cell = el('td', 'No payments in these days.', 'muted'); cell.colSpan = 11; row.append(cell); body.append(row); }
  $('takingsFigures').replaceChildren(csvLink('/api/hq/reports/takings.csv?' + q, 'takings.csv'));
}
async function loadChainTakings() {
  const from = day(-13), to = day(0);
  const r = await api('GET', '/api/hq/reports/takings?from=' + from + '&to=' + to);
  const body = $('chainTakings'); body.replaceChildren();
  for (const t of r.totals) body.append(takingsCells(document.createElement('tr'), t, from + ' to ' + to));
  if (r.totals.length === 0) { const row = document.createElement('tr'); const cell = el('td', 'No payments in these days.', 'muted'); cell.colSpan = 11; row.append(cell); body.append(row); }
}
async function loadSales(venue) {
  const from = day(-13), to = day(0);
  const q = 'venueId=' + encodeURIComponent(venue.id) + '&from=' + from + '&to=' + to;
  const r = await api('GET', '/api/hq/reports/sales?' + q);
  $('salesTitle').textContent = 'Sales of ' + venue.name + ', ' + from + ' to ' + to;
  // A venue sells in one currency; should its orders ever carry several, the chart shows the first and the figures all.
  const currency = r.currency ?? (r.totals[0] && r.totals[0].currency), days = r.byDay.filter((d) => d.currency === currency);
  const max = Math.max(1, ...days.map((d) => d.grossMinor)), w = 640, h = 200, bar = w / Math.max(1, days.length);
  const svgNs = 'http://www.w3.org/2000/svg', svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', '0 0 ' + w + ' ' + (h + 30)); svg.setAttribute('width', '100%'); svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'Gross sales by day');
  days.forEach((d, i) => {
    const height = Math.round((d.grossMinor / max) * h), rect = document.createElementNS(svgNs, 'rect');
    rect.setAttribute('x', String(i * bar + 4)); rect.setAttribute('y', String(h - height)); rect.setAttribute('width', String(bar - 8));
    rect.setAttribute('height', String(height)); rect.setAttribute('fill', '#2f6f5e');
    const title = document.createElementNS(svgNs, 'title'); title.textContent = d.day + ': ' + money(d.grossMinor, d.currency) + ', ' + d.orders + ' orders'; rect.append(title);
    const label = document.createElementNS(svgNs, 'text'); label.setAttribute('x', String(i * bar + bar / 2)); label.setAttribute('y', String(h + 16));
    label.setAttribute('text-anchor', 'middle'); label.textContent = d.day.slice(5);
    svg.append(rect, label);
  });
  $('chart').replaceChildren(svg);
  const link = csvLink('/api/hq/reports/sales.csv?' + q, 'sales.csv');
  const ticket = r.avgTicketSeconds === null ? 'no ready orders' : 'ticket time avg ' + Math.round(r.avgTicketSeconds / 60) + ' min, p90 ' + Math.round(r.p90TicketSeconds / 60) + ' min';
  const gross = r.totals.map((t) => money(t.grossMinor, t.currency)).join(' + ') || money(0, null);
  $('figures').replaceChildren(el('span', r.orders + ' orders, ' + gross + ', ' + ticket + ' · '), link);
}
function show() { $('login').hidden = !!token; $('app').hidden = !token; if (token) loadVenues().catch((e) => ($('error').textContent = e.message)); }
$('login').onsubmit = async (event) => {
  event.preventDefault(); const f = new FormData(event.target);
  const response = await fetch('/api/hq/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: f.get('email'), password: f.get('password') }) });
  const data = await response.json();
  if (!response.ok) { $('error').textContent = data.message; return; }
  token = data.token; sessionStorage.setItem('hq-token', token); $('error').textContent = ''; show();
};
$('logout').onclick = async () => {
  // The cloud ends the session first; the page forgets the token even when the cloud cannot be reached.
  try { await api('POST', '/api/hq/logout'); } catch (e) { $('error').textContent = e.message; }
  token = null; sessionStorage.removeItem('hq-token'); show();
};
$('create').onsubmit = async (event) => {
  event.preventDefault(); const f = new FormData(event.target);
  try { const v = await api('POST', '/api/hq/venues', { name: f.get('name'), timezone: f.get('timezone'), currency: f.get('currency') });
    $('code').textContent = 'Pairing code for the hub: ' + v.pairingCode; loadVenues(); } catch (e) { $('error').textContent = e.message; }
};
show();
`;

const takingsHead = (first: string) =>
  `<tr><th>${first}</th><th>Currency</th><th class="num">Payments</th><th class="num">Cash</th><th class="num">Card</th><th class="num">TON</th><th class="num" title="Bills charged to hotel rooms: paid with the folio at checkout, not in the takings">To rooms</th>` +
  `<th class="num">Tips</th><th class="num">Discounts</th><th class="num">Service</th><th class="num">Tax</th><th class="num">Written off</th></tr>`;

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>OneMoment HQ</title>
<style>${STYLE}</style></head><body><main>
<h1>OneMoment HQ</h1>
<p id="error" role="alert"></p>
<form id="login"><input name="email" type="email" placeholder="email" value="hq@onemoment.local" required>
<input name="password" type="password" placeholder="password" required> <button>Log in</button></form>
<section id="app" hidden>
<p><button id="logout" type="button">Log out</button></p>
<h2>Venues</h2><table><thead><tr><th>Venue</th><th>Hubs</th><th>Last update</th><th></th><th>TON rate</th></tr></thead><tbody id="venues"></tbody></table>
<form id="create"><h2>New venue</h2><input name="name" placeholder="name" required> <input name="timezone" value="Europe/Berlin" required>
<input name="currency" value="EUR" pattern="[A-Z]{3}" required> <button>Create</button> <strong id="code"></strong></form>
<h2 id="salesTitle">Sales</h2><div id="chart"></div><p id="figures"></p>
<h2 id="takingsTitle">Takings</h2>
<table aria-label="Takings by day"><thead>${takingsHead('Day')}</thead><tbody id="takings"></tbody></table><p id="takingsFigures"></p>
<h2 id="hotelTitle">Hotel</h2>
<table aria-label="Hotel nights"><thead><tr><th>Night</th><th class="num">Rooms</th><th class="num">Sold</th><th class="num">Occupancy</th><th class="num">ADR</th><th class="num">RevPAR</th><th class="num">Arrivals</th><th class="num">Departures</th><th class="num">Room revenue</th><th class="num">Room service</th></tr></thead><tbody id="hotel"></tbody></table><p id="hotelFigures"></p>
<h2 id="esimTitle">eSIM sales</h2>
<table aria-label="eSIM sales"><thead><tr><th>Day</th><th>Package</th><th class="num">Sold</th><th class="num">Revenue</th><th class="num" title="Airalo's net price, in the venue's currency at the rate of each sale">Cost</th><th class="num">Margin</th></tr></thead><tbody id="esim"></tbody></table><p id="esimFigures"></p>
<h2>Takings of all venues, per currency</h2>
<table aria-label="Takings of all venues"><thead>${takingsHead('Days')}</thead><tbody id="chainTakings"></tbody></table>
</section>
<script type="module">${SCRIPT}</script></main></body></html>`;

export function hqPage() {
  return async function plugin(app: FastifyInstance) {
    app.get('/', async (_request, reply) => reply.redirect('/hq'));
    app.get('/hq', { helmet: pagePolicy({ scripts: [SCRIPT], styles: [STYLE] }) }, async (_request, reply) =>
      reply.header('content-type', 'text/html; charset=utf-8').send(PAGE),
    );
  };
}
