import { z } from 'zod';
import * as api from '../../shared/api';

/**
 * Who may call an operation: anyone, any signed-in user, or a role (admin may do whatever a staff role may).
 * Operations that check ownership on top (the buyer's own lot, a bidder's own registration) say so with a 403.
 */
type Access = 'public' | 'signed_in' | 'court_staff' | 'finance' | 'admin';
type Op = {
  method: 'get' | 'post'; path: string; summary: string; access: Access;
  body?: z.ZodType; bodyOptional?: boolean; query?: z.ZodType;
  /** Success and operation-specific errors; 400/401/403/404 that follow from the route's shape are added below. */
  responses: Record<string, string>;
  /** A non-JSON success body, e.g. application/pdf. */
  produces?: string;
};

const ops: Op[] = [
  // Platform
  { method: 'get', path: '/api/health', summary: 'Liveness: the process answers and which database engine it uses', access: 'public', responses: { 200: '{ok: true, database}' } },
  { method: 'get', path: '/api/clock', summary: 'Server time that every countdown syncs to', access: 'public', responses: { 200: '{now}' } },
  { method: 'get', path: '/api/openapi.json', summary: 'This document', access: 'public', responses: { 200: 'the OpenAPI document' } },
  { method: 'post', path: '/api/admin/clock/advance', summary: 'Move the test clock (only with ENABLE_TEST_CLOCK=1 outside production)', access: 'admin', body: api.clockAdvanceBody, responses: { 200: '{now}', 404: 'NOT_FOUND: the test clock is not enabled on this server' } },

  // Accounts
  { method: 'post', path: '/api/auth/register', summary: 'Create a bidder account', access: 'public', body: api.registerBody, responses: { 201: '{user: {email, name, roles, identityVerified}} (the same for a new and a taken email)', 400: 'VALIDATION_FAILED (reason PASSWORD_TOO_WEAK for a common or easily guessed password)' } },
  { method: 'post', path: '/api/auth/login', summary: 'Log in; returns a bearer token and sets the session cookie', access: 'public', body: api.loginBody, responses: { 200: '{token, user, expiresAt}', 401: 'UNAUTHENTICATED: wrong email or password', 403: 'FORBIDDEN (reason CROSS_ORIGIN: posted from another site)', 429: 'RATE_LIMITED' } },
  { method: 'post', path: '/api/auth/logout', summary: 'End the session (and clear the session cookie); harmless without one', access: 'public', responses: { 204: 'logged out' } },
  { method: 'get', path: '/api/me', summary: 'The caller', access: 'signed_in', responses: { 200: '{user: {id, email, name, roles, identityVerified}}' } },
  { method: 'post', path: '/api/me/identity', summary: 'Verify real-name identity (GB 11643 check digit)', access: 'signed_in', body: api.identityBody, responses: { 200: '{identityVerified: true, user}', 422: 'IDENTITY_INVALID' } },
  { method: 'get', path: '/api/me/registrations', summary: "The caller's lot registrations and deposits", access: 'signed_in', responses: { 200: '{registrations}' } },

  // Cases and assets
  { method: 'post', path: '/api/cases', summary: 'Register an enforcement case', access: 'court_staff', body: api.caseBody, responses: { 201: 'case', 409: 'CASE_EXISTS' } },
  { method: 'get', path: '/api/cases', summary: 'List cases with their asset counts', access: 'court_staff', responses: { 200: '{cases}' } },
  { method: 'get', path: '/api/cases/{id}', summary: 'A case with its seized assets', access: 'court_staff', responses: { 200: 'case with assets' } },
  { method: 'get', path: '/api/cases/{id}/preservation', summary: "The case's preservation (seizure) periods and their expiry", access: 'court_staff', responses: { 200: 'preservation report' } },
  { method: 'post', path: '/api/assets', summary: 'Record a seized asset', access: 'court_staff', body: api.assetBody, responses: { 201: 'asset', 404: 'NOT_FOUND: the case' } },
  { method: 'get', path: '/api/assets/{id}', summary: 'An asset', access: 'court_staff', responses: { 200: 'asset' } },
  { method: 'post', path: '/api/assets/{id}/flags', summary: 'Set the asset flags that steer valuation (preserved, appraisal mandatory, seized at)', access: 'court_staff', body: api.assetFlagsBody, responses: { 200: 'asset' } },
  { method: 'get', path: '/api/assets/{id}/audit', summary: "The asset's hash-chained record of valuation events", access: 'court_staff', responses: { 200: '{assetId, head, entries: [{seq, at, actorId, action, valuationId, data, prevHash, hash}]}' } },

  // Valuation
  { method: 'post', path: '/api/assets/{id}/valuations', summary: 'Determine a reference price', access: 'court_staff', body: api.valuationBody, responses: { 201: 'valuation {id, method, status, referencePrice, validUntil, ...}', 409: 'DETERMINATION_IN_PROGRESS or NO_INQUIRY_PLATFORMS', 422: 'RULE_VIOLATION (legal order of methods, B4-5)' } },
  { method: 'get', path: '/api/assets/{id}/valuations', summary: "An asset's valuations, newest first", access: 'court_staff', responses: { 200: '{valuations}' } },
  { method: 'get', path: '/api/valuations/worklist', summary: 'Valuations awaiting court action, and duties that are late', access: 'court_staff', responses: { 200: '{items, lateDuties}' } },
  { method: 'get', path: '/api/valuations/{id}', summary: 'A valuation with its platform quotes and objections', access: 'court_staff', responses: { 200: 'valuation with quotes and objections' } },
  { method: 'post', path: '/api/valuations/{id}/objections', summary: "File a party's objection during the objection window", access: 'court_staff', body: api.objectionBody, responses: { 201: '{id, status}', 422: 'RULE_VIOLATION: no objection to an agreed price (B22), or the objection period is closed' } },
  { method: 'post', path: '/api/valuations/{id}/objections/{objectionId}/resolve', summary: 'Sustain or reject an objection', access: 'court_staff', body: api.resolveObjectionBody, responses: { 200: 'valuation with quotes and objections', 409: 'OBJECTION_RESOLVED' } },
  { method: 'post', path: '/api/valuations/{id}/appraisal/extend', summary: 'Extend the appraisal report deadline by 15 days (at most twice, B19)', access: 'court_staff', body: api.reasonBody, responses: { 200: 'valuation with quotes and objections', 409: 'NOT_PENDING_APPRAISAL', 422: 'RULE_VIOLATION: APPRAISAL_EXTENSIONS_EXHAUSTED' } },
  { method: 'post', path: '/api/valuations/{id}/appraisal/report', summary: "Record the appraisal agency's report and price", access: 'court_staff', body: api.appraisalReportBody, responses: { 200: 'valuation with quotes and objections', 409: 'NOT_PENDING_APPRAISAL' } },

  // Lots
  { method: 'post', path: '/api/lots', summary: 'Create a draft lot', access: 'court_staff', body: api.lotBody, responses: { 201: 'lot {id, status: "draft", ...}', 404: 'NOT_FOUND: the asset', 422: 'RULE_VIOLATION' } },
  { method: 'get', path: '/api/lots', summary: 'List lots (drafts only for staff)', access: 'public', query: api.lotListQuery, responses: { 200: '{lots}' } },
  { method: 'get', path: '/api/lots/{id}', summary: 'A lot with its bid record by bidder code (a draft only for staff)', access: 'public', responses: { 200: 'lot' } },
  { method: 'post', path: '/api/lots/{id}/notify-parties', summary: 'Record that the parties and known priority holders were notified (A16); publishing waits until the fourth calendar day', access: 'court_staff', body: api.noticeBody, bodyOptional: true, responses: { 200: 'lot', 409: 'the lot is no longer a draft' } },
  { method: 'post', path: '/api/lots/{id}/publish', summary: 'Publish the announcement (A12 checked against the server clock)', access: 'court_staff', responses: { 200: '{status, announcedAt}', 409: 'the lot is not a draft', 422: 'RULE_VIOLATION' } },
  { method: 'post', path: '/api/lots/{id}/suspend', summary: 'Suspend an announced or live lot', access: 'court_staff', body: api.reasonBody, responses: { 200: 'lot', 409: 'the lot cannot be suspended in its status' } },
  { method: 'post', path: '/api/lots/{id}/resume', summary: 'Resume a suspended lot', access: 'court_staff', responses: { 200: 'lot', 409: 'LOT_NOT_SUSPENDED' } },
  { method: 'post', path: '/api/lots/{id}/cancel', summary: 'Cancel a lot before it closes', access: 'court_staff', body: api.reasonBody, responses: { 200: 'lot', 409: 'the lot cannot be cancelled in its status' } },
  { method: 'post', path: '/api/lots/{id}/priority-holders', summary: 'Record a court-confirmed priority purchase right holder (A19, A21); the answer carries no bidder code (A18)', access: 'court_staff', body: api.priorityHolderBody, responses: { 201: '{id, rank}', 404: 'NOT_FOUND: the lot or the user', 409: 'LOT_NOT_OPEN_FOR_HOLDERS or ALREADY_PRIORITY_HOLDER' } },
  { method: 'get', path: '/api/lots/{id}/priority-holders', summary: 'Priority holders by name and rank, never by code (A18)', access: 'court_staff', responses: { 200: '{holders: [{rank, email, name, addedAt}]}' } },
  { method: 'post', path: '/api/lots/{id}/creditor-takeover', summary: 'Record that an execution creditor takes the asset after an unsold round', access: 'court_staff', body: api.creditorTakeoverBody, responses: { 200: 'lot', 409: 'ALREADY_TAKEN_OVER', 422: 'RULE_VIOLATION: TAKEOVER_NEEDS_FAILED_LATER_ROUND (C16)' } },
  { method: 'get', path: '/api/lots/{id}/actions', summary: 'What the court may do next with the lot, and by when', access: 'court_staff', responses: { 200: '{actions}' } },
  { method: 'get', path: '/api/lots/{id}/audit', summary: "The lot's hash-chained audit log", access: 'court_staff', responses: { 200: '{head, entries}' } },
  { method: 'get', path: '/api/lots/{id}/bid-log', summary: "The lot's hash-chained bid record, by bidder code", access: 'public', responses: { 200: '{entries: [{seq, bidderCode, amount, at, hash}], head}' } },
  { method: 'get', path: '/api/lots/{id}/buyer', summary: 'Who bought a sold lot (court staff and the buyer)', access: 'signed_in', responses: { 200: '{bidderCode, realName, idNumber, email}', 403: 'FORBIDDEN: neither court staff nor the buyer', 409: 'NO_BUYER' } },
  { method: 'get', path: '/api/lots/{id}/confirmation', summary: 'The confirmation of sale (court staff and the buyer), once sold', access: 'signed_in', produces: 'application/pdf', responses: { 200: 'the confirmation of sale as a PDF attachment', 403: 'FORBIDDEN: neither court staff nor the buyer', 409: 'the lot is not sold' } },

  // Registration, deposit, bidding
  { method: 'post', path: '/api/lots/{id}/registrations', summary: 'Register for a lot; returns the bidder code and deposit payment details', access: 'signed_in', responses: { 201: 'registration {id, bidderCode, depositStatus: "pending", payment}', 200: 'the existing registration', 409: 'the lot does not take registrations', 422: 'RULE_VIOLATION: identity not verified, or staff may not bid' } },
  { method: 'get', path: '/api/lots/{id}/registration', summary: "The caller's registration (with the balance due once won)", access: 'signed_in', responses: { 200: 'registration', 404: 'NOT_FOUND: no registration for this lot' } },
  { method: 'post', path: '/api/lots/{id}/bids', summary: 'Place a bid', access: 'signed_in', body: api.bidBody, responses: { 201: 'bid {lotId, seq, amount, bidderCode, at, endsAt}', 403: 'not registered or deposit not held', 409: 'LOT_NOT_LIVE', 422: 'RULE_VIOLATION (details.minimum when too low)', 429: 'RATE_LIMITED' } },

  // Money
  { method: 'get', path: '/api/finance/deposits', summary: 'Deposits awaiting a bank transfer', access: 'finance', responses: { 200: '{deposits}' } },
  { method: 'post', path: '/api/finance/deposits/{registrationId}/confirm', summary: 'Confirm a deposit received by bank transfer', access: 'finance', body: api.confirmDepositBody, responses: { 200: 'registration {depositStatus: "held", ...}', 409: 'the deposit is not pending' } },
  { method: 'get', path: '/api/finance/balances', summary: "Sold and defaulted lots with the buyer's balance due and paid", access: 'finance', responses: { 200: '{lots: [{id, title, court, status, finalPrice, deposit, winnerCode, balanceDueAt, balancePaidAt}]}' } },
  { method: 'post', path: '/api/finance/lots/{id}/balance', summary: "Record the buyer's balance payment", access: 'finance', body: api.balanceBody, responses: { 200: 'lot', 409: 'the lot is not sold, or BALANCE_ALREADY_PAID' } },
  { method: 'get', path: '/api/finance/trial-balance', summary: 'Trial balance of the ledger', access: 'finance', responses: { 200: '{balanced, accounts: [{account, debit, credit, balance}]}' } },
];

const SOCKET_EVENTS = {
  namespace: '/live',
  auth: 'handshake auth {token} (or the session cookie from this site); watching needs no token',
  acks: 'every client event takes an acknowledgement callback; errors answer {ok: false, error: {code, message, details}}',
  client: {
    'lot:watch': { payload: '{lotId}', ack: '{ok: true, snapshot, serverNow}' },
    'lot:unwatch': { payload: '{lotId}', ack: '{ok: true}' },
    'bid:place': { payload: '{lotId, amount, clientBidId}', ack: '{ok: true, bid}', auth: 'signed in' },
    'clock:sync': { payload: 'none', ack: '{now}' },
  },
  server: {
    'lot:bid': '{lotId, seq, amount, bidderCode, at, endsAt, hash, currentPrice, bidCount, extensionCount, ...}',
    'lot:status': '{lotId, seq, status, endsAt, at}',
    'lot:closed': '{lotId, seq, status, finalPrice, winnerCode, at}',
    'lot:presence': '{lotId, watchers}',
  },
};

const ERROR_TEXT: Record<string, string> = {
  400: 'VALIDATION_FAILED: malformed input, with the failing fields',
  401: 'UNAUTHENTICATED: not signed in',
  403: 'FORBIDDEN: role or ownership (reason CROSS_ORIGIN for a cookie sent from another site)',
  404: 'NOT_FOUND',
};

function responsesOf(op: Op, hasInput: boolean, hasId: boolean) {
  const standard: Record<string, string> = {};
  if (hasInput) standard[400] = ERROR_TEXT[400];
  if (op.access !== 'public') standard[401] = ERROR_TEXT[401];
  if (op.access !== 'public' && op.access !== 'signed_in') standard[403] = `FORBIDDEN: needs the role ${op.access}`;
  if (hasId) standard[404] = ERROR_TEXT[404];
  const all = { ...standard, ...op.responses };
  return Object.fromEntries(Object.keys(all).sort().map((code) => {
    const status = Number(code);
    if (status >= 400) return [code, { description: all[code], content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }];
    if (op.produces && status >= 200 && status < 300 && status !== 204) return [code, { description: all[code], content: { [op.produces]: { schema: { type: 'string', format: 'binary' } } } }];
    return [code, { description: all[code] }];
  }));
}

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of ops) {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: z.toJSONSchema(api.idString) }));
    const query = op.query ? Object.entries((z.toJSONSchema(op.query, { io: 'input' }) as { properties?: Record<string, unknown> }).properties ?? {})
      .map(([name, schema]) => ({ name, in: 'query', required: false, schema })) : [];
    paths[op.path] ??= {};
    paths[op.path][op.method] = {
      summary: op.summary,
      description: op.access === 'public' ? 'Open to anyone.' : op.access === 'signed_in' ? 'Requires a signed-in user.' : `Requires role: ${op.access} (or admin)`,
      'x-required-role': op.access,
      ...(op.access === 'public' ? { security: [{}, { bearer: [] }, { cookie: [] }] } : {}),
      ...(params.length || query.length ? { parameters: [...params, ...query] } : {}),
      ...(op.body ? { requestBody: { required: !op.bodyOptional, content: { 'application/json': { schema: z.toJSONSchema(op.body, { io: 'input', unrepresentable: 'any' }) } } } } : {}),
      responses: responsesOf(op, !!(op.body || params.length || query.length), params.length > 0),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Judicial auction platform API',
      version: '0.1.0',
      description: 'Errors: {"error": {"code", "message", "details"}}. Money: decimal strings with two places. '
        + 'Live events: Socket.IO namespace /live (auth {token}); client events lot:watch {lotId}, lot:unwatch {lotId}, bid:place {lotId, amount, clientBidId}, clock:sync, each with an ack; '
        + 'server events lot:bid, lot:status, lot:closed and lot:presence, each carrying its lotId. Details in x-socket-events.',
    },
    'x-socket-events': SOCKET_EVENTS,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: 'session' } },
      schemas: {
        Error: {
          type: 'object', required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$' }, message: { type: 'string' }, details: { type: 'object' } } } },
        },
      },
    },
    security: [{ bearer: [] }, { cookie: [] }],
    paths,
  };
}
