// Every table of the hub, gathered for drizzle and drizzle-kit. Each domain owns its tables.ts.
export * from './venue/tables.ts';
export * from './auth/tables.ts';
export * from './restaurant/menu/tables.ts';
export * from './restaurant/floor/tables.ts';
export * from './restaurant/orders/tables.ts';
export * from './events/tables.ts';
export * from './printing/tables.ts';
export * from './sync/tables.ts';
export * from './translator/tables.ts';
export * from './outbox/tables.ts';
export * from './payments/tables.ts';
export * from './payments/ton/tables.ts';
export * from './hotel/tables.ts';
export * from './esim/tables.ts';
