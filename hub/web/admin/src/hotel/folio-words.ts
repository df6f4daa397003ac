/**
 * A stay's folio as the desk reads it at checkout: the charges grouped by kind (the nights in one
 * line), what is paid and due, and the payment request from the Take payment form's checked draft
 * (the bill's, without tip or split: a folio is settled as a whole). Pure, tested beside it.
 */
import type { FolioChargeKind, FolioPaymentBody, Folio } from '@onemoment/shared/schemas/hotel';
import type { CheckedPayment } from '../bill/payment-draft.ts';

export interface FolioGroup {
  kind: FolioChargeKind;
  label: string;
  count: number;
  amountMinor: number;
}

const KIND_LABELS: Record<FolioChargeKind, (count: number) => string> = {
  night: (count) => (count === 1 ? '1 night' : `${count} nights`),
  room_service: (count) => (count === 1 ? 'Room service' : `Room service (${count} orders)`),
  bar: (count) => (count === 1 ? 'Bar' : `Bar (${count})`),
  extra: (count) => (count === 1 ? 'Extras' : `Extras (${count})`),
};

const KIND_ORDER: readonly FolioChargeKind[] = ['night', 'room_service', 'bar', 'extra'];

/** One line per kind of charge that the folio has, in the order a guest expects them. */
export function folioGroups(folio: Folio): FolioGroup[] {
  return KIND_ORDER.flatMap((kind) => {
    const charges = folio.charges.filter((charge) => charge.kind === kind);
    if (charges.length === 0) return [];
    const amountMinor = charges.reduce((sum, charge) => sum + charge.amountMinor, 0);
    return [{ kind, label: KIND_LABELS[kind](charges.length), count: charges.length, amountMinor }];
  });
}

/** What tapping Check out does: settle the folio first, or check out at once. */
export function checkoutStep(folio: Folio): 'pay' | 'check_out' {
  return folio.dueMinor > 0 ? 'pay' : 'check_out';
}

/** The folio payment for a checked draft (its tip and split are never set for a folio). */
export function folioPaymentBody(id: string, checked: Extract<CheckedPayment, { ok: true }>): FolioPaymentBody {
  const { body } = checked;
  if (body.method === 'cash') {
    return { id, method: 'cash', amountMinor: body.amountMinor, ...(body.tenderedMinor !== undefined ? { tenderedMinor: body.tenderedMinor } : {}) };
  }
  return {
    id,
    method: 'card',
    amountMinor: body.amountMinor,
    ...(body.last4 !== undefined ? { last4: body.last4 } : {}),
    ...(body.approvalCode !== undefined ? { approvalCode: body.approvalCode } : {}),
  };
}
