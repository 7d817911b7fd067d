import { z } from 'zod';
import * as api from '../../shared/api';

type Op = { method: 'get' | 'post'; path: string; summary: string; roles?: string; body?: z.ZodType; query?: z.ZodType; responses: Record<string, string> };

const ops: Op[] = [
  { method: 'post', path: '/api/auth/register', summary: 'Create a bidder account', body: api.registerBody, responses: { 201: '{user: {email, name, roles, identityVerified}} (the same for a new and a taken email)', 400: 'VALIDATION_FAILED (reason PASSWORD_TOO_WEAK for a common or easily guessed password)' } },
  { method: 'post', path: '/api/auth/login', summary: 'Log in; returns a bearer token and sets the session cookie', body: api.loginBody, responses: { 200: '{token, user}', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN (reason CROSS_ORIGIN: posted from another site)', 429: 'RATE_LIMITED' } },
  { method: 'post', path: '/api/auth/logout', summary: 'End the session', responses: { 204: 'logged out' } },
  { method: 'get', path: '/api/me', summary: 'The caller', responses: { 200: '{user}' } },
  { method: 'post', path: '/api/me/identity', summary: 'Verify real-name identity (GB 11643 check digit)', body: api.identityBody, responses: { 200: '{identityVerified: true}', 422: 'IDENTITY_INVALID' } },
  { method: 'get', path: '/api/me/registrations', summary: "The caller's lot registrations and deposits", responses: { 200: '{registrations}' } },
  { method: 'post', path: '/api/cases', summary: 'Register an enforcement case', roles: 'court_staff', body: api.caseBody, responses: { 201: 'case' } },
  { method: 'get', path: '/api/cases', summary: 'List cases', roles: 'court_staff', responses: { 200: '{cases}' } },
  { method: 'get', path: '/api/cases/{id}', summary: 'A case with its seized assets', roles: 'court_staff', responses: { 200: 'case' } },
  { method: 'post', path: '/api/assets', summary: 'Record a seized asset', roles: 'court_staff', body: api.assetBody, responses: { 201: 'asset' } },
  { method: 'get', path: '/api/assets/{id}', summary: 'An asset', roles: 'court_staff', responses: { 200: 'asset' } },
  { method: 'post', path: '/api/assets/{id}/valuations', summary: 'Determine a reference price', roles: 'court_staff', body: api.valuationBody, responses: { 201: 'valuation' } },
  { method: 'get', path: '/api/assets/{id}/valuations', summary: "An asset's valuations, newest first", roles: 'court_staff', responses: { 200: '{valuations}' } },
  { method: 'post', path: '/api/lots', summary: 'Create a draft lot', roles: 'court_staff', body: api.lotBody, responses: { 201: 'lot', 422: 'RULE_VIOLATION' } },
  { method: 'post', path: '/api/lots/{id}/publish', summary: 'Publish the announcement (A12 checked against the server clock)', roles: 'court_staff', responses: { 200: '{status, announcedAt}', 422: 'RULE_VIOLATION' } },
  { method: 'get', path: '/api/lots', summary: 'List lots', query: api.lotListQuery, responses: { 200: '{lots}' } },
  { method: 'get', path: '/api/lots/{id}', summary: 'A lot with its bid record by bidder code', responses: { 200: 'lot' } },
  { method: 'post', path: '/api/lots/{id}/registrations', summary: 'Register for a lot; returns the bidder code and deposit payment details', roles: 'bidder', responses: { 201: 'registration' } },
  { method: 'get', path: '/api/lots/{id}/registration', summary: "The caller's registration", roles: 'bidder', responses: { 200: 'registration' } },
  { method: 'post', path: '/api/lots/{id}/bids', summary: 'Place a bid', roles: 'bidder', body: api.bidBody, responses: { 201: 'bid', 403: 'not registered or deposit not held', 409: 'LOT_NOT_LIVE', 422: 'RULE_VIOLATION' } },
  { method: 'post', path: '/api/lots/{id}/priority-holders', summary: 'Record a court-confirmed priority purchase right holder (A19, A21); the answer carries no bidder code (A18)', roles: 'court_staff', body: api.priorityHolderBody, responses: { 201: '{id, rank}', 409: 'LOT_NOT_OPEN_FOR_HOLDERS or ALREADY_PRIORITY_HOLDER' } },
  { method: 'get', path: '/api/lots/{id}/priority-holders', summary: 'Priority holders by name and rank, never by code (A18)', roles: 'court_staff', responses: { 200: '{holders: [{rank, email, name, addedAt}]}' } },
  { method: 'get', path: '/api/lots/{id}/audit', summary: "The lot's hash-chained audit log", roles: 'court_staff', responses: { 200: '{head, entries}' } },
  { method: 'get', path: '/api/assets/{id}/audit', summary: "The asset's hash-chained record of valuation events", roles: 'court_staff', responses: { 200: '{assetId, head, entries}' } },
  { method: 'get', path: '/api/lots/{id}/bid-log', summary: "The lot's hash-chained bid record, by bidder code", responses: { 200: '{entries, head}' } },
  { method: 'get', path: '/api/finance/deposits', summary: 'Deposits awaiting a bank transfer', roles: 'finance', responses: { 200: '{deposits}' } },
  { method: 'post', path: '/api/finance/deposits/{registrationId}/confirm', summary: 'Confirm a deposit received by bank transfer', roles: 'finance', body: api.confirmDepositBody, responses: { 200: 'registration' } },
  { method: 'get', path: '/api/finance/trial-balance', summary: 'Trial balance of the ledger', roles: 'finance', responses: { 200: '{balanced, accounts}' } },
  { method: 'get', path: '/api/clock', summary: 'Server time that every countdown syncs to', responses: { 200: '{now}' } },
  { method: 'post', path: '/api/admin/clock/advance', summary: 'Move the test clock (only with ENABLE_TEST_CLOCK=1 outside production)', roles: 'admin', body: api.clockAdvanceBody, responses: { 200: '{now}' } },
];

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of ops) {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const query = op.query ? Object.entries((z.toJSONSchema(op.query, { io: 'input' }) as { properties?: Record<string, unknown> }).properties ?? {})
      .map(([name, schema]) => ({ name, in: 'query', required: false, schema })) : [];
    paths[op.path] ??= {};
    paths[op.path][op.method] = {
      summary: op.summary,
      ...(op.roles ? { description: `Requires role: ${op.roles}` } : {}),
      ...(params.length || query.length ? { parameters: [...params, ...query] } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(op.body, { io: 'input', unrepresentable: 'any' }) } } } } : {}),
      responses: Object.fromEntries(Object.entries(op.responses).map(([code, d]) => [code, { description: d }])),
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Judicial auction platform API', version: '0.1.0', description: 'Errors: {"error": {"code", "message", "details"}}. Money: decimal strings with two places. Live events: Socket.IO namespace /live (lot:watch, bid:place; lot:bid, lot:status, lot:closed, lot:presence).' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: 'session' } } },
    security: [{ bearer: [] }, { cookie: [] }],
    paths,
  };
}
