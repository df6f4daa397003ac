import { describe } from 'vitest';
import { pgliteBackend } from './support/cloud-harness.ts';
import { hotelScenarios } from './support/hotel-scenarios.ts';

// Stays, room types, the hotel report and HQ's bookings on the embedded default: one PGlite for the file.
describe('the hotel at HQ on PGlite', () => {
  hotelScenarios(pgliteBackend);
});
