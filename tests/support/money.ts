import { expect } from 'chai';
import nock from 'nock';
import { assertBooks } from './books';
import { bidderWithDeposit, publishedLot } from './factories';
import { courtServer, type ApiClient, type TestServer } from './server';

type CourtServer = Awaited<ReturnType<typeof courtServer>>;

export interface ServerHookOptions {
  /** Check the books balance after every test. */
  books?: boolean;
  /**
   * Only loopback may be reached while the suite runs. 'each' drops the mocked hosts after every test,
   * 'suite' only once the server has stopped (for interceptors that persist across tests).
   */
  localNetwork?: 'each' | 'suite';
}

/**
 * The before/after hooks of a suite that runs against one test server: `start` starts it, `use` hands it
 * to the suite's own variables, and the server stops after the last test.
 */
export function serverHooks<S extends { t: TestServer }>(start: () => Promise<S>, use: (s: S) => void, opts: ServerHookOptions = {}): void {
  let t: TestServer | undefined;
  before(async () => {
    if (opts.localNetwork) {
      nock.disableNetConnect();
      nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    }
    const s = await start();
    t = s.t;
    use(s);
  });
  if (opts.books || opts.localNetwork === 'each') {
    afterEach(async () => {
      if (opts.localNetwork === 'each') nock.cleanAll();
      if (opts.books) await assertBooks(t!);
    });
  }
  after(async () => {
    await t!.stop();
    if (opts.localNetwork === 'suite') nock.cleanAll();
    if (opts.localNetwork) nock.enableNetConnect();
  });
}

/** A court server (court staff and finance logged in) whose books must balance after every test. */
export function moneyServer(use: (s: CourtServer) => void, opts: Parameters<typeof courtServer>[0] = {}): void {
  serverHooks(() => courtServer(opts), use, { books: true });
}

/** A court server with one published lot for the suite's registrations. */
export async function courtServerWithLot(): Promise<CourtServer & { lotId: string }> {
  const s = await courtServer();
  return { ...s, lotId: (await publishedLot(s.t, s.staff)).id };
}

/** A lot sold to one of two bidders with deposits held by bank: the second wins at 75,000.00 (deposit 7,000). */
export async function soldLot(t: TestServer, staff: ApiClient, finance: ApiClient) {
  const lot = await publishedLot(t, staff, { live: true });
  const loser = await bidderWithDeposit(t, lot.id, finance);
  const buyer = await bidderWithDeposit(t, lot.id, finance);
  expect((await loser.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'l1' })).status).to.equal(201);
  expect((await buyer.api.post(`/api/lots/${lot.id}/bids`, { amount: '75000.00', clientBidId: 'w1' })).status).to.equal(201);
  await t.advance(new Date(lot.endsAt).getTime() - t.now().getTime() + 10);
  const view = (await t.anon.get(`/api/lots/${lot.id}`)).body;
  expect(view.status).to.equal('sold');
  return { lot: view, loser, buyer };
}
