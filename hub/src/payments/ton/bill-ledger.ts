import type { CommandTx } from '../../db/command-runner.ts';

/**
 * The one way TON reaches a visit's bill: the payments module's bill service implements it, and TON
 * asks it what is due and records a verified payment, so TON never reads or writes the bill's tables.
 */
export interface TonBillLedger {
  /** What is due now on the visit's bill (or its part), and the currency; throws the bill's 404/409 HubErrors (foreign or closed visit, part paid). */
  dueOf(visitId: string, partId: string | null): { dueMinor: number; currency: string };
  /** Inside the verification's transaction: records a TON payment of amountMinor (+ tipMinor) toward the bill, publishes payment.recorded and bill.changed, closes the visit when paid in full. Idempotent by invoiceId. */
  recordTonPayment(tx: CommandTx, payment: { invoiceId: string; visitId: string; partId: string | null; amountMinor: number; tipMinor: number; at: string }): void;
}
