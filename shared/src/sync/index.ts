/** The CRDT layout of the sync documents: pure functions on Y.Doc, shared by the hub and the cloud. */
export { docNames, parseDocName, renameVenue, isVenueId, isBusinessDay, type DocKind, type ParsedDocName } from './doc-names.ts';
export {
  effectiveOrderStatus,
  effectiveItemStatus,
  readiness,
  roundKey,
  toStatusTimes,
  type StatusTimes,
  type StatusTimesLike,
  type Readiness,
} from './status-times.ts';
export { writeOrder, orderStatusWrites, itemStatusWrites, DAY_ROOT } from './day-doc.ts';
export { readOrders, readOrderById, orderProblems, RECORD_LIMITS, type OrderRecord, type OrderItemRecord, type ModifierRecord } from './order-records.ts';
export { setMenuItem, readMenuItems, menuItemProblems, CONFIG_ROOT, type MenuItemPatch, type MenuItemRecord } from './config-doc.ts';
export { layoutProblems, DOC_ROOTS } from './layout.ts';
