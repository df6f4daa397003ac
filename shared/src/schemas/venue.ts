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
});
export type Venue = Static<typeof VenueSchema>;
