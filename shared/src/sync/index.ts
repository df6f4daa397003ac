/** The CRDT layout of the sync documents: pure functions on Y.Doc, shared by the hub and the cloud. */
export { docNames, parseDocName, renameVenue, isVenueId, isBusinessDay, isMonth, type DocKind, type ParsedDocName } from './doc-names.ts';
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
export { writeOrder, writePayment, writeBill, orderStatusWrites, itemStatusWrites, DAY_ROOT, PAYMENTS_ROOT, BILLS_ROOT } from './day-doc.ts';
export { readOrders, readOrderById, orderProblems, RECORD_LIMITS, type OrderRecord, type OrderItemRecord, type ModifierRecord } from './order-records.ts';
export {
  readPayments,
  readPaymentById,
  paymentProblem,
  paymentProblems,
  readBills,
  readBillByVisitId,
  billProblem,
  billProblems,
  MONEY_LIMITS,
  type PaymentRecord,
  type BillRecord,
  type TaxLineRecord,
} from './payment-records.ts';
export {
  writeEsimSale,
  removeEsimSale,
  hasEsimSale,
  readEsimSales,
  readEsimSaleById,
  esimSaleProblem,
  esimSaleProblems,
  effectiveSaleStatus,
  ESIM_SALES_ROOT,
  ESIM_SALE_KEYS,
  ESIM_SALE_LIMITS,
  type EsimSaleRecord,
} from './esim-sale-records.ts';
export {
  setMenuItem,
  readMenuItems,
  menuItemProblems,
  setTonRate,
  readTonRate,
  settingsProblems,
  configProblems,
  isNanotonsPerMinor,
  CONFIG_ROOT,
  SETTINGS_ROOT,
  type MenuItemPatch,
  type MenuItemRecord,
  type TonRateSetting,
} from './config-doc.ts';
export { layoutProblems, DOC_ROOTS } from './layout.ts';
export {
  writeStay,
  removeStay,
  hasStay,
  readStays,
  readStayById,
  stayProblem,
  stayProblems,
  effectiveStayStatus,
  STAYS_ROOT,
  STAY_KEYS,
  STAY_LIMITS,
  type StayInput,
  type StayRecord,
} from './stays-doc.ts';
export { setRoomTypes, readRoomTypes, roomTypeProblems, ROOM_TYPES_ROOT, type RoomTypeRecord } from './room-types-doc.ts';
