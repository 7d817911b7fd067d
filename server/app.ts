import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';
import { clockAdvanceBody } from '../shared/api';
import { SystemClock, TestClock, type Clock } from './platform/clock';
import type { Config } from './platform/config';
import type { AppContext } from './platform/context';
import type { Database } from './platform/db/index';
import { apiNotFound, baseApp, errorHandler, requireRole, tokenFrom } from './platform/http';
import { startJobs } from './platform/jobs';
import type { Logger } from './platform/logger';
import { openApiDocument } from './platform/openapi';
import { createLimiterStore, perSecondLimit } from './platform/rate-limit';
import { sameOriginGuard } from './platform/origin';
import { createRealtime, type Realtime } from './platform/realtime';
import { parse } from './platform/validate';
import type { Broadcaster } from './platform/broadcaster';
import { createAccounts } from './modules/accounts/accounts.service';
import { createLoginThrottle } from './modules/accounts/login-throttle';
import { accountsRoutes } from './modules/accounts/accounts.routes';
import { createCases } from './modules/cases/cases.service';
import { casesRoutes } from './modules/cases/cases.routes';
import { createAuctions } from './modules/auctions/auctions.service';
import { auctionsRoutes } from './modules/auctions/auctions.routes';
import { loadLotView } from './modules/auctions/lot-view';
import { createLifecycle } from './modules/auctions/lifecycle.service';
import { createBidding } from './modules/bidding/bidding.service';
import { biddingRoutes } from './modules/bidding/bidding.routes';
import { postInquiryFee } from './modules/finance/inquiry-fee';
import { financeRoutes } from './modules/finance/finance.routes';
import { createOnlinePayments, type PaymentProvider } from './modules/payments/index';
import { proceedsRoutes } from './modules/finance/proceeds.routes';
import { createProceeds } from './modules/finance/proceeds.service';
import { reconciliationRoutes } from './modules/finance/reconciliation.routes';
import { createReconciliation } from './modules/finance/reconciliation.service';
import { refundsRoutes } from './modules/finance/refunds.routes';
import { createRefunds } from './modules/finance/refunds.service';
import { createUnmatchedQueue } from './modules/finance/statements.queue';
import { statementsRoutes } from './modules/finance/statements.routes';
import { createStatements } from './modules/finance/statements.service';
import { createValuation } from './modules/valuation/valuation.service';
import { sandboxInquiryRouter } from './modules/demo/sandbox-inquiry';
import { valuationRoutes } from './modules/valuation/valuation.routes';
import { statsRoutes } from './modules/stats/stats.routes';
import { statsService } from './modules/stats/stats.service';
import type { Platform as InquiryPlatform } from './modules/valuation/inquiry.adapter';

const clientDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/client');

export interface Platform {
  ctx: AppContext;
  /** The Express application, so tests can list every mounted route. */
  app: express.Express;
  server: http.Server;
  realtime: Realtime;
  clock: Clock;
  services: {
    accounts: ReturnType<typeof createAccounts>;
    cases: ReturnType<typeof createCases>;
    auctions: ReturnType<typeof createAuctions>;
    bidding: ReturnType<typeof createBidding>;
    lifecycle: ReturnType<typeof createLifecycle>;
    valuation: ReturnType<typeof createValuation>;
    payments: ReturnType<typeof createOnlinePayments>;
  };
  runJobsNow(): Promise<void>;
  listen(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
}

/** The composition root: wires the modules to one database, one clock, one HTTP server and one realtime hub. */
export async function createPlatform(config: Config, database: Database, log: Logger, opts: { jobs?: boolean; inquiryPlatforms?: InquiryPlatform[]; sandboxInquiry?: boolean; paymentProvider?: PaymentProvider | null } = {}): Promise<Platform> {
  const clock: Clock = config.testClock ? new TestClock() : new SystemClock();
  const ctx: AppContext = { db: database.db, clock, log, config };

  // Services broadcast through this; the realtime hub plugs in once the HTTP server exists.
  let target: Broadcaster | null = null;
  const bus: Broadcaster = { lot: (lotId, event, payload) => target?.lot(lotId, event, payload) };

  const limits = await createLimiterStore({ redisUrl: config.REDIS_URL, keyPrefix: config.REDIS_KEY_PREFIX, log });
  const accounts = createAccounts(ctx, { loginThrottle: createLoginThrottle(limits) });
  const cases = createCases(ctx);
  const auctions = createAuctions(ctx, bus);
  const bidding = createBidding(ctx, bus);
  const lifecycle = createLifecycle(ctx, bus);
  const reconciliation = createReconciliation(ctx);
  const inquiryPlatforms = opts.inquiryPlatforms ?? config.INQUIRY_PLATFORMS;
  const valuation = createValuation({ ...ctx, inquiryPlatforms, inquiryTimeoutMs: config.INQUIRY_TIMEOUT_MS });
  const payments = createOnlinePayments(ctx, opts.paymentProvider ?? null);
  auctions.onSold(async (tx, lot, finalPrice) => {
    const winners = await valuation.assignInquiryFee(tx, lot.valuationId, finalPrice);
    await postInquiryFee(tx, lot.id, winners, inquiryPlatforms, ctx.clock.now());
  });
  // Bids per bidder per second, over REST and socket alike, counted across nodes.
  const bidLimiter = perSecondLimit(limits, 'bids', config.BID_RATE_PER_SECOND);

  const app = baseApp(log);
  const api = Router();
  api.use(sameOriginGuard(config.PUBLIC_ORIGIN));
  api.use(async (req, _res, next) => {
    req.token = tokenFrom(req);
    req.user = req.token ? await accounts.authenticate(req.token) : null;
    next();
  });
  api.get('/health', (_req, res) => {
    res.json({ ok: true, database: database.kind });
  });
  api.get('/clock', (_req, res) => {
    res.json({ now: clock.now().toISOString() });
  });
  api.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  api.use(accountsRoutes(accounts, { secureCookies: config.NODE_ENV === 'production' }));
  api.use(valuationRoutes(valuation, clock));
  api.use(casesRoutes(cases));
  api.use(statsRoutes(statsService(database.db)));
  api.use(auctionsRoutes(auctions, lifecycle, accounts, database.db, clock, config.holidays));
  api.use(biddingRoutes(bidding, bidLimiter));
  api.use(payments.routes());
  api.use(financeRoutes(bidding, lifecycle, database.db, config.holidays));
  api.use(statementsRoutes(createStatements(ctx), createUnmatchedQueue(ctx)));
  api.use(refundsRoutes(createRefunds(ctx)));
  api.use(proceedsRoutes(createProceeds(ctx), database.db));
  api.use(reconciliationRoutes(reconciliation));
  let jobs: ReturnType<typeof startJobs> | null = null;
  api.post('/admin/clock/advance', async (req, res) => {
    requireRole(req, 'admin');
    if (!(clock instanceof TestClock)) {
      res.status(404).json({ error: { code: 'NOT_FOUND', message: 'The test clock is not enabled on this server.' } });
      return;
    }
    const { ms } = parse(clockAdvanceBody, req.body);
    const now = clock.advance(ms);
    await jobs?.runNow();
    res.json({ now: now.toISOString() });
  });
  api.use(apiNotFound);
  if (opts.sandboxInquiry) app.use('/sandbox', express.json({ limit: '64kb' }));
  if (opts.sandboxInquiry) app.use(sandboxInquiryRouter());
  app.use('/api', api);

  if (fs.existsSync(path.join(clientDist, 'index.html'))) {
    app.use(express.static(clientDist, { index: false, maxAge: '1h' }));
    app.get(/^\/(?!api\/|socket\.io\/).*/, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(path.join(clientDist, 'index.html'));
    });
  }
  app.use(errorHandler(log));

  const server = http.createServer(app);
  server.headersTimeout = 20_000;
  server.requestTimeout = 30_000;
  const realtime = await createRealtime(server, {
    authenticate: (token) => accounts.authenticate(token),
    snapshot: async (lotId) => {
      const v = await loadLotView(database.db, lotId, config.holidays);
      return v && v.status !== 'draft' ? v : null;
    },
    placeBid: async (user, lotId, amount, clientBidId) => {
      await bidLimiter.check(user.id);
      return bidding.placeBid(user, lotId, amount, clientBidId);
    },
    now: () => clock.now(),
  }, log, config.REDIS_URL, config.PUBLIC_ORIGIN);
  target = realtime;

  if (opts.jobs !== false) {
    jobs = startJobs([{ name: 'lots', run: () => auctions.tick() }, { name: 'defaults', run: async () => { await lifecycle.defaultOverdue(); } }, { name: 'valuations', run: () => valuation.tick() }, reconciliation.job, payments.job], log);
  }

  return {
    ctx, app, server, realtime, clock,
    services: { accounts, cases, auctions, bidding, lifecycle, valuation, payments },
    runJobsNow: async () => {
      if (jobs) await jobs.runNow();
      else {
        await auctions.tick();
        await lifecycle.defaultOverdue();
        await valuation.tick();
        await reconciliation.job.run();
        await payments.job.run();
      }
    },
    listen: (port, host) => new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve((server.address() as { port: number }).port);
      });
    }),
    stop: async () => {
      await jobs?.stop();
      await realtime.close();
      await limits.close();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
