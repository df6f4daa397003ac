/** The chunk fetched on a guest's first tap on "Split" or "Pay with TON" (see lazy-bill-actions.ts). */
import './bill-actions.css';

export { SplitSheet } from './split-sheet.tsx';
export { TonPayScreen } from './ton-pay-screen.tsx';
