import { buildReceipt, type Receipt } from '@onemoment/printers';
import type { DayTotals } from '@onemoment/shared/schemas/payments';
import type { HubContext } from '../context.ts';
import { badRequest, conflict } from '../errors.ts';
import type { RestaurantApi } from '../restaurant/module.ts';
import type { StaffPrincipal } from '../sessions/session-lookup.ts';
import type { BillService } from './bill-service.ts';
import type { BillStore } from './bill-store.ts';
import { dayTotals } from './day-totals.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The TON not yet confirmed (the TON part of payments answers it once it runs). */
export type UnconfirmedTon = () => DayTotals['unconfirmedTon'];

const NO_TON: UnconfirmedTon = () => ({ count: 0, amountMinor: 0, oldestAt: null });

/**
 * The end of a business day: its figures, live until a manager closes it; the close keeps them as they
 * were (printable again later). A closed day's later payments still count in its live figures.
 */
export class DayClose {
  private unconfirmedTon: UnconfirmedTon = NO_TON;

  constructor(
    private readonly context: HubContext,
    private readonly restaurant: RestaurantApi,
    private readonly store: BillStore,
    private readonly bills: BillService,
  ) {}

  useUnconfirmedTon(source: UnconfirmedTon): void {
    this.unconfirmedTon = source;
  }

  /** 'today' or a YYYY-MM-DD that is a real date. */
  resolveDay(day: string): string {
    if (day === 'today') return this.context.venue.businessDay();
    if (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) {
      throw badRequest('bad_day', `A business day is written YYYY-MM-DD (or "today"); got "${day.slice(0, 40)}".`);
    }
    return day;
  }

  totals(day: string): DayTotals {
    const businessDay = this.resolveDay(day);
    const closed = this.store.dayClose<DayTotals>(businessDay);
    return dayTotals({
      businessDay,
      currency: this.context.venue.venue().currency,
      payments: this.store.paymentsOfDay(businessDay),
      settledBills: this.store.settlementsOfDay(businessDay),
      writeOffsMinor: this.store.writeOffsOfDay(businessDay),
      openTables: this.restaurant.visits.openVisits().map((visit) => ({ visitId: visit.id, tableName: visit.tableName, dueMinor: this.bills.bill(visit.id)?.dueMinor ?? 0 })),
      unconfirmedTon: this.unconfirmedTon(),
      closed: closed ? { closedAt: closed.closedAt, closedBy: closed.closedBy, note: closed.report.note ?? null } : null,
    });
  }

  close(day: string, staff: StaffPrincipal, note: string | null): Promise<DayTotals> {
    return this.context.commands.run(() => {
      const businessDay = this.resolveDay(day);
      const already = this.store.dayClose<DayTotals>(businessDay);
      if (already) {
        throw conflict('day_already_closed', `${businessDay} was closed at ${already.closedAt} by ${already.closedBy}: print it again from its figures.`);
      }
      const closedAt = this.context.clock.now().toISOString();
      const report: DayTotals = { ...this.totals(businessDay), closedAt, closedBy: staff.name, note };
      this.store.insertDayClose(businessDay, report, staff.name, closedAt);
      return report;
    });
  }

  /** The closed day's figures as they were, or the live ones of a day not closed yet, as a printable slip. */
  document(day: string): Receipt {
    const businessDay = this.resolveDay(day);
    const totals = this.store.dayClose<DayTotals>(businessDay)?.report ?? this.totals(businessDay);
    const venue = this.context.venue.venue();
    const ru = venue.languages[0] === 'ru';
    const words = ru
      ? { title: 'ЗАКРЫТИЕ ДНЯ', cash: 'Наличные', card: 'Карта', ton: 'TON', room: 'На номер', tips: 'Чаевые', discounts: 'Скидки', service: 'Обслуживание', writtenOff: 'Списано', vat: 'НДС', open: 'Открытые столы', ton_: 'TON не подтверждено', notClosed: 'День не закрыт', none: 'Оплат нет' }
      : { title: 'DAY CLOSE', cash: 'Cash', card: 'Card', ton: 'TON', room: 'Charged to rooms', tips: 'Tips', discounts: 'Discounts', service: 'Service', writtenOff: 'Written off', vat: 'VAT', open: 'Open tables', ton_: 'TON unconfirmed', notClosed: 'Day not closed yet', none: 'No payments' };
    const items = totals.byMethod.length > 0 ? totals.byMethod.map((entry) => ({ quantity: entry.count, name: words[entry.method], totalMinor: entry.amountMinor })) : [{ quantity: 1, name: words.none, totalMinor: 0 }];
    return buildReceipt({
      title: `${words.title} ${businessDay}`,
      header: [venue.name],
      issuedAt: this.context.clock.now(),
      timeZone: venue.timezone,
      currency: totals.currency,
      items,
      subtotalMinor: totals.takingsMinor,
      adjustments: [
        { label: words.tips, amountMinor: totals.tipsMinor },
        { label: words.discounts, amountMinor: -totals.discountMinor },
        { label: words.service, amountMinor: totals.serviceChargeMinor },
        { label: words.writtenOff, amountMinor: totals.writtenOffMinor },
      ],
      taxes: totals.taxLines.filter((line) => line.rateBp > 0).map((line) => ({ label: `${words.vat} ${line.rateBp / 100} %`, amountMinor: line.taxMinor, included: true })),
      totalMinor: totals.takingsMinor,
      footer: [
        `${words.open}: ${totals.openTables.length}`,
        `${words.ton_}: ${totals.unconfirmedTon.count}`,
        totals.closedAt ? `${totals.closedBy ?? ''} ${totals.closedAt.slice(0, 16).replace('T', ' ')} UTC` : words.notClosed,
      ],
      language: ru ? 'ru' : 'en',
    });
  }
}
