/**
 * Every route's method and path by name, without its schemas: all the browser needs to make a call,
 * so that the entry bundle does not carry zod. routes.ts adds the schemas, roles and descriptions.
 */
export const ENDPOINTS = {
  health: 'GET /api/health',
  clock: 'GET /api/clock',
  openApi: 'GET /api/openapi.json',
  advanceClock: 'POST /api/admin/clock/advance',
  register: 'POST /api/auth/register',
  login: 'POST /api/auth/login',
  logout: 'POST /api/auth/logout',
  me: 'GET /api/me',
  verifyIdentity: 'POST /api/me/identity',
  myRegistrations: 'GET /api/me/registrations',
  createCase: 'POST /api/cases',
  listCases: 'GET /api/cases',
  getCase: 'GET /api/cases/{id}',
  casePreservation: 'GET /api/cases/{id}/preservation',
  createAsset: 'POST /api/assets',
  getAsset: 'GET /api/assets/{id}',
  setAssetFlags: 'POST /api/assets/{id}/flags',
  assetAudit: 'GET /api/assets/{id}/audit',
  createValuation: 'POST /api/assets/{id}/valuations',
  listValuations: 'GET /api/assets/{id}/valuations',
  valuationWorklist: 'GET /api/valuations/worklist',
  getValuation: 'GET /api/valuations/{id}',
  fileObjection: 'POST /api/valuations/{id}/objections',
  resolveObjection: 'POST /api/valuations/{id}/objections/{objectionId}/resolve',
  extendAppraisal: 'POST /api/valuations/{id}/appraisal/extend',
  recordAppraisalReport: 'POST /api/valuations/{id}/appraisal/report',
  createLot: 'POST /api/lots',
  listLots: 'GET /api/lots',
  getLot: 'GET /api/lots/{id}',
  notifyParties: 'POST /api/lots/{id}/notify-parties',
  publishLot: 'POST /api/lots/{id}/publish',
  suspendLot: 'POST /api/lots/{id}/suspend',
  resumeLot: 'POST /api/lots/{id}/resume',
  cancelLot: 'POST /api/lots/{id}/cancel',
  addPriorityHolder: 'POST /api/lots/{id}/priority-holders',
  listPriorityHolders: 'GET /api/lots/{id}/priority-holders',
  creditorTakeover: 'POST /api/lots/{id}/creditor-takeover',
  lotActions: 'GET /api/lots/{id}/actions',
  lotAudit: 'GET /api/lots/{id}/audit',
  bidLog: 'GET /api/lots/{id}/bid-log',
  lotBuyer: 'GET /api/lots/{id}/buyer',
  lotConfirmation: 'GET /api/lots/{id}/confirmation',
  registerForLot: 'POST /api/lots/{id}/registrations',
  myRegistration: 'GET /api/lots/{id}/registration',
  placeBid: 'POST /api/lots/{id}/bids',
  pendingDeposits: 'GET /api/finance/deposits',
  confirmDeposit: 'POST /api/finance/deposits/{registrationId}/confirm',
  balances: 'GET /api/finance/balances',
  recordBalance: 'POST /api/finance/lots/{id}/balance',
  trialBalance: 'GET /api/finance/trial-balance',
  importStatement: 'POST /api/finance/statements',
  unmatchedLines: 'GET /api/finance/unmatched',
  matchLine: 'POST /api/finance/unmatched/{id}/match',
  returnLine: 'POST /api/finance/unmatched/{id}/return',
  refunds: 'GET /api/finance/refunds',
  refundSent: 'POST /api/finance/refunds/{id}/sent',
  proceeds: 'GET /api/finance/proceeds',
  approveProceeds: 'POST /api/lots/{id}/proceeds/approve',
  payoutProceeds: 'POST /api/finance/lots/{id}/payout',
  allocateForfeiture: 'POST /api/finance/lots/{id}/forfeiture',
  ledgerAccounts: 'GET /api/finance/accounts',
  ledger: 'GET /api/finance/ledger',
  reconciliation: 'GET /api/finance/reconciliation',
  payDepositOnline: 'POST /api/lots/{id}/registration/pay-online',
  payBalanceOnline: 'POST /api/lots/{id}/balance/pay-online',
  outboxCalls: 'GET /api/finance/outbox',
  retryOutboxCall: 'POST /api/finance/outbox/{id}/retry',
  paymentWebhook: 'POST /api/payments/webhook',
  sandboxPay: 'POST /api/payments/sandbox/pay',
  stats: 'GET /api/stats',
} as const;

export type RouteName = keyof typeof ENDPOINTS;
type Endpoint<N extends RouteName> = (typeof ENDPOINTS)[N];
export type MethodOf<N extends RouteName> = Endpoint<N> extends `${infer M} ${string}` ? M : never;
export type PathOf<N extends RouteName> = Endpoint<N> extends `${string} ${infer P}` ? P : never;

/** Routes that answer with a file rather than JSON, and its media type. */
export const FILE_ROUTES: Partial<Record<RouteName, string>> = {
  lotConfirmation: 'application/pdf',
};

/** A route's method and path, typed as the literals they are. */
export function endpoint<N extends RouteName>(name: N): { method: MethodOf<N>; path: PathOf<N> } {
  const [method, path] = ENDPOINTS[name].split(' ');
  return { method, path } as { method: MethodOf<N>; path: PathOf<N> };
}
