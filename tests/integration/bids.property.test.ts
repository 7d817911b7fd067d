import { expect } from 'chai';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { bidHash } from '../../server/modules/audit/audit.service';
import { bidderWithDeposit, publishedLot } from '../support/factories';
import { courtServer, type ApiClient, type TestServer } from '../support/server';

const MIN = 60_000;

/** One attempt: who bids, how the amount is chosen, and how far the clock moves first. */
const attempt = fc.record({
  who: fc.nat({ max: 4 }),
  how: fc.constantFrom('minimum', 'match', 'raise2', 'below', 'fen-below'),
  advanceMs: fc.integer({ min: 0, max: 4 * MIN }),
});

describe('property: random bid sequences with priority holders', () => {
  let t: TestServer;
  let staff: ApiClient;
  let finance: ApiClient;
  // The rules are under test, not the per-bidder rate limit (accounts.hardening tests that): it is off here.
  before(async () => ({ t, staff, finance } = await courtServer({ env: { BID_RATE_PER_SECOND: '0' } })));
  after(async () => { await t.stop(); });

  it('when any sequence of bids is tried, then the server accepts exactly what A20/A21 allow, the end follows the 5-minute rule, the top accepted bid wins, and the bid chain verifies', async function () {
    this.timeout(180_000);
    await fc.assert(fc.asyncProperty(
      fc.array(attempt, { minLength: 3, maxLength: 12 }),
      fc.constantFrom<[number | null, number | null]>([1, 2], [2, 1], [1, 1], [null, 1], [null, null]),
      async (attempts, ranks) => {
        const lot = await publishedLot(t, staff);
        const bidders: Array<{ api: ApiClient; rank: number | null; code: string }> = [];
        for (let i = 0; i < 5; i++) {
          const rank = i < 2 ? ranks[i] : null;
          if (rank !== null) {
            const u = await t.user('bidder', { verified: true });
            await staff.post(`/api/lots/${lot.id}/priority-holders`, { userId: u.id, rank });
            const reg = await u.api.post(`/api/lots/${lot.id}/registrations`);
            await finance.post(`/api/finance/deposits/${reg.body.id}/confirm`, { bankReference: `PB-${reg.body.id}` });
            bidders.push({ api: u.api, rank, code: reg.body.bidderCode });
          } else {
            const b = await bidderWithDeposit(t, lot.id, finance);
            bidders.push({ api: b.api, rank: null, code: b.bidderCode });
          }
        }
        await t.advance(new Date(lot.startsAt).getTime() - t.now().getTime() + 1000);
        // Bid in the last ten minutes so that the anti-sniping rule is exercised.
        await t.advance(new Date(lot.endsAt).getTime() - t.now().getTime() - 10 * MIN);

        let endsAt = new Date(lot.endsAt).getTime();
        let current: Decimal | null = null;
        let leader: number | null = null;
        const accepted: Array<{ amount: string; who: number }> = [];
        for (const [i, a] of attempts.entries()) {
          const room = endsAt - t.now().getTime() - 30_000;
          if (room > 0) await t.advance(Math.min(a.advanceMs, room));
          const me = bidders[a.who];
          const inc = new Decimal(lot.bidIncrement);
          const base = current ?? new Decimal(lot.startingPrice);
          const amount: Decimal = {
            minimum: current ? base.plus(inc) : base,
            match: base,
            raise2: current ? base.plus(inc.mul(2)) : base.plus(inc),
            below: current ? base : base.minus(inc),
            'fen-below': (current ? base.plus(inc) : base).minus('0.01'),
          }[a.how];
          // The oracle, written from the rules' text rather than from the server's functions.
          const leaderRank = leader === null ? null : bidders[leader].rank;
          const canMatch = me.rank !== null && (leaderRank === null || me.rank < leaderRank);
          const ok = leader !== a.who && (current === null
            ? amount.gte(lot.startingPrice)
            : amount.gte(current.plus(inc)) || (canMatch && amount.eq(current)));
          const r = await me.api.post(`/api/lots/${lot.id}/bids`, { amount: amount.toFixed(2), clientBidId: `p${i}` });
          expect(r.status === 201, `attempt ${i} ${a.how} by ${a.who} (rank ${me.rank}) at ${amount} over ${current} led by ${leader}: ${JSON.stringify(r.body)}`).to.equal(ok);
          if (ok) {
            const at = new Date(r.body.at).getTime();
            const expectedEnd = endsAt - at <= 5 * MIN ? at + 5 * MIN : endsAt;
            expect(new Date(r.body.endsAt).getTime()).to.equal(expectedEnd);
            expect(r.body.extended).to.equal(expectedEnd !== endsAt);
            endsAt = expectedEnd;
            current = amount;
            leader = a.who;
            accepted.push({ amount: amount.toFixed(2), who: a.who });
          } else {
            const after = (await t.anon.get(`/api/lots/${lot.id}`)).body;
            expect(new Date(after.endsAt).getTime(), 'a refused bid never moves the end').to.equal(endsAt);
          }
        }
        await t.advance(endsAt - t.now().getTime() + 1000);
        const closed = (await t.anon.get(`/api/lots/${lot.id}`)).body;
        if (accepted.length === 0) {
          expect(closed.status).to.equal('unsold');
        } else {
          const top = accepted.reduce((m, x) => (new Decimal(x.amount).gt(m) ? new Decimal(x.amount) : m), new Decimal(0));
          expect(closed.status).to.equal('sold');
          expect(closed.finalPrice).to.equal(top.toFixed(2));
          expect(closed.winnerCode).to.equal(bidders[leader!].code);
        }
        const log = (await t.anon.get(`/api/lots/${lot.id}/bid-log`)).body;
        let prev = '';
        for (const e of log.entries) {
          expect(e.prevHash).to.equal(prev);
          expect(bidHash({ lotId: lot.id, seq: e.seq, bidderCode: e.bidderCode, amount: e.amount, at: new Date(e.at), prevHash: prev })).to.equal(e.hash);
          prev = e.hash;
        }
        expect(log.head).to.equal(prev);
        expect(log.entries.map((e: { amount: string }) => e.amount)).to.deep.equal(accepted.map((x) => x.amount));
      },
    ), { numRuns: 8, endOnFailure: true });
  });
});
