import { PrinterError, parsePrinterStatus, statusBytesFor } from '@onemoment/printers';
import { describe, expect, it } from 'vitest';
import { backoffMs, mayHavePrintedMessage, statusFromError, waitingMessage } from './printer-failure.ts';

describe('backoff', () => {
  it('doubles from one second and stops at thirty', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map(backoffMs)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(backoffMs(0)).toBe(1000);
  });
});

describe('failure messages', () => {
  const paperOut = parsePrinterStatus(statusBytesFor('paper_out'));

  it('tells a cook what to do when the printer reported its state', () => {
    const error = new PrinterError('paper_out', 'not_sent', 'Printer 10.0.0.5:9100: Paper is out', paperOut);
    expect(waitingMessage('Grill printer', error, 'ticket')).toBe(
      'Grill printer: Paper is out: load a new roll. The ticket will print as soon as the printer is ready.',
    );
    expect(statusFromError('Grill printer', error)).toEqual({ state: 'paper_out', message: 'Paper is out: load a new roll.' });
  });

  it('says a refused connection means the printer is off or unplugged, and counts it as offline', () => {
    const error = new PrinterError('connection_refused', 'not_sent', 'refused');
    expect(waitingMessage('Bar printer', error, 'receipt')).toContain('Bar printer is not answering: check that it is switched on');
    expect(waitingMessage('Bar printer', error, 'receipt')).toContain('The receipt will print');
    expect(statusFromError('Bar printer', error).state).toBe('offline');
  });

  it('never claims a job that may have printed is lost', () => {
    expect(mayHavePrintedMessage('Grill printer', 'ticket')).toMatch(/may have printed.*Reprint if the ticket is missing/);
  });
});
