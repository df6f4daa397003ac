import type Database from 'better-sqlite3';
import type { PurchaseStatus } from '@onemoment/shared/esim/purchase-lifecycle';
import type { AiraloPackage } from './airalo-shapes.ts';

export interface AiraloSettingsRow {
  clientId: string | null;
  clientSecret: string | null;
  usdRate: string | null;
  catalogueSyncedAt: string | null;
  catalogueProblem: string | null;
  updatedAt: string;
}

/** A catalogue package with the venue's offer beside it. */
export interface PackageRow {
  id: string;
  type: 'sim' | 'topup';
  title: string;
  countryCode: string | null;
  area: string;
  operator: string;
  dataMb: number | null;
  unlimited: boolean;
  days: number;
  retailUsdMinor: number;
  netUsdMinor: number;
  goneAt: string | null;
  offered: boolean;
  sellingMinor: number | null;
}

export interface PurchaseRow {
  id: string;
  visitId: string;
  packageId: string;
  title: string;
  dataMb: number | null;
  unlimited: boolean;
  days: number;
  priceMinor: number;
  currency: string;
  netUsdMinor: number;
  costMinor: number;
  status: PurchaseStatus;
  soldBy: 'guest' | 'staff';
  buyerTokenHash: string | null;
  sellerStaffId: string | null;
  reason: string | null;
  businessDay: string;
  createdAt: string;
  paidAt: string | null;
  deliveredAt: string | null;
  refundedAt: string | null;
  updatedAt: string;
  airaloOrderId: string | null;
  airaloOrderCode: string | null;
  iccid: string | null;
  smdpAddress: string | null;
  matchingId: string | null;
  activationCode: string | null;
  apn: string | null;
  roaming: boolean | null;
  usage: string | null;
  usageFetchedAt: string | null;
  usageAskedAt: string | null;
}

export interface PackageFilter {
  country?: string | undefined;
  /** Lower-case words that must all appear. */
  words?: readonly string[];
  offeredOnly?: boolean;
  /** Leave out packages Airalo no longer lists. */
  liveOnly?: boolean;
  limit?: number;
  offset?: number;
}

export interface DeliveredSim {
  airaloOrderId: string;
  airaloOrderCode: string | null;
  iccid: string;
  smdpAddress: string;
  matchingId: string;
  activationCode: string;
  apn: string | null;
  roaming: boolean | null;
  at: string;
}

const PACKAGE_COLUMNS = `p.id, p.type, p.title, p.country_code AS countryCode, p.area, p.operator, p.data_mb AS dataMb, p.unlimited,
  p.days, p.retail_usd_minor AS retailUsdMinor, p.net_usd_minor AS netUsdMinor, p.gone_at AS goneAt,
  COALESCE(o.offered, 0) AS offered, o.selling_minor AS sellingMinor`;

const PURCHASE_COLUMNS = `id, visit_id AS visitId, package_id AS packageId, title, data_mb AS dataMb, unlimited, days, price_minor AS priceMinor,
  currency, net_usd_minor AS netUsdMinor, cost_minor AS costMinor, status, sold_by AS soldBy, buyer_token_hash AS buyerTokenHash,
  seller_staff_id AS sellerStaffId, reason, business_day AS businessDay, created_at AS createdAt, paid_at AS paidAt,
  delivered_at AS deliveredAt, refunded_at AS refundedAt, updated_at AS updatedAt, airalo_order_id AS airaloOrderId,
  airalo_order_code AS airaloOrderCode, iccid, smdp_address AS smdpAddress, matching_id AS matchingId,
  activation_code AS activationCode, apn, roaming, usage, usage_fetched_at AS usageFetchedAt, usage_asked_at AS usageAskedAt`;

type Raw<T> = Omit<T, 'unlimited' | 'offered' | 'roaming'> & { unlimited: number; offered?: number; roaming?: number | null };

function packageOf(row: Raw<PackageRow>): PackageRow {
  return { ...row, unlimited: row.unlimited === 1, offered: row.offered === 1 } as PackageRow;
}

function purchaseOf(row: Raw<PurchaseRow>): PurchaseRow {
  return { ...row, unlimited: row.unlimited === 1, roaming: row.roaming === null || row.roaming === undefined ? null : row.roaming === 1 } as PurchaseRow;
}

/** The eSIM module's rows: Airalo's settings and token, the catalogue and the venue's offers, the sales. */
export class EsimStore {
  private readonly sql;
  /** Statements of the filtered reads, by their text: a filter's shape repeats, so each is prepared once. */
  private readonly filtered = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    this.sql = {
      settings: db.prepare(
        `SELECT client_id AS clientId, client_secret AS clientSecret, usd_rate AS usdRate, catalogue_synced_at AS catalogueSyncedAt,
                catalogue_problem AS catalogueProblem, updated_at AS updatedAt FROM airalo_settings WHERE id = 1`,
      ),
      ensureSettings: db.prepare('INSERT OR IGNORE INTO airalo_settings (id, updated_at) VALUES (1, ?)'),
      saveCredentials: db.prepare('UPDATE airalo_settings SET client_id = ?, client_secret = ?, updated_at = ? WHERE id = 1'),
      saveRate: db.prepare('UPDATE airalo_settings SET usd_rate = ?, updated_at = ? WHERE id = 1'),
      catalogueSynced: db.prepare('UPDATE airalo_settings SET catalogue_synced_at = ?, catalogue_problem = NULL WHERE id = 1'),
      catalogueProblem: db.prepare('UPDATE airalo_settings SET catalogue_problem = ? WHERE id = 1'),
      token: db.prepare('SELECT access_token AS accessToken, obtained_at AS obtainedAtMs, expires_at AS expiresAtMs FROM airalo_tokens WHERE client_key = ?'),
      saveToken: db.prepare(
        `INSERT INTO airalo_tokens (client_key, access_token, obtained_at, expires_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (client_key) DO UPDATE SET access_token = excluded.access_token, obtained_at = excluded.obtained_at, expires_at = excluded.expires_at`,
      ),
      dropToken: db.prepare('DELETE FROM airalo_tokens WHERE client_key = ? AND (? IS NULL OR access_token = ?)'),
      dropAllTokens: db.prepare('DELETE FROM airalo_tokens'),
      catalogue: db.prepare(
        `SELECT id, type, title, country_code AS countryCode, area, operator, data_mb AS dataMb, unlimited, days,
                retail_usd_minor AS retailUsdMinor, net_usd_minor AS netUsdMinor, gone_at AS goneAt FROM esim_packages WHERE gone_at IS NULL`,
      ),
      package: db.prepare(`SELECT ${PACKAGE_COLUMNS} FROM esim_packages p LEFT JOIN esim_offers o ON o.package_id = p.id WHERE p.id = ?`),
      upsertPackage: db.prepare(
        `INSERT INTO esim_packages (id, type, title, country_code, area, operator, data_mb, unlimited, days, retail_usd_minor, net_usd_minor, search_text, gone_at, updated_at)
         VALUES (@id, @type, @title, @countryCode, @area, @operator, @dataMb, @unlimited, @days, @retailUsdMinor, @netUsdMinor, @searchText, NULL, @updatedAt)
         ON CONFLICT (id) DO UPDATE SET type = excluded.type, title = excluded.title, country_code = excluded.country_code, area = excluded.area,
           operator = excluded.operator, data_mb = excluded.data_mb, unlimited = excluded.unlimited, days = excluded.days,
           retail_usd_minor = excluded.retail_usd_minor, net_usd_minor = excluded.net_usd_minor, search_text = excluded.search_text,
           gone_at = NULL, updated_at = excluded.updated_at`,
      ),
      markGone: db.prepare('UPDATE esim_packages SET gone_at = ?, updated_at = ? WHERE id = ? AND gone_at IS NULL'),
      clearCoverage: db.prepare('DELETE FROM esim_coverage WHERE package_id = ?'),
      addCoverage: db.prepare('INSERT OR IGNORE INTO esim_coverage (country_code, package_id) VALUES (?, ?)'),
      countPackages: db.prepare(
        `SELECT COUNT(*) AS packages, COALESCE(SUM(o.offered), 0) AS offered FROM esim_packages p LEFT JOIN esim_offers o ON o.package_id = p.id WHERE p.gone_at IS NULL`,
      ),
      saveOffer: db.prepare(
        `INSERT INTO esim_offers (package_id, offered, selling_minor, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (package_id) DO UPDATE SET offered = excluded.offered, selling_minor = excluded.selling_minor, updated_at = excluded.updated_at`,
      ),
      purchase: db.prepare(`SELECT ${PURCHASE_COLUMNS} FROM esim_purchases WHERE id = ?`),
      purchasesOfVisit: db.prepare(`SELECT ${PURCHASE_COLUMNS} FROM esim_purchases WHERE visit_id = ? ORDER BY created_at, id`),
      awaitingOfVisit: db.prepare(`SELECT ${PURCHASE_COLUMNS} FROM esim_purchases WHERE visit_id = ? AND status = 'awaiting_payment' ORDER BY created_at, id`),
      billLinesOfVisit: db.prepare(
        `SELECT id, title, price_minor AS priceMinor FROM esim_purchases WHERE visit_id = ? AND status <> 'cancelled' ORDER BY created_at, id`,
      ),
      openOfPackage: db.prepare(`SELECT ${PURCHASE_COLUMNS} FROM esim_purchases WHERE package_id = ? AND status IN ('awaiting_payment', 'paid', 'needs_person')`),
      undelivered: db.prepare(`SELECT id AS saleId, package_id AS packageId, status FROM esim_purchases WHERE status IN ('awaiting_payment', 'paid', 'needs_person')`),
      insertPurchase: db.prepare(
        `INSERT INTO esim_purchases (id, visit_id, package_id, title, data_mb, unlimited, days, price_minor, currency, net_usd_minor, cost_minor, status,
                                     sold_by, buyer_token_hash, seller_staff_id, business_day, created_at, updated_at)
         VALUES (@id, @visitId, @packageId, @title, @dataMb, @unlimited, @days, @priceMinor, @currency, @netUsdMinor, @costMinor, 'awaiting_payment',
                 @soldBy, @buyerTokenHash, @sellerStaffId, @businessDay, @createdAt, @createdAt)`,
      ),
      setStatus: db.prepare(
        `UPDATE esim_purchases SET status = @status, reason = COALESCE(@reason, reason), updated_at = @at,
           paid_at = CASE WHEN @status = 'paid' AND paid_at IS NULL THEN @at ELSE paid_at END,
           business_day = CASE WHEN @status = 'paid' AND paid_at IS NULL THEN @businessDay ELSE business_day END,
           refunded_at = CASE WHEN @status = 'refunded' THEN @at ELSE refunded_at END
         WHERE id = @id`,
      ),
      swapPackage: db.prepare(
        `UPDATE esim_purchases SET package_id = @packageId, title = @title, data_mb = @dataMb, unlimited = @unlimited, days = @days,
           net_usd_minor = @netUsdMinor, cost_minor = @costMinor, updated_at = @at WHERE id = @id`,
      ),
      deliver: db.prepare(
        `UPDATE esim_purchases SET status = 'delivered', delivered_at = @at, updated_at = @at, reason = NULL, airalo_order_id = @airaloOrderId,
           airalo_order_code = @airaloOrderCode, iccid = @iccid, smdp_address = @smdpAddress, matching_id = @matchingId,
           activation_code = @activationCode, apn = @apn, roaming = @roaming
         WHERE id = @id`,
      ),
      saveUsage: db.prepare('UPDATE esim_purchases SET usage = ?, usage_fetched_at = ? WHERE id = ?'),
      askUsage: db.prepare('UPDATE esim_purchases SET usage_asked_at = ? WHERE id = ?'),
    };
  }

  // ---- settings and token ----

  settings(): AiraloSettingsRow | null {
    return (this.sql.settings.get() as AiraloSettingsRow | undefined) ?? null;
  }

  saveCredentials(credentials: { clientId: string; clientSecret: string } | null, at: string): void {
    this.sql.ensureSettings.run(at);
    this.sql.saveCredentials.run(credentials?.clientId ?? null, credentials?.clientSecret ?? null, at);
    this.sql.dropAllTokens.run();
  }

  saveRate(usdRate: string, at: string): void {
    this.sql.ensureSettings.run(at);
    this.sql.saveRate.run(usdRate, at);
  }

  markCatalogueSynced(at: string): void {
    this.sql.catalogueSynced.run(at);
  }

  markCatalogueProblem(problem: string): void {
    this.sql.catalogueProblem.run(problem);
  }

  token(clientKey: string): { accessToken: string; obtainedAtMs: number; expiresAtMs: number } | null {
    return (this.sql.token.get(clientKey) as { accessToken: string; obtainedAtMs: number; expiresAtMs: number } | undefined) ?? null;
  }

  saveToken(clientKey: string, token: { accessToken: string; obtainedAtMs: number; expiresAtMs: number }): void {
    this.sql.saveToken.run(clientKey, token.accessToken, token.obtainedAtMs, token.expiresAtMs);
  }

  /** Forgets the client's token; with `rejected`, only if it is still that one (a newer one stays). */
  dropToken(clientKey: string, rejected?: string): void {
    this.sql.dropToken.run(clientKey, rejected ?? null, rejected ?? null);
  }

  // ---- catalogue ----

  /** Every package Airalo still lists, as the catalogue diff compares them. */
  liveCatalogue(): Omit<PackageRow, 'offered' | 'sellingMinor'>[] {
    return (this.sql.catalogue.all() as Raw<PackageRow>[]).map((row) => ({ ...row, unlimited: row.unlimited === 1 }));
  }

  package(id: string): PackageRow | null {
    const row = this.sql.package.get(id) as Raw<PackageRow> | undefined;
    return row ? packageOf(row) : null;
  }

  upsertPackage(pkg: AiraloPackage, at: string): void {
    const words = [pkg.title, pkg.areaTitle, pkg.operator.title, pkg.countryCode ?? '', ...pkg.coverage].join(' ').toLowerCase();
    this.sql.upsertPackage.run({
      id: pkg.id,
      type: pkg.type,
      title: pkg.title,
      countryCode: pkg.countryCode,
      area: pkg.areaTitle,
      operator: pkg.operator.title,
      dataMb: pkg.dataMb,
      unlimited: pkg.isUnlimited ? 1 : 0,
      days: pkg.days,
      retailUsdMinor: pkg.priceMinor,
      netUsdMinor: pkg.netPriceMinor ?? pkg.priceMinor,
      searchText: words,
      updatedAt: at,
    });
    this.sql.clearCoverage.run(pkg.id);
    const countries = new Set([...(pkg.countryCode ? [pkg.countryCode] : []), ...pkg.coverage].map((code) => code.toUpperCase()));
    for (const code of countries) this.sql.addCoverage.run(code, pkg.id);
  }

  markGone(id: string, at: string): void {
    this.sql.markGone.run(at, at, id);
  }

  counts(): { packages: number; offered: number } {
    return this.sql.countPackages.get() as { packages: number; offered: number };
  }

  /**
   * Packages matching a filter, with the total before paging. Built per call since the filter's parts
   * vary; every value goes in as a parameter.
   */
  packages(filter: PackageFilter & { withTotal?: boolean }): { total: number; rows: PackageRow[] } {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.liveOnly) where.push('p.gone_at IS NULL');
    if (filter.offeredOnly) where.push('o.offered = 1');
    if (filter.country) {
      where.push('p.id IN (SELECT package_id FROM esim_coverage WHERE country_code = ?)');
      params.push(filter.country.toUpperCase());
    }
    for (const word of filter.words ?? []) {
      where.push("instr(p.search_text, ?) > 0");
      params.push(word);
    }
    const from = `FROM esim_packages p LEFT JOIN esim_offers o ON o.package_id = p.id ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}`;
    const paged = filter.limit !== undefined;
    const rows = (this.statement(`SELECT ${PACKAGE_COLUMNS} ${from} ORDER BY p.area, p.days, p.retail_usd_minor, p.id${paged ? ' LIMIT ? OFFSET ?' : ''}`).all(
      ...params,
      ...(paged ? [Math.floor(filter.limit!), Math.floor(filter.offset ?? 0)] : []),
    ) as Raw<PackageRow>[]).map(packageOf);
    const total = filter.withTotal === false ? rows.length : ((this.statement(`SELECT COUNT(*) AS total ${from}`).get(...params) as { total: number }).total ?? 0);
    return { total, rows };
  }

  private statement(text: string): Database.Statement {
    let statement = this.filtered.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.filtered.set(text, statement);
    }
    return statement;
  }

  saveOffer(packageId: string, offered: boolean, sellingMinor: number | null, at: string): void {
    this.sql.saveOffer.run(packageId, offered ? 1 : 0, sellingMinor, at);
  }

  // ---- purchases ----

  purchase(id: string): PurchaseRow | null {
    const row = this.sql.purchase.get(id) as Raw<PurchaseRow> | undefined;
    return row ? purchaseOf(row) : null;
  }

  purchasesOfVisit(visitId: string): PurchaseRow[] {
    return (this.sql.purchasesOfVisit.all(visitId) as Raw<PurchaseRow>[]).map(purchaseOf);
  }

  awaitingPaymentOfVisit(visitId: string): PurchaseRow[] {
    return (this.sql.awaitingOfVisit.all(visitId) as Raw<PurchaseRow>[]).map(purchaseOf);
  }

  billLinesOfVisit(visitId: string): Array<{ id: string; title: string; priceMinor: number }> {
    return this.sql.billLinesOfVisit.all(visitId) as Array<{ id: string; title: string; priceMinor: number }>;
  }

  openPurchasesOfPackage(packageId: string): PurchaseRow[] {
    return (this.sql.openOfPackage.all(packageId) as Raw<PurchaseRow>[]).map(purchaseOf);
  }

  undeliveredSales(): Array<{ saleId: string; packageId: string; status: PurchaseStatus }> {
    return this.sql.undelivered.all() as Array<{ saleId: string; packageId: string; status: PurchaseStatus }>;
  }

  /** Newest first, optionally by status or visit. */
  purchases(filter: { status?: PurchaseStatus | undefined; visitId?: string | undefined; limit?: number }): PurchaseRow[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status) {
      where.push('status = ?');
      params.push(filter.status);
    }
    if (filter.visitId) {
      where.push('visit_id = ?');
      params.push(filter.visitId);
    }
    const sql = `SELECT ${PURCHASE_COLUMNS} FROM esim_purchases ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ?`;
    return (this.statement(sql).all(...params, Math.floor(filter.limit ?? 200)) as Raw<PurchaseRow>[]).map(purchaseOf);
  }

  insertPurchase(
    row: Pick<
      PurchaseRow,
      'id' | 'visitId' | 'packageId' | 'title' | 'dataMb' | 'unlimited' | 'days' | 'priceMinor' | 'currency' | 'netUsdMinor' | 'costMinor' | 'soldBy' | 'buyerTokenHash' | 'sellerStaffId' | 'businessDay' | 'createdAt'
    >,
  ): void {
    this.sql.insertPurchase.run({ ...row, unlimited: row.unlimited ? 1 : 0 });
  }

  setStatus(id: string, status: PurchaseStatus, change: { reason: string | null; at: string; businessDay: string }): void {
    this.sql.setStatus.run({ id, status, reason: change.reason, at: change.at, businessDay: change.businessDay });
  }

  swapPackage(id: string, pkg: { packageId: string; title: string; dataMb: number | null; unlimited: boolean; days: number; netUsdMinor: number; costMinor: number }, at: string): void {
    this.sql.swapPackage.run({ id, ...pkg, unlimited: pkg.unlimited ? 1 : 0, at });
  }

  deliver(id: string, sim: DeliveredSim): void {
    this.sql.deliver.run({ id, ...sim, roaming: sim.roaming === null ? null : sim.roaming ? 1 : 0 });
  }

  saveUsage(id: string, usageJson: string, at: string): void {
    this.sql.saveUsage.run(usageJson, at, id);
  }

  markUsageAsked(id: string, at: string): void {
    this.sql.askUsage.run(at, id);
  }
}
