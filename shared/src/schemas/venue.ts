import { Type, type Static } from 'typebox';

export const StationSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  warnMinutes: Type.Integer({ description: 'A ticket older than this shows as late-ish (amber)' }),
  lateMinutes: Type.Integer({ description: 'A ticket older than this shows as late (red)' }),
});
export type Station = Static<typeof StationSchema>;

export const VenueSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  currency: Type.String(),
  timezone: Type.String(),
  languages: Type.Array(Type.String()),
  visitPolicy: Type.Union([Type.Literal('auto'), Type.Literal('staff')]),
  stations: Type.Array(StationSchema),
  modules: Type.Array(Type.String(), { description: 'The modules this hub runs (MODULES): restaurant, printing, sync, translator' }),
});
export type Venue = Static<typeof VenueSchema>;
