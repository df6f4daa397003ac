import type { BillView } from '@onemoment/shared/schemas/payments';
import type { CommandTx } from '../db/command-runner.ts';

/**
 * The seam for a country's fiscal rules (a fiscal printer or an online cash register: Russia's 54-FZ
 * ОФД, Germany's TSE, Italy's RT). Many countries require each settled sale to be signed or printed by
 * certified hardware or sent to the tax service. A venue that needs one plugs an implementation in
 * here: it runs inside the command that settles the bill, so it should queue its work (a print job, an
 * outbox job to the tax service, with the settlement's visit id as idempotency key) rather than call a
 * device or the internet while the transaction is open. Nothing is fiscalised by default.
 */
export interface FiscalRecorder {
  /** A name for logs and the README ("none", "ATOL 54-FZ"). */
  readonly name: string;
  /** The bill as it was settled: paid in full, or the rest written off. */
  settled(tx: CommandTx, bill: BillView, businessDay: string): void;
}

/** The default: receipts are the venue's own, and no fiscal device is driven. */
export const noFiscalRecorder: FiscalRecorder = {
  name: 'none',
  settled: () => {},
};
