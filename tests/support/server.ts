import crypto from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { createPlatform, type Platform } from '../../server/app';
import { loadConfig } from '../../server/platform/config';
import { openDatabase, type Database } from '../../server/platform/db/index';
import { createLogger } from '../../server/platform/logger';
import type { PaymentProvider } from '../../server/modules/payments/provider';
import { SandboxPaymentProvider } from '../../server/modules/payments/sandbox.provider';
import {
  ROUTES, checkResponse, clientEvents, matchRoute, routeUrl, serverEvents,
  type CallRest, type ClientEventName, type ResponseOf, type Role, type RouteName, type ServerEventName, type ServerEventPayload,
} from '../../shared/api';
import { withResidentIdCheckDigit } from '../../shared/rules';

let shared: Promise<Database> | null = null;

/** PostgreSQL runs share one fresh database per run; the embedded engine is fresh per server. */
async function testDatabase(): Promise<{ database: Database; owned: boolean }> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    shared ??= openDatabase({ databaseUrl: url });
    return { database: await shared, owned: false };
  }
  return { database: await openDatabase({ dataDir: 'memory' }), owned: true };
}

export async function closeSharedDatabase() {
  if (shared) await (await shared).close();
  shared = null;
}

export interface Response<T = any> { status: number; body: T; headers: Headers }

/** Thrown when the server answers a success that the contract (shared/contract/routes.ts) does not describe. */
export class ContractViolation extends Error {
  constructor(message: string, readonly body: unknown) {
    super(`${message}\nbody: ${JSON.stringify(body)?.slice(0, 2000)}`);
    this.name = 'ContractViolation';
  }
}

/**
 * Every success the tests see is checked against the route table's response schema, so the whole suite
 * checks the server against the published contract; a request outside the table is not checked.
 */
function checkAgainstContract(method: string, path: string, status: number, body: unknown, contentType: string | null) {
  if (status < 200 || status >= 300) return;
  const name = matchRoute(method, new URL(path, 'http://x').pathname);
  if (!name) return;
  // A route's CSV variant (`?format=csv`) answers text, which the JSON schema does not describe.
  const route = ROUTES[name];
  if ('csv' in route && route.csv && !(contentType ?? '').includes('json')) return;
  const r = checkResponse(name, status, body);
  if (!r.ok) throw new ContractViolation(r.message, body);
}

export class ApiClient {
  constructor(readonly baseUrl: string, public token?: string) {}
  async request<T = any>(method: string, path: string, body?: unknown, opts: { raw?: string; headers?: Record<string, string> } = {}): Promise<Response<T>> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let payload: string | undefined;
    if (opts.raw !== undefined) {
      payload = opts.raw;
      headers['content-type'] ??= 'application/json';
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(this.baseUrl + path, { method, headers, body: payload });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* non-JSON body */
    }
    checkAgainstContract(method, path, res.status, parsed, res.headers.get('content-type'));
    return { status: res.status, body: parsed as T, headers: res.headers };
  }
  /**
   * Calls a route of the contract by name with typed parameters, body and answer, e.g.
   * `api.call('placeBid', { params: { id }, body: { amount, clientBidId } })`. A status outside 2xx throws
   * (use get/post to test refusals); a success is checked against the route's response schema.
   */
  async call<N extends RouteName>(name: N, ...[args]: CallRest<N>): Promise<Response<ResponseOf<N>>> {
    const a = (args ?? {}) as { params?: Record<string, string>; query?: Record<string, unknown>; body?: unknown };
    const route = ROUTES[name];
    const r = await this.request<ResponseOf<N>>(route.method, routeUrl(name, a), route.method === 'POST' ? (a.body ?? {}) : undefined);
    if (r.status < 200 || r.status >= 300) throw new Error(`${name}: ${route.method} ${routeUrl(name, a)} answered ${r.status} ${JSON.stringify(r.body)}`);
    return r;
  }
  get<T = any>(path: string) { return this.request<T>('GET', path); }
  post<T = any>(path: string, body?: unknown) { return this.request<T>('POST', path, body ?? {}); }
  as(token: string) { return new ApiClient(this.baseUrl, token); }
}

export interface TestServer {
  url: string;
  platform: Platform;
  database: Database;
  anon: ApiClient;
  admin: ApiClient;
  stop(): Promise<void>;
  /** A user with a role, logged in over HTTP. */
  user(role: Role, opts?: { verified?: boolean; name?: string }): Promise<{ api: ApiClient; id: string; email: string; token: string }>;
  advance(ms: number): Promise<Date>;
  now(): Date;
  socket(token?: string): Promise<Socket>;
}

const password = 'correct-horse-battery';

/** A distinct, valid resident ID per call: one person, one account, as the platform requires. */
let idCounter = crypto.randomInt(0, 5000);
function nextResidentId(): string {
  idCounter++;
  const birth = new Date(Date.UTC(1950, 0, 1) + (idCounter % 18000) * 24 * 60 * 60 * 1000);
  const ymd = birth.toISOString().slice(0, 10).replace(/-/g, '');
  const seq = String(Math.floor(idCounter / 18000) * 100 + crypto.randomInt(0, 100)).padStart(3, '0').slice(-3);
  return withResidentIdCheckDigit(`110105${ymd}${seq}`);
}

let addressCounter = crypto.randomInt(0, 1 << 16);
/** A distinct client address per verified test user, sent through the trusted loopback proxy header. */
function nextAddress(): string {
  addressCounter = (addressCounter + 1) % (1 << 24);
  return `10.${addressCounter >> 16}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
}

/** This test process's Redis keys and channels: two suites on one Redis (the two engines in CI) never meet. */
const REDIS_PREFIX = `test-${process.pid}-${crypto.randomBytes(3).toString('hex')}:`;

export async function startTestServer(opts: { jobs?: boolean; env?: Record<string, string>; database?: Database; paymentProvider?: PaymentProvider | null } = {}): Promise<TestServer> {
  // Every test request comes from this machine's one address: the per-address limits on public reads are
  // raised here, and tests/integration/stats.public-limits.test.ts checks them at their production values.
  const config = loadConfig({ NODE_ENV: 'test', ENABLE_TEST_CLOCK: '1', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', PORT: '0', PUBLIC_READS_PER_MINUTE: '100000', PUBLIC_CSV_PER_MINUTE: '100000', REDIS_KEY_PREFIX: REDIS_PREFIX, ...opts.env });
  const { database, owned } = opts.database ? { database: opts.database, owned: false } : await testDatabase();
  const platform = await createPlatform(config, database, createLogger(config.LOG_LEVEL), { jobs: opts.jobs, paymentProvider: opts.paymentProvider });
  const port = await platform.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  const anon = new ApiClient(url);
  const sockets: Socket[] = [];

  async function user(role: Role, o: { verified?: boolean; name?: string } = {}) {
    const email = `${role}-${crypto.randomUUID().slice(0, 8)}@test.court`;
    const { user: u } = await platform.services.accounts.upsertUser({ email, password, role, name: o.name ?? `${role} user` });
    const login = await anon.call('login', { body: { email, password } });
    const api = anon.as(login.body.token);
    if (o.verified) {
      const id = nextResidentId();
      // Each test user is a person of their own, verifying from their own address (identity attempts are limited per address).
      const r = await api.request('POST', '/api/me/identity', { realName: o.name ?? '测试用户', idNumber: id }, { headers: { 'x-forwarded-for': nextAddress() } });
      if (r.status !== 200) throw new Error(`identity failed: ${JSON.stringify(r.body)}`);
    }
    return { api, id: u.id, email, token: login.body.token };
  }
  const adminUser = await user('admin');

  return {
    url, platform, database, anon, admin: adminUser.api,
    user,
    now: () => platform.clock.now(),
    async advance(ms: number) {
      const r = await adminUser.api.call('advanceClock', { body: { ms } });
      return new Date(r.body.now);
    },
    async socket(token?: string) {
      const s = io(`${url}/live`, { auth: token ? { token } : {}, transports: ['websocket'], forceNew: true, reconnection: false });
      sockets.push(s);
      await new Promise<void>((resolve, reject) => {
        s.once('connect', () => resolve());
        s.once('connect_error', reject);
      });
      return s;
    },
    async stop() {
      for (const s of sockets) s.disconnect();
      await platform.stop();
      if (owned) await database.close();
    },
  };
}

/**
 * Emits with an ack and resolves with the ack's payload, checked against the event's ack schema (shared/contract/live.ts).
 * The ack stays loosely typed: tests read both the success and the refusal from it.
 */
export async function emitAck<T = any>(socket: Socket, event: string, payload: unknown, timeoutMs = 5000): Promise<T> {
  const ack: unknown = await socket.timeout(timeoutMs).emitWithAck(event, payload);
  if (event in clientEvents) {
    const r = clientEvents[event as ClientEventName].ack.safeParse(ack);
    if (!r.success) throw new ContractViolation(`the ${event} ack does not match the contract: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, ack);
  }
  return ack as T;
}

/** Resolves with the next event of that name that satisfies the predicate; a payload outside the contract fails. */
export function nextEvent<E extends ServerEventName>(socket: Socket, event: E, predicate?: (p: ServerEventPayload<E>) => boolean, timeoutMs?: number): Promise<ServerEventPayload<E>>;
export function nextEvent<T = unknown>(socket: Socket, event: string, predicate?: (p: T) => boolean, timeoutMs?: number): Promise<T>;
export function nextEvent<T>(socket: Socket, event: string, predicate: (p: T) => boolean = () => true, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const handler = (p: T) => {
      if (event in serverEvents) {
        const r = serverEvents[event as ServerEventName].payload.safeParse(p);
        if (!r.success) {
          clearTimeout(timer);
          socket.off(event, handler);
          reject(new ContractViolation(`the ${event} event does not match the contract: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, p));
          return;
        }
      }
      if (!predicate(p)) return;
      clearTimeout(timer);
      socket.off(event, handler);
      resolve(p);
    };
    socket.on(event, handler);
  });
}

/** A test server with a court-staff and a finance user logged in: the cast of most stories. */
export async function courtServer(opts: Parameters<typeof startTestServer>[0] = {}) {
  const t = await startTestServer(opts);
  return { t, staff: (await t.user('court_staff')).api, finance: (await t.user('finance')).api };
}

/**
 * The in-process sandbox provider with references of its own: under PostgreSQL the whole run shares one
 * database, and two sandboxes counting from 1 would name the same payment.
 */
export function sandboxProvider(): SandboxPaymentProvider {
  return new SandboxPaymentProvider({ instance: crypto.randomUUID().replace(/-/g, '').slice(0, 12) });
}
