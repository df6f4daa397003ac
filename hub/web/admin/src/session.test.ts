import { describe, expect, it } from 'vitest';
import { homeFor, homePage, pageAfterLogin } from './session.ts';

describe('where a login lands', () => {
  it('sends each role to its own page', () => {
    expect(homeFor('kitchen')).toBe('/kds/');
    expect(homeFor('waiter')).toBe('/admin/tables');
    expect(homeFor('front_desk')).toBe('/admin/front-desk');
    expect(homeFor('housekeeping')).toBe('/admin/housekeeping');
    expect(homePage('manager')).toBe('tables');
  });

  it('keeps a waiter or manager where the tablet was, and takes the hotel staff to their page', () => {
    expect(pageAfterLogin('manager', 'payments')).toBe('payments');
    expect(pageAfterLogin('waiter', 'orders')).toBe('orders');
    expect(pageAfterLogin('front_desk', 'tables')).toBe('front-desk');
    expect(pageAfterLogin('front_desk', 'housekeeping')).toBe('housekeeping');
    expect(pageAfterLogin('housekeeping', 'front-desk')).toBe('housekeeping');
    expect(pageAfterLogin('housekeeping', 'tables')).toBe('housekeeping');
  });
});
