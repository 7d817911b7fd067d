import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROUTES } from '../../shared/api';
import { CONTRACT_ROUTES } from '../support/contract-routes';
import { asOpenApiRoute, mountedRoutes } from '../support/routes';
import { startTestServer, type TestServer } from '../support/server';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * Routes that the public contract (api.md) names but the server does not mount yet. Each is checked to be
 * still unmounted and undocumented, so an entry has to leave this list when its route is built.
 */
const CONTRACT_ROUTES_NOT_BUILT_YET: string[] = [];

/** POST routes that read no request body; every other POST must document one. */
const POSTS_WITHOUT_BODY = [
  'POST /api/auth/logout',
  'POST /api/lots/{id}/publish',
  'POST /api/lots/{id}/resume',
  'POST /api/lots/{id}/registrations',
  'POST /api/lots/{id}/proceeds/approve',
  'POST /api/lots/{id}/registration/pay-online',
  'POST /api/lots/{id}/balance/pay-online',
  'POST /api/finance/outbox/{id}/retry',
];

const ROLES = ['public', 'signed_in', 'bidder', 'court_staff', 'finance', 'admin'];

/** The contract document where CI lays it out, beside the repository; null on a clone that has only the repository. */
function apiMd(): string | null {
  const file = path.resolve(REPO, '../shared/docs/api.md');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
}

/** Every `METHOD /api/...` in backticks, without its query string and body, as an OpenAPI route. */
function contractRoutes(text: string): string[] {
  const routes = new Set<string>();
  for (const m of text.matchAll(/`(GET|POST|PUT|PATCH|DELETE) (\/api\/[^\s`?]*)[^`]*`/g)) routes.add(asOpenApiRoute(`${m[1]} ${m[2]}`));
  return [...routes].sort();
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('OpenAPI: the published document covers the whole HTTP surface', function () {
  this.timeout(60_000);
  let t: TestServer;
  let doc: any;
  let documented: string[];
  let mounted: string[];

  before(async () => {
    t = await startTestServer();
    const r = await t.anon.get('/api/openapi.json');
    expect(r.status).to.equal(200);
    doc = r.body;
    documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([p, item]) => METHODS.filter((m) => m in item).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    mounted = mountedRoutes(t).map(asOpenApiRoute);
  });
  after(async () => { await t?.stop(); });

  const operation = (route: string) => {
    const [method, p] = route.split(' ');
    return doc.paths[p][method.toLowerCase()];
  };

  it('when the routes the server mounts are compared with the document, then each is documented and nothing else is', () => {
    expect(mounted.length).to.be.greaterThan(40);
    expect(mounted.filter((r) => !documented.includes(r)), 'mounted but not documented').to.deep.equal([]);
    expect(documented.filter((r) => !mounted.includes(r)), 'documented but not mounted').to.deep.equal([]);
  });

  it('when the route table is compared with the mounted routes, then each route in the table is mounted and each mounted route is in the table', () => {
    const table = Object.values(ROUTES).map((r) => `${r.method} ${r.path}`).sort();
    expect(table.filter((r) => !mounted.includes(r)), 'in the table but not mounted').to.deep.equal([]);
    expect(mounted.filter((r) => !table.includes(r)), 'mounted but not in the table').to.deep.equal([]);
    expect(documented, 'the document is made from the table').to.deep.equal(table);
  });

  it('when each success response is read, then it names its schema, and every schema reference resolves', () => {
    const problems: string[] = [];
    for (const route of documented) {
      const op = operation(route);
      for (const [code, res] of Object.entries(op.responses as Record<string, { content?: Record<string, { schema?: unknown }> }>)) {
        if (!/^2\d\d$/.test(code) || code === '204') continue;
        const content = res.content ?? {};
        if (!Object.values(content).some((c) => c.schema)) problems.push(`${route} ${code}: no response schema`);
      }
    }
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).to.be.greaterThan(50);
    for (const name of new Set(refs)) if (!doc.components.schemas[name]) problems.push(`$ref to missing schema ${name}`);
    expect(problems).to.deep.equal([]);
    const lot = doc.components.schemas.Lot;
    expect(lot.additionalProperties, 'a lot carries no key beyond the contract (A18)').to.equal(false);
    expect(lot.properties.startingPrice.pattern, 'money is a decimal string').to.be.a('string');
  });

  it('when the contract document is beside the repository, then the routes kept here are exactly the ones it names', () => {
    const text = apiMd();
    if (text === null) {
      // CI always lays the contract beside the clone; only a bare clone lacks it, and then CONTRACT_ROUTES stands in.
      expect(process.env.CI, 'CI must have ../shared/docs/api.md beside the repository').to.not.equal('true');
      return;
    }
    expect(contractRoutes(text)).to.deep.equal([...CONTRACT_ROUTES].sort());
  });

  it('when the routes named in api.md are compared with the document, then each is documented or listed as not built yet', () => {
    const contract = [...CONTRACT_ROUTES];
    expect(contract.length).to.be.greaterThan(25);
    const missing = contract.filter((r) => !documented.includes(r) && !CONTRACT_ROUTES_NOT_BUILT_YET.includes(r));
    expect(missing, 'contract routes neither documented nor listed as not built yet').to.deep.equal([]);
    expect(CONTRACT_ROUTES_NOT_BUILT_YET.filter((r) => !contract.includes(r)), 'listed as not built yet but not in api.md').to.deep.equal([]);
    expect(CONTRACT_ROUTES_NOT_BUILT_YET.filter((r) => mounted.includes(r)), 'built now: remove from the not-built-yet list').to.deep.equal([]);
    expect(CONTRACT_ROUTES_NOT_BUILT_YET.filter((r) => documented.includes(r)), 'documented but listed as not built yet').to.deep.equal([]);
  });

  it('when each operation is read, then it states its summary, role, body, path parameters and the responses it can give', () => {
    expect(POSTS_WITHOUT_BODY.filter((r) => !mounted.includes(r)), 'bodyless POSTs that are not mounted').to.deep.equal([]);
    const problems: string[] = [];
    for (const route of documented) {
      const op = operation(route);
      const say = (what: string) => problems.push(`${route}: ${what}`);
      if (typeof op.summary !== 'string' || op.summary.trim().length < 5) say('no summary');
      const role = op['x-required-role'];
      if (!ROLES.includes(role)) say(`x-required-role ${JSON.stringify(role)} is not one of ${ROLES.join(', ')}`);

      const names = [...route.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const params: any[] = op.parameters ?? [];
      for (const name of names) {
        if (!params.some((p) => p.in === 'path' && p.name === name && p.required === true && p.schema)) say(`path parameter ${name} not described`);
      }
      if (params.filter((p) => p.in === 'path').length !== names.length) say('path parameters that are not in the path');

      const takesBody = route.startsWith('POST ') && !POSTS_WITHOUT_BODY.includes(route);
      // A JSON body is described by its object schema; another media type (a CSV statement) is a string of that type.
      const [media, content] = Object.entries((op.requestBody?.content ?? {}) as Record<string, { schema?: any }>)[0] ?? [];
      const schema = content?.schema;
      const described = schema && (media === 'application/json'
        ? (schema.type === 'object' || schema.oneOf || schema.anyOf || schema.allOf)
        : media === 'multipart/form-data' ? (schema.type === 'object' && schema.properties)
        : schema.type === 'string');
      if (takesBody && !described) say('no request body schema');
      if (!takesBody && op.requestBody) say('documents a body the route does not read');

      const codes = Object.keys(op.responses ?? {});
      if (!codes.some((c) => /^2\d\d$/.test(c))) say('no success response');
      for (const c of codes) if (!op.responses[c].description) say(`response ${c} has no description`);
      const hasInput = takesBody || names.length > 0 || params.some((p) => p.in === 'query');
      const expected = [
        ...(role !== 'public' ? ['401'] : []),
        ...(role !== 'public' && role !== 'signed_in' ? ['403'] : []),
        ...(hasInput ? ['400'] : []),
        ...(names.length ? ['404'] : []),
      ];
      for (const c of expected) {
        if (!codes.includes(c)) say(`no ${c} response`);
        else if (!op.responses[c].content?.['application/json']?.schema) say(`${c} response without the error schema`);
      }
    }
    expect(problems).to.deep.equal([]);
    expect(doc.components.schemas.Error.properties.error.required).to.include.members(['code', 'message']);
  });

  it('when the confirmation of sale is documented, then its success response is a PDF', () => {
    expect(operation('GET /api/lots/{id}/confirmation').responses['200'].content).to.have.property('application/pdf');
  });

  it('when the socket events are documented, then they are exactly the ones the server listens for and emits', () => {
    const events = doc['x-socket-events'];
    expect(events.namespace).to.equal('/live');
    const realtime = fs.readFileSync(path.join(REPO, 'server/platform/realtime.ts'), 'utf8');
    const listened = [...realtime.matchAll(/socket\.on\('([\w:]+)'/g)].map((m) => m[1]).filter((e) => e !== 'disconnecting').sort();
    const emitted = new Set<string>();
    for (const file of sourceFiles(path.join(REPO, 'server'))) {
      const src = fs.readFileSync(file, 'utf8');
      for (const m of src.matchAll(/broadcaster\.lot\([^,]+,\s*'([\w:]+)'/g)) emitted.add(m[1]);
      for (const m of src.matchAll(/\.emit\('([\w:]+)'/g)) emitted.add(m[1]);
    }
    expect(listened).to.deep.equal(['bid:place', 'clock:sync', 'lot:unwatch', 'lot:watch']);
    expect(Object.keys(events.client).sort()).to.deep.equal(listened);
    expect(Object.keys(events.server).sort()).to.deep.equal([...emitted].sort());
    const resolve = (s: { $ref?: string }) => (s.$ref ? doc.components.schemas[s.$ref.split('/').pop()!] : s);
    // Every server event names its lot, but session:ended, which is about the socket's session.
    for (const [name, spec] of Object.entries(events.server as Record<string, { payload: { $ref?: string } }>)) {
      if (name === 'session:ended') continue;
      expect(resolve(spec.payload).required, name).to.include('lotId');
    }
    for (const [name, spec] of Object.entries(events.client as Record<string, { ack: { $ref?: string } }>)) expect(resolve(spec.ack), name).to.be.an('object');
    for (const name of [...listened, ...emitted]) expect(doc.info.description, name).to.include(name);
  });
});
