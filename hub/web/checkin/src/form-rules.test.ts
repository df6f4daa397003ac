import { describe, expect, it } from 'vitest';
import { codeFromPath, missingFields, needsRedraw, registrationBody, type FormState } from './form-rules.ts';

const form: FormState = {
  fullName: ' Guest A ',
  nationality: 'GR',
  documentType: 'passport',
  documentNumber: ' AB123456 ',
  address: '1 Harbour Road',
  arrival: '2026-06-01',
  departure: '2026-06-03',
  consent: true,
};

describe('check-in form rules', () => {
  it('reads the code from the link', () => {
    expect(codeFromPath('/checkin/abcd2345xy')).toBe('abcd2345xy');
    expect(codeFromPath('/checkin/abcd2345xy/')).toBe('abcd2345xy');
    expect(codeFromPath('/checkin/')).toBeNull();
    expect(codeFromPath('/checkin/short')).toBeNull();
    expect(codeFromPath('/checkin/abcd2345xy/../x')).toBeNull();
  });

  it('names the empty fields in the form’s order', () => {
    expect(missingFields(form)).toEqual([]);
    expect(missingFields({ ...form, fullName: '  ', address: '' })).toEqual(['fullName', 'address']);
  });

  it('builds the body the hub expects, only once the guest agreed', () => {
    expect(registrationBody({ ...form, consent: false }, 'data:image/png;base64,AAAA')).toBeNull();
    expect(registrationBody(form, 'data:image/png;base64,AAAA')).toEqual({
      fullName: 'Guest A',
      nationality: 'GR',
      documentType: 'passport',
      documentNumber: 'AB123456',
      address: '1 Harbour Road',
      arrival: '2026-06-01',
      departure: '2026-06-03',
      consent: true,
      signature: 'data:image/png;base64,AAAA',
    });
  });

  it('redraws photos the hub would not take as they are, or that are bigger than it keeps', () => {
    expect(needsRedraw('image/jpeg', 2_000_000, 1200)).toBe(false);
    expect(needsRedraw('image/heic', 2_000_000, 1200)).toBe(true);
    expect(needsRedraw('image/jpeg', 9_000_000, 1200)).toBe(true);
    expect(needsRedraw('image/png', 500_000, 4000)).toBe(true);
  });
});
