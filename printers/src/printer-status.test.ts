import { describe, expect, it } from 'vitest';
import { isStatusByte, parsePrinterStatus, StatusByteError, statusBytesFor, statusRequest } from './printer-status.ts';

describe('printer status (DLE EOT)', () => {
  it('asks with DLE EOT n', () => {
    expect([...statusRequest(1)]).toEqual([0x10, 0x04, 0x01]);
    expect([...statusRequest(4)]).toEqual([0x10, 0x04, 0x04]);
  });

  it.each([
    ['online', { 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12 }, 'The printer is online and ready.'],
    ['offline', { 1: 0x1a, 2: 0x12, 3: 0x12, 4: 0x12 }, 'The printer is offline: check its panel, and press the feed button if it is waiting.'],
    ['paper_out', { 1: 0x1a, 2: 0x32, 3: 0x12, 4: 0x72 }, 'Paper is out: load a new roll.'],
    ['cover_open', { 1: 0x1a, 2: 0x16, 3: 0x12, 4: 0x12 }, 'The cover is open: close it until it clicks.'],
    ['error', { 1: 0x1a, 2: 0x52, 3: 0x1a, 4: 0x12 }, 'The cutter is jammed: open the cover, clear the paper at the cutter, close it and switch the printer off and on.'],
  ] as const)('reads %s', (state, answers, message) => {
    const status = parsePrinterStatus(answers);
    expect(status.state).toBe(state);
    expect(status.message).toBe(message);
    expect(status.raw).toEqual(answers);
  });

  it('takes the paper sensor alone as enough to say paper out', () => {
    expect(parsePrinterStatus({ 4: 0x60 | 0x12 }).state).toBe('paper_out');
  });

  it('says cover open, not paper out, when the open cover also trips the paper sensor', () => {
    expect(parsePrinterStatus({ 1: 0x1a, 2: 0x36, 4: 0x72 }).state).toBe('cover_open');
  });

  it('explains an overheated head and an unrecoverable error differently', () => {
    expect(parsePrinterStatus({ 3: 0x52 }).message).toMatch(/too hot/);
    expect(parsePrinterStatus({ 3: 0x32 }).message).toMatch(/unrecoverable/);
  });

  it('stays online with a warning when the roll is nearly finished', () => {
    const status = parsePrinterStatus({ 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x1e });
    expect(status).toMatchObject({ state: 'online', paperNearEnd: true });
    expect(status.message).toMatch(/nearly finished/);
  });

  it('rejects a byte that is not a status answer', () => {
    expect(isStatusByte(0x12)).toBe(true);
    expect(isStatusByte(0x00)).toBe(false);
    expect(isStatusByte(0x3f)).toBe(false);
    expect(() => parsePrinterStatus({ 1: 0x3f })).toThrow(StatusByteError);
  });

  it('round-trips the fake printer answers for every state', () => {
    for (const state of ['online', 'offline', 'paper_out', 'cover_open', 'error'] as const) {
      expect(parsePrinterStatus(statusBytesFor(state)).state).toBe(state);
    }
  });
});
