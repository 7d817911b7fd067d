import { expect } from 'chai';
import { lotNextActions, type LotFacts } from '../../shared/lot-actions';
import { balanceDueAt, bidMinimum, checkBid, type BidState } from '../../shared/rules';

const state = (currentPrice: string | null, leaderPriorityRank: number | null = null): BidState => ({
  startingPrice: '70000.00', bidIncrement: '1000.00', currentPrice, leaderPriorityRank,
});

describe('bid acceptance with priority purchase rights (A20, A21)', () => {
  const cases: Array<[string, BidState, number | null, string, string | null]> = [
    ['first bid at the starting price', state(null), null, '70000.00', null],
    ['first bid a fen under', state(null), null, '69999.99', 'FIRST_BID_BELOW_STARTING_PRICE'],
    ['a priority holder cannot match before any bid', state(null), 1, '69999.99', 'FIRST_BID_BELOW_STARTING_PRICE'],
    ['ordinary bid at current + increment', state('75000.00'), null, '76000.00', null],
    ['ordinary bid a fen under current + increment', state('75000.00'), null, '75999.99', 'BID_BELOW_MINIMUM'],
    ['ordinary bidder matching', state('75000.00'), null, '75000.00', 'BID_BELOW_MINIMUM'],
    ['priority holder matching an ordinary leader', state('75000.00'), 2, '75000.00', null],
    ['priority holder between match and raise', state('75000.00'), 2, '75000.01', 'PRIORITY_BID_BETWEEN_MATCH_AND_RAISE'],
    ['priority holder raising normally', state('75000.00'), 2, '76000.00', null],
    ['rank 1 matching a rank 2 leader', state('75000.00', 2), 1, '75000.00', null],
    ['rank 2 matching a rank 1 leader', state('75000.00', 1), 2, '75000.00', 'BID_BELOW_MINIMUM'],
    ['same rank matching: the earlier bid wins', state('75000.00', 1), 1, '75000.00', 'BID_BELOW_MINIMUM'],
    ['ordinary bidder raising over a priority leader', state('75000.00', 1), null, '76000.00', null],
  ];
  for (const [when, s, rank, amount, rule] of cases) {
    it(`when ${when}, then ${rule ?? 'accepted'}`, () => {
      expect(checkBid(s, rank, amount)?.rule ?? null).to.equal(rule);
    });
  }

  it('when a priority holder may match, then the minimum is the current price', () => {
    expect(bidMinimum(state('75000.00'), 1)).to.deep.include({ matchAllowed: true });
    expect(bidMinimum(state('75000.00'), 1).minimum.toFixed(2)).to.equal('75000.00');
    expect(bidMinimum(state('75000.00', 1), 1).minimum.toFixed(2)).to.equal('76000.00');
  });
});

describe('deadlines after the sale and the staff next-step list', () => {
  it('when a lot closes on 1 March (UTC+8) with 10 days, then the balance is due at the end of 11 March UTC+8', () => {
    const due = balanceDueAt(new Date('2026-03-01T06:00:00Z'), 10);
    expect(due.toISOString()).to.equal('2026-03-11T15:59:59.999Z');
  });

  it('when the last day is a holiday, then the balance deadline moves to the next working day', () => {
    expect(balanceDueAt(new Date('2026-03-01T06:00:00Z'), 10, new Set(['2026-03-11'])).toISOString()).to.equal('2026-03-12T15:59:59.999Z');
  });

  const facts = (f: Partial<LotFacts>): LotFacts => ({
    status: 'draft', round: 1, suspendedAt: null, noticesSentAt: null, balancePaidAt: null, balanceDueAt: null, closedAt: null, hasLaterLot: false, creditorTakeover: false, ...f,
  });
  const allowed = (f: Partial<LotFacts>, now = new Date('2026-03-10T00:00:00Z')) =>
    lotNextActions(facts(f), now).filter((a) => a.allowed).map((a) => a.action).sort();

  it('when a lot is in each state, then staff may do exactly the lawful next steps', () => {
    expect(allowed({ status: 'draft' })).to.deep.equal(['add_priority_holder', 'cancel', 'notify_parties']);
    expect(allowed({ status: 'draft', noticesSentAt: new Date('2026-03-06T00:00:00Z') })).to.deep.equal(['add_priority_holder', 'cancel', 'notify_parties', 'publish']);
    expect(allowed({ status: 'draft', noticesSentAt: new Date('2026-03-07T00:00:00Z') })).to.deep.equal(['add_priority_holder', 'cancel', 'notify_parties']);
    expect(allowed({ status: 'announced' })).to.deep.equal(['add_priority_holder', 'cancel', 'suspend']);
    expect(allowed({ status: 'live' })).to.deep.equal(['cancel', 'suspend']);
    expect(allowed({ status: 'suspended', suspendedAt: new Date('2026-03-09T00:00:00Z') })).to.deep.equal(['cancel', 'resume']);
    expect(allowed({ status: 'sold' })).to.deep.equal(['confirmation', 'record_balance']);
    expect(allowed({ status: 'sold', balancePaidAt: new Date() })).to.deep.equal(['confirmation']);
    expect(allowed({ status: 'unsold', round: 1, closedAt: new Date('2026-03-01T00:00:00Z') })).to.deep.equal(['second_round']);
    expect(allowed({ status: 'unsold', round: 1, closedAt: new Date('2026-02-01T00:00:00Z') })).to.deep.equal([]);
    expect(allowed({ status: 'unsold', round: 2 })).to.deep.equal(['creditor_takeover', 'sell_off']);
    expect(allowed({ status: 'unsold', round: 'sell_off' })).to.deep.equal(['creditor_takeover']);
    expect(allowed({ status: 'defaulted' })).to.deep.equal(['re_auction']);
  });

  it('when a suspension has lasted longer than 5 days, then resume says it is overdue (A29)', () => {
    const suspendedAt = new Date('2026-03-01T00:00:00Z');
    // Suspended 1 March 08:00 UTC+8: resume by the end of 6 March UTC+8.
    const on = (iso: string) => lotNextActions(facts({ status: 'suspended', suspendedAt }), new Date(iso)).find((a) => a.action === 'resume')!.reason;
    expect(on('2026-03-06T15:59:59Z')).to.match(/^Resume by/);
    expect(on('2026-03-06T16:00:00Z')).to.match(/^Overdue/);
  });
});
