import { expect } from 'chai';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { aggregate, commissionSaved, toRateString, type AuctionFact } from '../../shared/stats';

const fen = (yuan: string) => new Decimal(yuan);

function fact(over: Partial<AuctionFact>): AuctionFact {
  return {
    round: '1', outcome: 'sold', startingPrice: fen('100'), referencePrice: fen('140'), finalPrice: fen('150'),
    bidders: 2, bids: 3, extensions: 1, loserDeposits: 1, loserDepositsRefundedWithin24h: 1, ...over,
  };
}

describe('stats: C29 commission saved', () => {
  // Hand-computed: 5% to 2M = 100,000; +3% of 8M = 340,000; +2% of 40M = 1,140,000; +1% of 50M = 1,640,000.
  const cases: Array<[string, string]> = [
    ['0', '0'],
    ['0.01', '0.0005'],
    ['1999999.99', '99999.9995'],
    ['2000000', '100000'],
    ['2000000.01', '100000.0003'],
    ['9999999.99', '339999.9997'],
    ['10000000', '340000'],
    ['10000000.01', '340000.0002'],
    ['49999999.99', '1139999.9998'],
    ['50000000', '1140000'],
    ['50000000.01', '1140000.0001'],
    ['99999999.99', '1639999.9999'],
    ['100000000', '1640000'],
    ['100000000.01', '1640000.00005'],
    ['300000000', '2640000'],
  ];
  for (const [price, expected] of cases) {
    it(`when a lot sells for ${price}, then the commission saved is exactly ${expected}`, () => {
      expect(commissionSaved(price).toString()).to.equal(new Decimal(expected).toString());
    });
  }

  it('when a price is negative, then it is refused', () => {
    expect(() => commissionSaved('-1')).to.throw();
  });

  const price = fc.integer({ min: 0, max: 30_000_000_000 }).map((f) => new Decimal(f).div(100));

  it('when a price rises, then the commission never falls', () => {
    fc.assert(fc.property(price, price, (a, b) => {
      const [lo, hi] = a.lte(b) ? [a, b] : [b, a];
      return commissionSaved(lo).lte(commissionSaved(hi));
    }));
  });

  it('when lots are aggregated, then the schedule is summed per lot, never applied to the total', () => {
    fc.assert(fc.property(fc.array(price, { minLength: 1, maxLength: 8 }), (prices) => {
      const facts = prices.map((p) => fact({ finalPrice: p, startingPrice: p, referencePrice: p }));
      const perLot = prices.reduce((s, p) => s.plus(commissionSaved(p)), new Decimal(0));
      const figures = aggregate(facts);
      expect(figures.commissionSaved).to.equal(perLot.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2));
      // the schedule is concave, so the per-lot sum is never below the schedule applied to the total
      const total = prices.reduce((s, p) => s.plus(p), new Decimal(0));
      expect(perLot.gte(commissionSaved(total))).to.equal(true);
    }));
  });

  it('when two lots of 2,000,000 each are summed, then the commission is 200,000, not the 160,000 of the schedule on their 4,000,000 total', () => {
    const facts = [fact({ finalPrice: fen('2000000') }), fact({ finalPrice: fen('2000000') })];
    expect(aggregate(facts).commissionSaved).to.equal('200000.00');
    expect(commissionSaved('4000000').toString()).to.equal('160000');
  });
});

describe('stats: rates and aggregates', () => {
  it('when a rate is formatted, then it has four places rounded half-up, and an empty base gives 0', () => {
    expect(toRateString(fen('1'), fen('3'))).to.equal('0.3333');
    expect(toRateString(fen('2'), fen('3'))).to.equal('0.6667');
    expect(toRateString(fen('0.00005'), fen('1'))).to.equal('0.0001');
    expect(toRateString(fen('5'), fen('0'))).to.equal('0.0000');
  });

  it('when there are no auctions, then every figure is zero', () => {
    const z = aggregate([]);
    expect(z).to.deep.equal({
      lotsFinished: 0, lotsSold: 0, lotsDefaulted: 0, successRate: '0.0000', turnover: '0.00',
      startingTotal: '0.00', referenceTotal: '0.00', premiumOverStarting: '0.0000', premiumOverReference: '0.0000',
      realisationRate: '0.0000', commissionSaved: '0.00', commissionShareOfTurnover: '0.0000',
      unsoldRateByRound: { '1': '0.0000', '2': '0.0000', sell_off: '0.0000' },
      biddersPerLot: '0.0000', bidsPerLot: '0.0000', extensionsPerLot: '0.0000',
      loserDepositsRefundedWithin24hShare: '0.0000',
    });
  });

  it('when auctions are sold, unsold and defaulted, then only sold ones are turnover and every rate is hand-computed', () => {
    const facts: AuctionFact[] = [
      fact({ round: '1', outcome: 'unsold', finalPrice: null, bidders: 0, bids: 0, extensions: 0, loserDeposits: 0, loserDepositsRefundedWithin24h: 0 }),
      fact({ round: '2', outcome: 'sold', startingPrice: fen('80'), referencePrice: fen('100'), finalPrice: fen('120'), bidders: 3, bids: 5, extensions: 2, loserDeposits: 2, loserDepositsRefundedWithin24h: 2 }),
      fact({ round: 'sell_off', outcome: 'sold', startingPrice: fen('64'), referencePrice: fen('100'), finalPrice: fen('64'), bidders: 1, bids: 1, extensions: 0, loserDeposits: 0, loserDepositsRefundedWithin24h: 0 }),
      fact({ round: '1', outcome: 'defaulted', startingPrice: fen('100'), referencePrice: fen('125'), finalPrice: fen('500'), bidders: 2, bids: 4, extensions: 1, loserDeposits: 1, loserDepositsRefundedWithin24h: 0 }),
    ];
    const f = aggregate(facts);
    expect(f.lotsFinished).to.equal(4);
    expect(f.lotsSold).to.equal(2);
    expect(f.lotsDefaulted).to.equal(1);
    expect(f.successRate).to.equal('0.5000');
    expect(f.turnover).to.equal('184.00');
    expect(f.startingTotal).to.equal('144.00');
    expect(f.referenceTotal).to.equal('200.00');
    expect(f.premiumOverStarting).to.equal('0.2778'); // 40 / 144
    expect(f.premiumOverReference).to.equal('-0.0800'); // -16 / 200
    expect(f.realisationRate).to.equal('0.9200');
    expect(f.commissionSaved).to.equal('9.20'); // 5% of 120 + 5% of 64
    expect(f.commissionShareOfTurnover).to.equal('0.0500');
    expect(f.unsoldRateByRound).to.deep.equal({ '1': '0.5000', '2': '0.0000', sell_off: '0.0000' });
    expect(f.biddersPerLot).to.equal('1.5000');
    expect(f.bidsPerLot).to.equal('2.5000');
    expect(f.extensionsPerLot).to.equal('0.7500');
    expect(f.loserDepositsRefundedWithin24hShare).to.equal('0.6667');
  });
});
