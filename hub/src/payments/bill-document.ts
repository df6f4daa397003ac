// A visit's bill (before payment) or receipt (after) as the printers package's Receipt document:
// lines, discounts, the service charge, tax per rate, the total, each payment with its tip, what is
// still due, and the TON QR when the bill is to be paid by TON. Pure: built inside the command that
// prints it, rendered for the printer's paper when the job is sent.
import { buildReceipt, type Receipt } from '@onemoment/printers';
import type { BillView } from '@onemoment/shared/schemas/payments';

export type BillDocumentKind = 'bill' | 'receipt';

export interface BillDocumentVenue {
  name: string;
  timeZone: string;
  languages: readonly string[];
}

/** The words this document adds to the package's own (Subtotal, TOTAL, DUE), in the two print languages. */
const WORDS = {
  en: { bill: 'BILL', receipt: 'RECEIPT', discount: 'Discount', service: 'Service', vat: 'VAT', taxAdded: 'Tax', cash: 'Cash', card: 'Card', ton: 'TON', room: 'Charged to room', tip: 'Tip', change: 'Change', writtenOff: 'Written off', payTon: 'Pay with TON: scan with your wallet', openTable: 'Scan to see this bill on your phone' },
  ru: { bill: 'СЧЁТ', receipt: 'ЧЕК', discount: 'Скидка', service: 'Обслуживание', vat: 'НДС', taxAdded: 'Налог', cash: 'Наличные', card: 'Карта', ton: 'TON', room: 'На номер', tip: 'Чаевые', change: 'Сдача', writtenOff: 'Списано', payTon: 'Оплата TON: отсканируйте кошельком', openTable: 'Отсканируйте, чтобы открыть счёт на телефоне' },
} as const;

export interface BillDocumentOptions {
  kind: BillDocumentKind;
  issuedAt: Date;
  /** A TON invoice's ton:// link for the QR; null prints none. */
  tonLink: string | null;
  /** Without a TON link, a bill's QR opens the table's page, where the guest sees the bill. */
  tableUrl: string | null;
}

/** Null when the bill has no lines (nothing was ordered, or all of it was cancelled). */
export function billDocument(bill: BillView, venue: BillDocumentVenue, options: BillDocumentOptions): Receipt | null {
  if (bill.lines.length === 0) return null;
  const language = venue.languages[0] === 'ru' ? 'ru' : 'en';
  const words = WORDS[language];
  const percent = (bp: number) => `${(bp / 100).toLocaleString(language, { maximumFractionDigits: 2 })} %`;
  const adjustments = [
    ...bill.discounts.map((discount) => ({ label: discount.rateBp === null ? words.discount : `${words.discount} ${percent(discount.rateBp)}`, amountMinor: -discount.amountMinor })),
    ...(bill.serviceChargeMinor > 0 ? [{ label: `${words.service} ${percent(bill.serviceChargeBp)}`, amountMinor: bill.serviceChargeMinor }] : []),
  ];
  const payments = bill.payments.flatMap((payment) => {
    const label = words[payment.method];
    // What the guest handed over or was charged (the tip included), then the tip inside it and the change back.
    const handed = payment.amountMinor + payment.tipMinor + payment.changeMinor;
    const lines = [{ label: payment.method === 'card' && payment.last4 ? `${label} *${payment.last4}` : label, amountMinor: handed }];
    if (payment.tipMinor > 0) lines.push({ label: words.tip, amountMinor: payment.tipMinor });
    if (payment.changeMinor > 0) lines.push({ label: words.change, amountMinor: -payment.changeMinor });
    return lines;
  });
  for (const writeOff of bill.writeOffs) payments.push({ label: words.writtenOff, amountMinor: writeOff.amountMinor });
  const printable = (url: string | null) => (url && /^[\x20-\x7e]{1,1000}$/.test(url) ? url : null);
  const tonLink = options.kind === 'bill' && bill.dueMinor > 0 ? printable(options.tonLink) : null;
  const qrUrl = tonLink ?? (options.kind === 'bill' ? printable(options.tableUrl) : null);
  return buildReceipt({
    title: words[options.kind],
    header: [venue.name],
    tableName: bill.tableName,
    issuedAt: options.issuedAt,
    timeZone: venue.timeZone,
    currency: bill.currency,
    items: bill.lines.map((line) => ({ quantity: line.quantity, name: line.name, totalMinor: line.totalMinor })),
    subtotalMinor: bill.subtotalMinor,
    adjustments,
    taxes: bill.taxLines
      .filter((line) => line.rateBp > 0)
      .map((line) => ({ label: `${bill.taxMode === 'included' ? words.vat : words.taxAdded} ${percent(line.rateBp)}`, amountMinor: line.taxMinor, included: bill.taxMode === 'included' })),
    totalMinor: bill.totalMinor,
    payments,
    dueMinor: bill.dueMinor,
    qrUrl,
    qrCaption: tonLink ? words.payTon : qrUrl ? words.openTable : null,
    language,
  });
}
