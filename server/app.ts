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
import { createIdentityThrottle } from './modules/accounts/identity-throttle';
import { EMBEDDED_RESULTS_CSV_CAP } from './modules/stats/results.service';
import { publicReadLimits } from './modules/stats/public-limits';
import { createLoginThrottle } from './modules/accounts/login-throttle';
import { createSessionCache } from './modules/accounts/session-cache';
import { accountsRoutes } from './modules/accounts/accounts.routes';
import { createCases } from './modules/cases/cases.service';
import { createFiles, filesRoutes } from './modules/files/index';
import { createFileStore } from './platform/storage/index';
import { casesRoutes } from './modules/cases/cases.routes';
import { createAssetKind } from './modules/cases/asset-kind';
import { createAdmin } from './modules/admin/admin.service';
import { adminRoutes } from './modules/admin/admin.routes';
import { createCourts } from './modules/admin/courts.service';
import { createInquiryPlatforms } from './modules/admin/inquiry-platforms.service';
import { registryRoutes } from './modules/admin/registry.routes';
import { createAuctions } from './modules/auctions/auctions.service';
import { auctionsRoutes } from './modules/auctions/auctions.routes';
import { loadLotView } from './modules/auctions/lot-view';
import { createLifecycle } from './modules/auctions/lifecycle.service';
import { createBidding } from './modules/bidding/bidding.service';
import { createProxyBids } from './modules/bidding/proxy-bids';
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
import { createDuties } from './modules/court/duties.service';
import { dutiesRoutes } from './modules/court/duties.routes';
import { sandboxInquiryRouter } from './modules/demo/sandbox-inquiry';
import { valuationRoutes } from './modules/valuation/valuation.routes';
import { statsRoutes } from './modules/stats/stats.routes';
import { statsService } from './modules/stats/stats.service';
import { resultsRoutes } from './modules/stats/results.routes';
import { resultsService } from './modules/stats/results.service';
import type { Platform as InquiryPlatform } from './modules/valuation/inquiry.adapter';
import { createNotifications, notificationsRoutes } from './modules/notifications/index';
import { neverPublic } from './modules/auctions/lot-visibility';

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
    notifications: ReturnType<typeof createNotifications>;
    inquiryPlatforms: ReturnType<typeof createInquiryPlatforms>;
    courts: ReturnType<typeof createCourts>;
    files: ReturnType<typeof createFiles>;
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
  const sessions = await createSessionCache({ redisUrl: config.REDIS_URL, keyPrefix: config.REDIS_KEY_PREFIX, log });
  const accounts = createAccounts(ctx, { loginThrottle: createLoginThrottle(limits), identityThrottle: createIdentityThrottle(limits), sessions });
  const cases = createCases(ctx);
  // A lot that turns live lets its proxy bids bid from the start.
  const auctions = createAuctions(ctx, {
    lot(lotId, event, payload) {
      bus.lot(lotId, event, payload);
      if (event === 'lot:status' && (payload as { status?: string }).status === 'live') {
        proxies.started(lotId).catch((err) => log.warn({ err, lotId }, 'proxy bids at the start failed'));
      }
    },
  });
  const notifications = createNotifications(ctx);
  const bidding = createBidding(ctx, bus, { bidsAccepted: notifications.bidsAccepted });
  const proxies = createProxyBids({ db: ctx.db, clock, router: bidding.router });
  const lifecycle = createLifecycle(ctx, bus);
  const reconciliation = createReconciliation(ctx);
  // The setting's platforms are upserted into the registry; an inquiry asks the registry's active ones when it starts.
  const inquiryPlatforms = createInquiryPlatforms(ctx);
  await inquiryPlatforms.syncSetting(opts.inquiryPlatforms ?? config.INQUIRY_PLATFORMS);
  const courts = createCourts(ctx);
  await courts.seedFromCases();
  const valuation = createValuation({ ...ctx, inquiryPlatforms: (tx) => inquiryPlatforms.active(tx), inquiryTimeoutMs: config.INQUIRY_TIMEOUT_MS, inquiryUrlTrusted: inquiryPlatforms.isConfigured });
  const payments = createOnlinePayments(ctx, opts.paymentProvider ?? null);
  auctions.onSold(async (tx, lot, finalPrice) => {
    const winners = await valuation.assignInquiryFee(tx, lot.valuationId, finalPrice);
    await postInquiryFee(tx, lot.id, winners, await inquiryPlatforms.fees(tx), ctx.clock.now());
  });
  // Bids per bidder per second, over REST and socket alike, counted across nodes.
  const bidLimiter = perSecondLimit(limits, 'bids', config.BID_RATE_PER_SECOND);

  const app = baseApp(log, config.TRUST_PROXY);
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
  // The realtime hub exists by the time a request is served.
  api.use(accountsRoutes(accounts, { secureCookies: config.NODE_ENV === 'production', sessionEnded: (token) => realtime.sessionEnded(token) }));
  api.use(valuationRoutes(valuation, clock));
  api.use(dutiesRoutes(createDuties(ctx)));
  // A user's roles changed: their sessions are read again, and a proxy bid of one who may no longer bid is withdrawn (A28).
  const admin = createAdmin(ctx, { userChanged: async (id) => { await accounts.changedUser(id); await proxies.userChanged(id); } });
  await admin.loadHolidays();
  api.use(adminRoutes(admin));
  // Public and anonymous reads (statistics, results, the courts' regions): per client address, far fewer CSV files than pages.
  const publicReads = publicReadLimits(limits, { jsonPerMinute: config.PUBLIC_READS_PER_MINUTE, csvPerMinute: config.PUBLIC_CSV_PER_MINUTE });
  api.use('/regions', publicReads);
  api.use(registryRoutes(inquiryPlatforms, courts));
  api.use(casesRoutes(cases, createAssetKind(ctx)));
  const files = createFiles(ctx, createFileStore(config));
  api.use(filesRoutes(files));
  const stats = statsService(database.db, ctx.clock);
  api.use(['/stats', '/results'], publicReads);
  api.use(statsRoutes(stats));
  // On the embedded engine every query runs on this process's thread: smaller export batches and a lower cap.
  api.use(resultsRoutes(resultsService(database.db, database.kind === 'pglite' ? { csvCap: EMBEDDED_RESULTS_CSV_CAP, csvBatch: 500 } : {})));
  api.use(auctionsRoutes(auctions, lifecycle, accounts, database.db, clock, config.holidays));
  api.use(biddingRoutes(bidding, bidLimiter, proxies));
  api.use(notificationsRoutes(notifications));
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
      return v && !neverPublic(v) ? v : null;
    },
    placeBid: async (user, lotId, amount, clientBidId) => {
      await bidLimiter.check(user.id);
      return bidding.placeBid(user, lotId, amount, clientBidId);
    },
    now: () => clock.now(),
  }, log, config.REDIS_URL, config.PUBLIC_ORIGIN, config.TRUST_PROXY);
  target = realtime;
  notifications.attach(realtime);

  if (opts.jobs !== false) {
    jobs = startJobs([{ name: 'lots', run: () => auctions.tick() }, { name: 'defaults', run: async () => { await lifecycle.defaultAllOverdue(); } }, { name: 'valuations', run: () => valuation.tick() }, reconciliation.job, payments.job, stats.job, ...notifications.jobs], log);
  }

  return {
    ctx, app, server, realtime, clock,
    services: { accounts, cases, auctions, bidding, lifecycle, valuation, payments, notifications, inquiryPlatforms, courts, files },
    runJobsNow: async () => {
      if (jobs) await jobs.runNow();
      else {
        await auctions.tick();
        await lifecycle.defaultAllOverdue();
        await valuation.tick();
        await reconciliation.job.run();
        await payments.job.run();
        for (const job of notifications.jobs) await job.run();
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
      await bidding.stop();
      await notifications.stop();
      await realtime.close();
      await limits.close();
      await sessions.close();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
