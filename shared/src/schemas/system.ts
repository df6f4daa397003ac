import { Type } from 'typebox';

export const HealthSchema = Type.Object({
  status: Type.Literal('ok'),
  version: Type.String(),
  uptimeSeconds: Type.Integer(),
  db: Type.Literal('ok'),
});
