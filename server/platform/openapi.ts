/**
 * The OpenAPI 3.1 document, generated from the contract's route table (shared/contract/routes.ts): paths,
 * roles, request schemas and response schemas all come from the same zod schemas the server and client use.
 */
import { z } from 'zod';
import * as api from '../../shared/api';
import { ROUTES, clientEvents, fileBody, noContent, serverEvents, type RouteName, type RouteSpec } from '../../shared/api';

/** Response shapes that several operations or events share, published under these names. */
const NAMED: Array<[string, z.ZodType]> = [
  ['Error', api.apiErrorBody], ['User', api.userView], ['Case', api.caseView], ['CaseListItem', api.caseListItem], ['CaseWithAssets', api.caseWithAssets],
  ['Asset', api.assetView], ['Preservation', api.preservationView], ['Valuation', api.valuationView], ['ValuationDetails', api.valuationDetails],
  ['ValuationDetail', api.valuationDetailView], ['Quote', api.quoteView], ['Objection', api.objectionView], ['WorklistItem', api.worklistItem],
  ['LateDuty', api.lateDuty], ['ValuationAuditEntry', api.valuationAuditEntry], ['Lot', api.lotView], ['Bid', api.bidView],
  ['LotAction', api.lotActionView], ['AuditEntry', api.auditEntry], ['BidLogEntry', api.bidLogEntry], ['Buyer', api.buyerView],
  ['BidResult', api.bidResult], ['Registration', api.registrationView], ['MyRegistration', api.myRegistration],
  ['PendingDeposit', api.pendingDeposit], ['DepositConfirmation', api.depositConfirmation], ['BalanceRow', api.balanceRow], ['TrialBalance', api.trialBalance],
  ['LotBidEvent', api.lotBidEvent], ['LotStatusEvent', api.lotStatusEvent], ['LotClosedEvent', api.lotClosedEvent], ['PresenceEvent', api.presenceEvent],
  ['AckFailure', api.ackFailure],
];

const pascal = (s: string) => s.replace(/(^|[:_-])(\w)/g, (_, __, c: string) => c.toUpperCase());
const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

const ERROR_TEXT: Record<string, string> = {
  400: 'VALIDATION_FAILED: malformed input, with the failing fields',
  401: 'UNAUTHENTICATED: not signed in',
  403: 'FORBIDDEN: role or ownership (reason CROSS_ORIGIN for a cookie sent from another site)',
  404: 'NOT_FOUND',
};

/** Date-times are described by their format; the pattern zod would add is the same rule, unreadably. */
const readable = ({ jsonSchema }: { jsonSchema: Record<string, unknown> }) => {
  if (jsonSchema.format === 'date-time') delete jsonSchema.pattern;
};

function inputSchema(schema: z.ZodType) {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', override: readable }) as Record<string, unknown>;
  return rest;
}

/** Every response and event schema, converted once so that shared shapes are $refs to components. */
function responseComponents() {
  const registry = z.registry<{ id: string }>();
  const ids = new Map<z.ZodType, string>();
  const name = (schema: z.ZodType, id: string) => {
    if (ids.has(schema) || schema === noContent || schema === fileBody) return;
    ids.set(schema, id);
    registry.add(schema, { id });
  };
  for (const [id, schema] of NAMED) name(schema, id);
  for (const [routeName, route] of Object.entries(ROUTES) as Array<[RouteName, RouteSpec]>) name(route.response, `${pascal(routeName)}Response`);
  for (const [event, spec] of Object.entries(clientEvents)) name(spec.ack, `${pascal(event)}Ack`);
  for (const [event, spec] of Object.entries(serverEvents)) name(spec.payload, `${pascal(event)}Event`);
  const converted = z.toJSONSchema(registry, { io: 'output', uri: (id) => `#/components/schemas/${id}`, override: readable }) as { schemas: Record<string, Record<string, unknown>> };
  const schemas = Object.fromEntries(Object.entries(converted.schemas).map(([id, { $schema: _s, $id: _i, ...s }]) => [id, s]));
  return { schemas, idOf: (schema: z.ZodType) => ids.get(schema) };
}

function responsesOf(route: RouteSpec, idOf: (s: z.ZodType) => string | undefined, hasInput: boolean, hasId: boolean) {
  const standard: Record<string, string> = {};
  if (hasInput) standard[400] = ERROR_TEXT[400];
  if (route.access !== 'public') standard[401] = ERROR_TEXT[401];
  if (route.access !== 'public' && route.access !== 'signed_in') standard[403] = `FORBIDDEN: needs the role ${route.access}`;
  if (hasId) standard[404] = ERROR_TEXT[404];
  const errors: Record<string, string> = { ...standard, ...route.errors };
  const out: Record<string, unknown> = {};
  for (const [code, description] of Object.entries(route.success)) {
    const id = idOf(route.response);
    if (route.produces) out[code] = { description, content: Object.fromEntries(route.produces.split(/,\s*/).map((m) => [m, { schema: { type: 'string', format: 'binary' } }])) };
    else if (code === '204' || !id) out[code] = { description };
    else {
      const csv = route.csv ? { 'text/csv': { schema: { type: 'string', description: 'the same, as CSV, with ?format=csv' } } } : {};
      out[code] = { description, content: { 'application/json': { schema: ref(id) }, ...csv } };
    }
  }
  for (const [code, description] of Object.entries(errors)) out[code] = { description, content: { 'application/json': { schema: ref('Error') } } };
  return Object.fromEntries(Object.keys(out).sort().map((code) => [code, out[code]]));
}

/** A JSON body by its schema; a body of another type (a CSV statement, a provider's signed event) by its media type. */
function requestBodyOf(route: RouteSpec) {
  const media = route.consumes ?? 'application/json';
  const schema = route.body ? inputSchema(route.body)
    : media === 'application/json' ? { type: 'object', description: 'read as sent and verified by the handler (e.g. against a signature header)' }
      : { type: 'string', description: `a ${media} document` };
  return { required: !route.bodyOptional, content: { [media]: { schema } } };
}

function socketEvents(idOf: (s: z.ZodType) => string | undefined) {
  return {
    namespace: api.LIVE_NAMESPACE,
    auth: 'handshake auth {token} (or the session cookie from this site); watching needs no token',
    acks: 'every client event takes an acknowledgement callback; errors answer {ok: false, error: {code, message, ...details}}',
    client: Object.fromEntries(Object.entries(clientEvents).map(([event, spec]) => [event, {
      summary: spec.summary,
      payload: event === 'clock:sync' ? { description: 'none' } : inputSchema(spec.payload),
      ack: ref(idOf(spec.ack)!),
      ...(spec.auth ? { auth: 'signed in' } : {}),
    }])),
    server: Object.fromEntries(Object.entries(serverEvents).map(([event, spec]) => [event, { summary: spec.summary, payload: ref(idOf(spec.payload)!) }])),
  };
}

function build() {
  const { schemas, idOf } = responseComponents();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of Object.values(ROUTES) as RouteSpec[]) {
    const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: inputSchema(api.idString) }));
    const query = route.query ? Object.entries((inputSchema(route.query) as { properties?: Record<string, unknown> }).properties ?? {})
      .map(([name, schema]) => ({ name, in: 'query', required: false, schema })) : [];
    paths[route.path] ??= {};
    paths[route.path][route.method.toLowerCase()] = {
      operationId: Object.entries(ROUTES).find(([, r]) => r === route)![0],
      summary: route.summary,
      description: route.access === 'public' ? 'Open to anyone.' : route.access === 'signed_in' ? 'Requires a signed-in user.' : `Requires role: ${route.access} (or admin)`,
      'x-required-role': route.access,
      ...(route.access === 'public' ? { security: [{}, { bearer: [] }, { cookie: [] }] } : {}),
      ...(params.length || query.length ? { parameters: [...params, ...query] } : {}),
      ...(route.body || route.consumes ? { requestBody: requestBodyOf(route) } : {}),
      responses: responsesOf(route, idOf, !!(route.body || route.consumes || params.length || query.length), params.length > 0),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Judicial auction platform API',
      version: '0.1.0',
      description: 'Errors: {"error": {"code", "message", "details"}}. Money: decimal strings with two places. '
        + 'Live events: Socket.IO namespace /live (auth {token}); client events lot:watch {lotId}, lot:unwatch {lotId}, bid:place {lotId, amount, clientBidId}, clock:sync, each with an ack; '
        + 'server events lot:bid, lot:status, lot:closed and lot:presence, each carrying its lotId, and notification, a signed-in user\'s own alert sent to that user\'s sockets only, and session:ended, '
        + 'sent to the sockets of a session when it is logged out (they go on as anonymous watchers). Details in x-socket-events.',
    },
    'x-socket-events': socketEvents(idOf),
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: 'session' } },
      schemas,
    },
    security: [{ bearer: [] }, { cookie: [] }],
    paths,
  };
}

let cached: ReturnType<typeof build> | null = null;
/** The document is the same for the life of the process: built once, on first request. */
export function openApiDocument() {
  cached ??= build();
  return cached;
}
