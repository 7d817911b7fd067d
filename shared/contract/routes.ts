/**
 * The HTTP contract as one table: every route the server mounts under /api, by name, with its method, path,
 * who may call it, its request schemas and the response schema of its success. The OpenAPI document
 * (server/platform/openapi.ts), the browser's typed `call` (client/src/api.ts) and the test client are made from it.
 */
import { z } from 'zod';
import * as accounts from './accounts';
import * as bidding from './bidding';
import * as cases from './cases';
import * as duties from './duties';
import * as admin from './admin';
import * as finance from './finance';
import * as files from './files';
import * as lots from './lots';
import * as disclosure from './disclosure';
import * as money from './money';
import * as notifications from './notifications';
import * as platform from './platform';
import * as stats from './stats';
import * as valuation from './valuation';
import { FILE_ROUTES, endpoint, type RouteName } from './endpoints';


/**
 * Who may call an operation: anyone, any signed-in user, or a role (admin may do whatever a staff role may).
 * Operations that check ownership on top (the buyer's own lot, a bidder's own registration) say so with a 403.
 */
export type Access = 'public' | 'signed_in' | 'court_staff' | 'finance' | 'admin';

/** The success of a route that answers with no body. */
export const noContent = z.undefined();
/** The success of a route that answers with a file rather than JSON; `produces` names its media type. */
export const fileBody = z.instanceof(Blob);

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** OpenAPI path template; every `{name}` is an id. */
  path: string;
  summary: string;
  access: Access;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The body may be left out altogether. */
  bodyOptional?: boolean;
  response: z.ZodType;
  /** Success statuses and what each means (all answer with `response`). */
  success: Partial<Record<200 | 201 | 204, string>>;
  /** Operation-specific errors; 400/401/403/404 that follow from the route's shape are implied. */
  errors?: Partial<Record<400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429, string>>;
  /** A non-JSON success body, e.g. application/pdf. */
  produces?: string;
  /** A request body that is not JSON, e.g. text/csv (sent as is, checked by the handler). */
  consumes?: string;
  /** Also answers as CSV with `?format=csv`. */
  csv?: boolean;
}

export const ROUTES = {
  // Platform
  health: { ...endpoint('health'), summary: 'Liveness: the process answers and which database engine it uses', access: 'public', response: platform.health, success: { 200: 'alive' } },
  clock: { ...endpoint('clock'), summary: 'Server time that every countdown syncs to', access: 'public', response: platform.clockView, success: { 200: 'the server time' } },
  openApi: { ...endpoint('openApi'), summary: 'This document', access: 'public', response: platform.openApiDocumentView, success: { 200: 'the OpenAPI document' } },
  advanceClock: { ...endpoint('advanceClock'), summary: 'Move the test clock (only with ENABLE_TEST_CLOCK=1 outside production)', access: 'admin', body: platform.clockAdvanceBody, response: platform.clockView, success: { 200: 'the moved server time' }, errors: { 404: 'NOT_FOUND: the test clock is not enabled on this server' } },

  // Administration: users and roles, court holidays, and the record of every change
  adminUsers: { ...endpoint('adminUsers'), summary: 'Users with their roles, newest first; ?q= part of an email or name, ?role=', access: 'admin', query: admin.adminUsersQuery, response: admin.adminUserList, success: { 200: 'newest first' } },
  setUserRoles: { ...endpoint('setUserRoles'), summary: "Set every role a user holds; the user's sessions read them again at once; recorded in the change log", access: 'admin', body: admin.userRolesBody, response: admin.adminUser, success: { 200: 'the user' }, errors: { 409: 'OWN_ADMIN_ROLE: an administrator cannot take away their own admin role' } },
  adminHolidays: { ...endpoint('adminHolidays'), summary: 'The court holidays every period in days skips (the COURT_HOLIDAYS setting and those added here)', access: 'admin', response: admin.holidayList, success: { 200: 'by date' } },
  putHoliday: { ...endpoint('putHoliday'), summary: 'Add a court holiday, or rename it; periods ending on it run to the next working day from now on; recorded', access: 'admin', body: admin.holidayBody, response: admin.holidayList, success: { 200: 'the holidays' } },
  removeHoliday: { ...endpoint('removeHoliday'), summary: 'Remove a holiday added here (one from the setting stays); recorded', access: 'admin', body: admin.holidayRemoveBody, bodyOptional: true, response: admin.holidayList, success: { 200: 'the holidays' }, errors: { 404: 'NOT_FOUND: no holiday was added here on that date' } },
  staffChanges: { ...endpoint('staffChanges'), summary: "The record of staff changes (roles, holidays, assets' kinds, courts, inquiry platforms), newest first; ?subjectType=", access: 'admin', query: admin.staffChangesQuery, response: admin.staffChangeList, success: { 200: 'newest first' } },
  adminInquiryPlatforms: { ...endpoint('adminInquiryPlatforms'), summary: 'The inquiry platforms a network inquiry asks (the active ones, when it starts), by name', access: 'admin', response: admin.inquiryPlatformList, success: { 200: 'by name' } },
  addInquiryPlatform: { ...endpoint('addInquiryPlatform'), summary: 'Add an inquiry platform, active at once; recorded in the change log', access: 'admin', body: admin.inquiryPlatformBody, response: admin.inquiryPlatformView, success: { 201: 'the platform' }, errors: { 409: 'INQUIRY_PLATFORM_EXISTS: a platform has that name' } },
  updateInquiryPlatform: { ...endpoint('updateInquiryPlatform'), summary: "Change a platform's address or fee; inquiries started from now on use it; recorded", access: 'admin', body: admin.inquiryPlatformUpdateBody, response: admin.inquiryPlatformView, success: { 200: 'the platform' }, errors: { 404: 'NOT_FOUND: no such platform' } },
  deactivateInquiryPlatform: { ...endpoint('deactivateInquiryPlatform'), summary: 'Stop asking a platform in new inquiries (quotes already requested keep it); recorded with the reason', access: 'admin', body: admin.inquiryPlatformStateBody, response: admin.inquiryPlatformView, success: { 200: 'the platform, inactive' }, errors: { 404: 'NOT_FOUND: no such platform' } },
  reactivateInquiryPlatform: { ...endpoint('reactivateInquiryPlatform'), summary: 'Ask a platform again in new inquiries; recorded with the reason', access: 'admin', body: admin.inquiryPlatformStateBody, response: admin.inquiryPlatformView, success: { 200: 'the platform, active' }, errors: { 404: 'NOT_FOUND: no such platform' } },
  adminCourts: { ...endpoint('adminCourts'), summary: 'The courts with their region, address and viewing phone, by name', access: 'admin', response: admin.courtList, success: { 200: 'by name' } },
  addCourt: { ...endpoint('addCourt'), summary: 'Add a court; recorded in the change log', access: 'admin', body: admin.courtBody, response: admin.courtView, success: { 201: 'the court' }, errors: { 409: 'COURT_EXISTS: a court has that name' } },
  updateCourt: { ...endpoint('updateCourt'), summary: "Change a court's region, address or viewing phone (its name stays: cases name it); recorded", access: 'admin', body: admin.courtUpdateBody, response: admin.courtView, success: { 200: 'the court' }, errors: { 404: 'NOT_FOUND: no such court' } },

  // Accounts
  register: { ...endpoint('register'), summary: 'Create a bidder account', access: 'public', body: accounts.registerBody, response: accounts.registerResponse, success: { 201: 'the account as sent, the same for a new and a taken email' }, errors: { 400: 'VALIDATION_FAILED (reason PASSWORD_TOO_WEAK for a common or easily guessed password)' } },
  login: { ...endpoint('login'), summary: 'Log in; returns a bearer token and sets the session cookie', access: 'public', body: accounts.loginBody, response: accounts.loginResponse, success: { 200: 'the token, the user and when the session ends' }, errors: { 401: 'UNAUTHENTICATED: wrong email or password', 403: 'FORBIDDEN (reason CROSS_ORIGIN: posted from another site)', 429: 'RATE_LIMITED' } },
  logout: { ...endpoint('logout'), summary: 'End the session (and clear the session cookie); harmless without one', access: 'public', response: noContent, success: { 204: 'logged out' } },
  me: { ...endpoint('me'), summary: 'The caller', access: 'signed_in', response: accounts.meResponse, success: { 200: 'the caller' } },
  verifyIdentity: { ...endpoint('verifyIdentity'), summary: 'Verify real-name identity (GB 11643 check digit)', access: 'signed_in', body: accounts.identityBody, response: accounts.identityResponse, success: { 200: 'verified' }, errors: { 409: 'IDENTITY_LOCKED (already verified: only the court or the platform corrects it) or IDENTITY_IN_USE', 422: 'IDENTITY_INVALID', 429: 'RATE_LIMITED (5 attempts an hour per account, 20 per address)' } },
  myRegistrations: { ...endpoint('myRegistrations'), summary: "The caller's lot registrations and deposits", access: 'signed_in', response: bidding.myRegistrations, success: { 200: 'newest first' } },
  myWatchlist: { ...endpoint('myWatchlist'), summary: 'The lots the caller watches, latest watched first', access: 'signed_in', response: notifications.watchlistView, success: { 200: 'the watched lots' } },
  watchLot: { ...endpoint('watchLot'), summary: 'Watch a lot (again: no change): its start, extensions and, once registered, the rest come as alerts', access: 'signed_in', response: notifications.watchState, success: { 200: 'watching' }, errors: { 404: 'NOT_FOUND: no such lot, or not yet announced' } },
  unwatchLot: { ...endpoint('unwatchLot'), summary: 'Stop watching a lot (not watched: no change)', access: 'signed_in', response: notifications.watchState, success: { 200: 'not watching' }, errors: { 404: 'NOT_FOUND: no such lot, or not yet announced' } },
  myNotifications: { ...endpoint('myNotifications'), summary: "The caller's alerts, newest first (lot starting, outbid, end extended, deposit held, refund sent, lot won, balance due); also pushed on the socket as notification", access: 'signed_in', query: notifications.notificationsQuery, response: notifications.notificationList, success: { 200: 'newest first, with the unread count' } },
  markNotificationsRead: { ...endpoint('markNotificationsRead'), summary: "Mark the caller's alerts read: the ids given, or all", access: 'signed_in', body: notifications.markReadBody, response: notifications.unreadCount, success: { 200: 'the unread count left' } },

  // Cases and assets
  createCase: { ...endpoint('createCase'), summary: 'Register an enforcement case', access: 'court_staff', body: cases.caseBody, response: cases.caseView, success: { 201: 'the case' }, errors: { 409: 'CASE_EXISTS' } },
  listCases: { ...endpoint('listCases'), summary: 'List cases with their asset counts, newest first: without a query the newest 500; ?q= part of the case number, applicant or respondent (% and _ match themselves), ?limit= and ?cursor= page through them and the answer carries nextCursor', access: 'court_staff', query: cases.caseListQuery, response: cases.caseList, success: { 200: 'newest first; nextCursor when paged' } },
  getCase: { ...endpoint('getCase'), summary: 'A case with its seized assets', access: 'court_staff', response: cases.caseWithAssets, success: { 200: 'the case with its assets' } },
  listCourts: { ...endpoint('listCourts'), summary: 'The courts a case may name, with region, address and viewing phone (a case may still name another)', access: 'court_staff', response: admin.courtList, success: { 200: 'by name' } },
  listRegions: { ...endpoint('listRegions'), summary: 'The regions of the registered courts (those with a region), each with its courts by name, for the lot search; per client address at most as many reads a minute as the other public reads', access: 'public', response: lots.regionList, success: { 200: 'by region' }, errors: { 429: 'RATE_LIMITED' } },
  casePreservation: { ...endpoint('casePreservation'), summary: "The case's preserved assets valued against the claim (over-seizure check)", access: 'court_staff', response: cases.preservationView, success: { 200: 'preservation report' } },
  createAsset: { ...endpoint('createAsset'), summary: 'Record a seized asset', access: 'court_staff', body: cases.assetBody, response: cases.assetView, success: { 201: 'the asset' }, errors: { 404: 'NOT_FOUND: the case' } },
  getAsset: { ...endpoint('getAsset'), summary: 'An asset', access: 'court_staff', response: cases.assetView, success: { 200: 'the asset' } },
  setAssetFlags: { ...endpoint('setAssetFlags'), summary: 'Set the asset flags that steer valuation (preserved, appraisal mandatory, seized at)', access: 'court_staff', body: cases.assetFlagsBody, response: cases.assetView, success: { 200: 'the asset' } },
  correctAssetKind: { ...endpoint('correctAssetKind'), summary: "Correct the asset's kind (movable, immovable, property right) until a lot of it is published; recorded with who corrected it", access: 'court_staff', body: cases.assetKindBody, response: cases.assetView, success: { 200: 'the asset' }, errors: { 409: 'ASSET_KIND_LOCKED: a lot of the asset has been published' } },
  assetAudit: { ...endpoint('assetAudit'), summary: "The asset's hash-chained record of valuation events", access: 'court_staff', response: valuation.valuationAudit, success: { 200: 'the record in chain order, with its head' } },
  uploadAssetFile: { ...endpoint('uploadAssetFile'), summary: 'Upload a photo (JPEG, PNG or WebP, at most 10 MB) or a document (PDF, at most 20 MB) of an asset; the type is read from the content, never the name; photos are served re-encoded without metadata, with a display size and a thumbnail', access: 'court_staff', consumes: 'multipart/form-data', body: files.fileUploadForm, response: files.fileUploaded, success: { 201: 'the stored file' }, errors: { 409: 'CONFLICT: the asset has its maximum number of files', 413: 'FILE_TOO_LARGE (details.maxBytes)', 415: 'FILE_TYPE_NOT_ALLOWED: the content is not JPEG, PNG, WebP or PDF, or not the kind given (details.detected, details.allowed); UNSUPPORTED_MEDIA_TYPE: not multipart/form-data', 429: 'RATE_LIMITED: too many uploads at once' } },
  listAssetFiles: { ...endpoint('listAssetFiles'), summary: "An asset's photos and documents with who uploaded each, and whether they are public yet", access: 'court_staff', response: files.assetFileList, success: { 200: 'photos first, each kind in upload order' } },
  deleteFile: { ...endpoint('deleteFile'), summary: 'Remove a photo or document while no lot of its asset has been announced (the record of the upload stays)', access: 'court_staff', response: noContent, success: { 204: 'removed' }, errors: { 409: 'LOT_NOT_DRAFT: a lot of the asset has been announced' } },
  getFile: { ...endpoint('getFile'), summary: 'A photo (re-encoded, without metadata) or a document (as an attachment); public once a lot of its asset is announced, court staff only before', access: 'public', produces: 'image/jpeg, image/png, image/webp, application/pdf', response: fileBody, success: { 200: 'the file, with its content type, nosniff and cache headers' } },
  getFileDisplay: { ...endpoint('getFileDisplay'), summary: 'A photo at display size (at most 1600 pixels a side, WebP); public as the photo is', access: 'public', produces: 'image/webp', response: fileBody, success: { 200: 'the image' } },
  getFileThumbnail: { ...endpoint('getFileThumbnail'), summary: "A photo's thumbnail (480 x 360, WebP); public as the photo is", access: 'public', produces: 'image/webp', response: fileBody, success: { 200: 'the image' } },

  // Valuation
  createValuation: { ...endpoint('createValuation'), summary: 'Determine a reference price', access: 'court_staff', body: valuation.valuationBody, response: valuation.valuationView, success: { 201: 'the valuation' }, errors: { 409: 'DETERMINATION_IN_PROGRESS or NO_INQUIRY_PLATFORMS', 422: 'RULE_VIOLATION (legal order of methods, B4-5)' } },
  listValuations: { ...endpoint('listValuations'), summary: "An asset's valuations, newest first", access: 'court_staff', response: valuation.valuationList, success: { 200: 'newest first' } },
  valuationWorklist: { ...endpoint('valuationWorklist'), summary: 'Valuations awaiting court action, and duties that are late', access: 'court_staff', response: valuation.worklist, success: { 200: 'the worklist' } },
  courtDuties: { ...endpoint('courtDuties'), summary: "The court's worklist: notices to send, drafts to publish and from when, lots ending today (UTC+8), balances due or overdue (A25), refunds overdue (A23), determinations in progress; most urgent first", access: 'court_staff', query: duties.dutiesQuery, response: duties.dutyList, success: { 200: 'overdue first, then due today, then by date' } },
  getValuation: { ...endpoint('getValuation'), summary: 'A valuation with its platform quotes and objections', access: 'court_staff', response: valuation.valuationDetailView, success: { 200: 'the valuation with quotes and objections' } },
  fileObjection: { ...endpoint('fileObjection'), summary: "File a party's objection during the objection window", access: 'court_staff', body: valuation.objectionBody, response: valuation.objectionFiled, success: { 201: 'the objection, pending' }, errors: { 422: 'RULE_VIOLATION: no objection to an agreed price (B22), or the objection period is closed' } },
  resolveObjection: { ...endpoint('resolveObjection'), summary: 'Sustain or reject an objection', access: 'court_staff', body: valuation.resolveObjectionBody, response: valuation.valuationDetailView, success: { 200: 'the valuation with quotes and objections' }, errors: { 409: 'OBJECTION_RESOLVED' } },
  extendAppraisal: { ...endpoint('extendAppraisal'), summary: 'Extend the appraisal report deadline by 15 days (at most twice, B19)', access: 'court_staff', body: lots.reasonBody, response: valuation.valuationDetailView, success: { 200: 'the valuation with quotes and objections' }, errors: { 409: 'NOT_PENDING_APPRAISAL', 422: 'RULE_VIOLATION: APPRAISAL_EXTENSIONS_EXHAUSTED' } },
  recordAppraisalReport: { ...endpoint('recordAppraisalReport'), summary: "Record the appraisal agency's report and price", access: 'court_staff', body: valuation.appraisalReportBody, response: valuation.valuationDetailView, success: { 200: 'the valuation with quotes and objections' }, errors: { 409: 'NOT_PENDING_APPRAISAL' } },

  // Lots
  createLot: { ...endpoint('createLot'), summary: 'Create a draft lot', access: 'court_staff', body: lots.lotBody, response: lots.lotView, success: { 201: 'the lot, a draft' }, errors: { 404: 'NOT_FOUND: the asset', 422: 'RULE_VIOLATION' } },
  listLots: { ...endpoint('listLots'), summary: 'List lots (drafts only for staff); ?region= keeps the lots of the registered courts of that region', access: 'public', query: lots.lotListQuery, response: lots.lotList, success: { 200: 'live first, then upcoming, then finished; without bids' } },
  getLot: { ...endpoint('getLot'), summary: "A lot with its bid record by bidder code (a draft only for staff) and the registered court's viewing contact (courtContact)", access: 'public', response: files.lotDetailView, success: { 200: 'the lot, with its photos and documents' } },
  updateDisclosure: { ...endpoint('updateDisclosure'), summary: "Replace a draft's announcement, its translation or disclosure fields (A13, A14)", access: 'court_staff', body: disclosure.disclosureUpdateBody, response: lots.lotView, success: { 200: 'the lot' }, errors: { 409: 'LOT_NOT_DRAFT' } },
  notifyParties: { ...endpoint('notifyParties'), summary: 'Record that the parties and known priority holders were notified (A16); publishing waits until the fourth calendar day', access: 'court_staff', body: lots.noticeBody, bodyOptional: true, response: lots.lotView, success: { 200: 'the lot' }, errors: { 409: 'the lot is no longer a draft' } },
  publishLot: { ...endpoint('publishLot'), summary: 'Publish the announcement (A12 checked against the server clock)', access: 'court_staff', response: lots.publishResult, success: { 200: 'announced' }, errors: { 409: 'the lot is not a draft', 422: 'RULE_VIOLATION (DISCLOSURE_MISSING names each empty disclosure field in details.missing)' } },
  suspendLot: { ...endpoint('suspendLot'), summary: 'Suspend an announced or live lot', access: 'court_staff', body: lots.reasonBody, response: lots.lotView, success: { 200: 'the lot' }, errors: { 409: 'the lot cannot be suspended in its status' } },
  resumeLot: { ...endpoint('resumeLot'), summary: 'Resume a suspended lot', access: 'court_staff', response: lots.lotView, success: { 200: 'the lot' }, errors: { 409: 'LOT_NOT_SUSPENDED' } },
  cancelLot: { ...endpoint('cancelLot'), summary: 'Cancel a lot before it closes', access: 'court_staff', body: lots.reasonBody, response: lots.lotView, success: { 200: 'the lot' }, errors: { 409: 'the lot cannot be cancelled in its status' } },
  addPriorityHolder: { ...endpoint('addPriorityHolder'), summary: 'Record a court-confirmed priority purchase right holder (A19, A21); the answer carries no bidder code (A18)', access: 'court_staff', body: lots.priorityHolderBody, response: lots.priorityHolderAdded, success: { 201: 'the holder' }, errors: { 404: 'NOT_FOUND: the lot or the user', 409: 'LOT_NOT_OPEN_FOR_HOLDERS or ALREADY_PRIORITY_HOLDER' } },
  listPriorityHolders: { ...endpoint('listPriorityHolders'), summary: 'Priority holders by name and rank, never by code (A18)', access: 'court_staff', response: lots.priorityHolderList, success: { 200: 'by rank' } },
  creditorTakeover: { ...endpoint('creditorTakeover'), summary: 'Record that an execution creditor takes the asset after an unsold round', access: 'court_staff', body: lots.creditorTakeoverBody, response: lots.lotView, success: { 200: 'the lot' }, errors: { 409: 'ALREADY_TAKEN_OVER', 422: 'RULE_VIOLATION: TAKEOVER_NEEDS_FAILED_LATER_ROUND (C16)' } },
  lotActions: { ...endpoint('lotActions'), summary: "What the caller may do next with the lot, and by when: only the actions of the caller's roles (a finance action such as recording the balance is not listed for court staff; shared/lot-action-roles.ts)", access: 'court_staff', response: lots.lotActionList, success: { 200: 'each action, allowed or why not' } },
  lotAudit: { ...endpoint('lotAudit'), summary: "The lot's hash-chained audit log", access: 'court_staff', response: lots.auditTrail, success: { 200: 'the log in chain order, with its head' } },
  bidLog: { ...endpoint('bidLog'), summary: "The lot's hash-chained bid record, by bidder code", access: 'public', response: lots.bidLog, success: { 200: 'the record in chain order; head is the last entry\'s hash' } },
  lotBuyer: { ...endpoint('lotBuyer'), summary: 'Who bought a sold lot (court staff and the buyer)', access: 'signed_in', response: lots.buyerView, success: { 200: 'the buyer' }, errors: { 403: 'FORBIDDEN: neither court staff nor the buyer', 409: 'NO_BUYER' } },
  lotConfirmation: { ...endpoint('lotConfirmation'), summary: 'The confirmation of sale (court staff and the buyer), once sold', access: 'signed_in', produces: FILE_ROUTES.lotConfirmation, response: fileBody, success: { 200: 'the confirmation of sale as a PDF attachment' }, errors: { 403: 'FORBIDDEN: neither court staff nor the buyer', 409: 'the lot is not sold' } },

  // Registration, deposit, bidding
  registerForLot: { ...endpoint('registerForLot'), summary: 'Register for a lot; returns the bidder code and deposit payment details', access: 'signed_in', response: bidding.registrationView, success: { 201: 'the registration, deposit pending', 200: 'the existing registration' }, errors: { 403: 'FORBIDDEN (reason IDENTITY_NOT_VERIFIED)', 409: 'the lot does not take registrations', 422: 'RULE_VIOLATION: staff may not bid, or a defaulter is barred' } },
  myRegistration: { ...endpoint('myRegistration'), summary: "The caller's registration for the lot", access: 'signed_in', response: bidding.registrationView, success: { 200: 'the registration' }, errors: { 404: 'NOT_FOUND: no registration for this lot' } },
  placeBid: { ...endpoint('placeBid'), summary: 'Place a bid', access: 'signed_in', body: bidding.bidBody, response: bidding.bidResult, success: { 201: 'the bid (the first result again for a repeated clientBidId)' }, errors: { 403: 'not registered or deposit not held', 409: 'LOT_NOT_LIVE', 422: 'RULE_VIOLATION (details.minimum when too low)', 429: 'RATE_LIMITED' } },
  setProxyBid: { ...endpoint('setProxyBid'), summary: 'Set (or replace) a proxy bid: the platform bids the minimum for the caller whenever outbid, up to maxAmount; set while outbid, it bids at once', access: 'signed_in', body: bidding.proxyBidBody, response: bidding.proxyBidView, success: { 201: 'the proxy bid in force' }, errors: { 403: 'not registered or deposit not held', 409: 'LOT_NOT_LIVE', 422: 'RULE_VIOLATION (details.minimum: the lowest maximum accepted)' } },
  withdrawProxyBid: { ...endpoint('withdrawProxyBid'), summary: 'Withdraw the proxy bid; bids it placed stand', access: 'signed_in', response: noContent, success: { 204: 'withdrawn' }, errors: { 404: 'NOT_FOUND: no proxy bid in force' } },
  myProxyBid: { ...endpoint('myProxyBid'), summary: "The caller's proxy bid in force on the lot", access: 'signed_in', response: bidding.myProxyBid, success: { 200: 'the proxy bid, or null' } },

  // Money
  pendingDeposits: { ...endpoint('pendingDeposits'), summary: 'Deposits awaiting a bank transfer', access: 'finance', response: finance.pendingDeposits, success: { 200: 'oldest first' } },
  confirmDeposit: { ...endpoint('confirmDeposit'), summary: 'Confirm a deposit received by bank transfer', access: 'finance', body: finance.confirmDepositBody, response: finance.depositConfirmation, success: { 200: 'the deposit, held' }, errors: { 409: 'DEPOSIT_NOT_PENDING, BANK_REFERENCE_USED, or the lot no longer takes deposits' } },
  balances: { ...endpoint('balances'), summary: "Sold and defaulted lots with the buyer's balance due and paid", access: 'finance', response: finance.balanceList, success: { 200: 'the lots' } },
  recordBalance: { ...endpoint('recordBalance'), summary: "Record the buyer's balance payment", access: 'finance', body: finance.balanceBody, response: lots.lotView, success: { 200: 'the lot' }, errors: { 409: 'the lot is not sold, or BALANCE_ALREADY_PAID' } },
  trialBalance: { ...endpoint('trialBalance'), summary: 'Trial balance of the ledger', access: 'finance', response: finance.trialBalance, success: { 200: 'debits, credits and balance per account' } },
  importStatement: { ...endpoint('importStatement'), summary: 'Import a bank statement (text/csv, api.md columns): all lines or none; ?preview=1 decides and applies nothing', access: 'finance', consumes: 'text/csv', query: money.statementQuery, response: money.statementImport, success: { 200: 'the counts and every line\'s decision' }, errors: { 422: 'STATEMENT_INVALID with details.errors [{line, message, problems: [{field?, code, params?}]}] (codes: STATEMENT_PROBLEM_CODES)' } },
  unmatchedLines: { ...endpoint('unmatchedLines'), summary: 'Statement lines that matched nothing, waiting for finance', access: 'finance', response: money.unmatchedList, success: { 200: 'oldest first' } },
  matchLine: { ...endpoint('matchLine'), summary: "Match an unmatched line by hand to a registration's deposit or a lot's balance", access: 'finance', body: money.matchLineBody, response: money.resolvedLine, success: { 200: 'the line, matched' }, errors: { 409: 'LINE_RESOLVED, or the deposit or balance is not open', 422: 'RULE_VIOLATION: the amount is not the one due' } },
  returnLine: { ...endpoint('returnLine'), summary: 'Return an unmatched line to its payer: a refund falls due', access: 'finance', body: money.returnLineBody, response: money.resolvedLine, success: { 200: 'the line, returned, with its refund' }, errors: { 409: 'LINE_RESOLVED' } },
  refunds: { ...endpoint('refunds'), summary: 'Money to pay back (released deposits, excess, returned lines); ?format=csv is the bank payment file, without refunds that have no account (accountNeeded)', access: 'finance', query: money.refundsQuery, csv: true, response: money.refundList, success: { 200: 'due first by dueBy' } },
  refundSent: { ...endpoint('refundSent'), summary: "Record that a bank refund was sent, with the bank's reference (and the account it went to, for a refund that had none)", access: 'finance', body: money.refundSentBody, response: money.refundView, success: { 200: 'the refund, sent' }, errors: { 400: 'VALIDATION_FAILED (payeeAccount differs from the account on record)', 409: 'REFUND_NOT_DUE' } },
  proceeds: { ...endpoint('proceeds'), summary: 'Sold lots whose proceeds await approval or payout to the court', access: 'finance', response: money.proceedsList, success: { 200: 'the lots' } },
  approveProceeds: { ...endpoint('approveProceeds'), summary: "The court approves paying a sold lot's proceeds to its enforcement account", access: 'court_staff', response: money.proceedsRow, success: { 200: 'approved' }, errors: { 409: 'the balance is unpaid, or PROCEEDS_APPROVED' } },
  payoutProceeds: { ...endpoint('payoutProceeds'), summary: 'Record the payout of approved proceeds to the court', access: 'finance', body: money.payoutBody, response: money.proceedsRow, success: { 200: 'paid' }, errors: { 409: 'PROCEEDS_NOT_APPROVED or PROCEEDS_PAID' } },
  allocateForfeiture: { ...endpoint('allocateForfeiture'), summary: "Allocate a defaulted buyer's forfeited deposit: re-auction costs, then the price gap, then the debt (A24)", access: 'finance', body: money.forfeitureBody, response: money.ledgerView, success: { 200: 'the forfeiture account after allocation' }, errors: { 409: 'the lot is not defaulted, or already allocated', 422: 'RULE_VIOLATION: more than the deposit' } },
  ledgerAccounts: { ...endpoint('ledgerAccounts'), summary: 'The chart of accounts with posted balances, sub-accounts per lot and party', access: 'finance', response: money.accountsView, success: { 200: 'every account' } },
  ledger: { ...endpoint('ledger'), summary: "One account's entries (a root includes its sub-accounts), down to the lot", access: 'finance', query: money.ledgerQuery, response: money.ledgerView, success: { 200: 'newest first' } },
  reconciliation: { ...endpoint('reconciliation'), summary: "The day's reconciliation (UTC+8): movements and closing balance per account, unmatched lines, refunds overdue; ?format=csv", access: 'finance', query: money.reconciliationQuery, csv: true, response: money.reconciliationReport, success: { 200: 'the report' } },
  payDepositOnline: { ...endpoint('payDepositOnline'), summary: "Pay the caller's deposit online: a hold at the payment provider, captured only if the caller wins", access: 'signed_in', response: money.onlineDepositView, success: { 200: 'the hold to complete in the browser' }, errors: { 404: 'NOT_FOUND: no registration, or no online provider configured', 409: 'DEPOSIT_NOT_PENDING' } },
  payBalanceOnline: { ...endpoint('payBalanceOnline'), summary: "The buyer pays a sold lot's balance online: an ordinary payment at the provider, recorded when it succeeds", access: 'signed_in', response: money.onlineDepositView, success: { 200: 'the payment to complete in the browser' }, errors: { 403: 'FORBIDDEN: not the buyer', 404: 'NOT_FOUND: no such lot, or no online provider configured', 409: 'LOT_NOT_SOLD or BALANCE_ALREADY_PAID' } },
  outboxCalls: { ...endpoint('outboxCalls'), summary: 'Calls to the payment provider that failed (?status=failed) or erred and are retrying (?status=retrying); both by default', access: 'finance', query: money.outboxQuery, response: money.outboxCallList, success: { 200: 'newest first' } },
  retryOutboxCall: { ...endpoint('retryOutboxCall'), summary: 'Put a failed provider call back in the queue, due now (a failed refund is due again)', access: 'finance', response: money.outboxCallView, success: { 200: 'the call, pending' }, errors: { 404: 'NOT_FOUND', 409: 'CALL_NOT_FAILED: not failed, or a payment the payer starts afresh' } },
  paymentWebhook: { ...endpoint('paymentWebhook'), summary: "The payment provider's signed events; a repeat or late event never takes effect twice", access: 'public', consumes: 'application/json', response: money.webhookAck, success: { 200: 'received' }, errors: { 400: 'BAD_SIGNATURE' } },
  sandboxPay: { ...endpoint('sandboxPay'), summary: "The demo's sandbox checkout (only when the sandbox provider runs)", access: 'signed_in', body: money.sandboxPayBody, response: money.onlineDepositView, success: { 200: 'the payment after the sandbox decided it' }, errors: { 404: 'NOT_FOUND: no sandbox on this server' } },

  // Statistics
  stats: { ...endpoint('stats'), summary: 'Figures over auctions finished in [from, to) (dates in UTC+8): lots, success rate, turnover, premiums over starting and reference, commission saved (C29 per lot), per-lot counts; ?groupBy=court|kind|month|round; ?format=csv', access: 'public', query: stats.statsQuery, csv: true, response: stats.statsView, success: { 200: 'the figures (zeros for an empty period)' } },
  results: { ...endpoint('results'), summary: 'Results (成交公示): finished auctions in [from, to) (UTC+8), newest first, with final price, bid count and winner code; a sold lot names its buyer as A22 publishes it, ID masked; cursor paging; ?format=csv gives every matching row of every page, newest first, up to 50,000 on PostgreSQL and 20,000 on the embedded engine (X-Results-Truncated names the cap when more matched); per client address at most 120 reads and 10 CSV files a minute', access: 'public', query: stats.resultsQuery, csv: true, response: stats.resultList, success: { 200: 'one page, and the cursor of the next' } },
  statsCourts: { ...endpoint('statsCourts'), summary: 'Courts with finished auctions, for the statistics and results filters', access: 'public', response: stats.courtList, success: { 200: 'by name' } },
} as const satisfies Record<RouteName, RouteSpec>;

export type Routes = typeof ROUTES;
