import { expect } from 'chai';
import {
  checkAnnouncementPeriod, checkLotTerms, checkPartyNotice, earliestDateAfterPeriod, endAfterBid, isValidResidentId, minimumNextBid,
  referenceValidUntil, withResidentIdCheckDigit, type LotTerms,
} from '../../shared/rules';

const now = new Date('2026-03-01T02:00:00Z');
const base: LotTerms = {
  round: 1, startingPrice: '70000.00', bidIncrement: '1000.00', deposit: '7000.00', balanceDueDays: 10,
  startsAt: new Date('2026-03-20T02:00:00Z'), endsAt: new Date('2026-03-21T02:00:00Z'), referencePrice: '100000.00',
};
const rules = (t: Partial<LotTerms>) => checkLotTerms({ ...base, ...t }, now).map((v) => v.rule);

describe('legal rules on a lot (shared by server and client)', () => {
  it('when the starting price is exactly 70% of the reference, then A10 is met; at 69.99% it is broken', () => {
    expect(rules({})).to.deep.equal([]);
    expect(rules({ startingPrice: '69999.99', deposit: '7000.00' })).to.deep.equal(['STARTING_PRICE_BELOW_70_PERCENT']);
    const [v] = checkLotTerms({ ...base, startingPrice: '69999.99' }, now);
    expect(v.article).to.equal('A10');
    expect(v.params.minimum).to.equal('70000.00');
  });

  it('when 70% of the reference has a third decimal, then the minimum rounds up to the next fen', () => {
    expect(rules({ referencePrice: '100000.01', startingPrice: '70000.00' })).to.include('STARTING_PRICE_BELOW_70_PERCENT');
    expect(rules({ referencePrice: '100000.01', startingPrice: '70000.01' })).to.deep.equal([]);
  });

  it('when the deposit is 5% or 20% of the starting price, then A17 is met; a fen outside either bound breaks it', () => {
    expect(rules({ deposit: '3500.00' })).to.deep.equal([]);
    expect(rules({ deposit: '14000.00' })).to.deep.equal([]);
    expect(rules({ deposit: '3499.99' })).to.deep.equal(['DEPOSIT_OUT_OF_RANGE']);
    expect(rules({ deposit: '14000.01' })).to.deep.equal(['DEPOSIT_OUT_OF_RANGE']);
  });

  it('when bidding lasts exactly 24 hours, then A20 is met; a millisecond less breaks it', () => {
    expect(rules({ endsAt: new Date(base.startsAt.getTime() + 24 * 3600 * 1000) })).to.deep.equal([]);
    expect(rules({ endsAt: new Date(base.startsAt.getTime() + 24 * 3600 * 1000 - 1) })).to.deep.equal(['BIDDING_PERIOD_TOO_SHORT']);
  });

  it('when the parties were notified on 1 March (UTC+8), then the announcement may be published from 5 March, not 4 March (A16)', () => {
    const notified = new Date('2026-03-01T02:00:00Z');
    expect(checkPartyNotice(notified, new Date('2026-03-04T15:59:59Z'))[0]).to.include({ rule: 'PARTY_NOTICE_TOO_RECENT', article: 'A16' });
    expect(checkPartyNotice(notified, new Date('2026-03-04T16:00:00Z'))).to.deep.equal([]);
    expect(checkPartyNotice(null, new Date('2026-03-10T00:00:00Z'))[0].rule).to.equal('PARTY_NOTICE_MISSING');
  });

  it('when there is no effective reference price, then the lot cannot be listed', () => {
    expect(rules({ referencePrice: null })).to.deep.equal(['REFERENCE_PRICE_REQUIRED']);
  });

  it('when an announcement is published on 1 March (UTC+8), then a 15-day period allows a start on 17 March, not 16 March', () => {
    // 1 March 09:00 in China is 1 March 01:00 UTC
    const published = new Date('2026-03-01T01:00:00Z');
    expect(earliestDateAfterPeriod(published, 15)).to.equal('2026-03-17');
    expect(checkAnnouncementPeriod('movable', 1, published, new Date('2026-03-16T16:00:00Z'))).to.deep.equal([]); // 17 Mar 00:00 CST
    const [v] = checkAnnouncementPeriod('movable', 1, published, new Date('2026-03-16T15:59:59Z')); // 16 Mar 23:59:59 CST
    expect(v.rule).to.equal('ANNOUNCEMENT_PERIOD_TOO_SHORT');
    expect(v.article).to.equal('A12');
  });

  it('when the day of publishing is counted in UTC+8, then 23:30 UTC on 28 Feb is already 1 March', () => {
    expect(earliestDateAfterPeriod(new Date('2026-02-28T23:30:00Z'), 15)).to.equal('2026-03-17');
  });

  it('when the property is immovable, then the first announcement needs 30 days; the second round 15, movable 7', () => {
    const published = new Date('2026-03-01T01:00:00Z');
    expect(checkAnnouncementPeriod('immovable', 1, published, new Date('2026-03-31T16:00:00Z'))).to.deep.equal([]);
    expect(checkAnnouncementPeriod('immovable', 1, published, new Date('2026-03-30T16:00:00Z'))).to.have.length(1);
    expect(checkAnnouncementPeriod('immovable', 2, published, new Date('2026-03-16T16:00:00Z'))).to.deep.equal([]);
    expect(checkAnnouncementPeriod('movable', 2, published, new Date('2026-03-08T16:00:00Z'))).to.deep.equal([]);
    expect(checkAnnouncementPeriod('movable', 2, published, new Date('2026-03-07T16:00:00Z'))[0].article).to.equal('A26');
  });

  it('when the last day of the period is a configured holiday, then the period runs to the next working day', () => {
    const published = new Date('2026-03-01T01:00:00Z');
    expect(earliestDateAfterPeriod(published, 15, new Set(['2026-03-16', '2026-03-17']))).to.equal('2026-03-19');
  });

  it('when no bid has been made, then the minimum is the starting price; after that current + increment', () => {
    expect(minimumNextBid('70000.00', '1000.00', null).toFixed(2)).to.equal('70000.00');
    expect(minimumNextBid('70000.00', '1000.00', '75000.00').toFixed(2)).to.equal('76000.00');
  });

  it('when a bid comes 5:01 before the end, then the end stays; at 4:59 it moves to 5 minutes after the bid', () => {
    const end = new Date('2026-03-21T02:00:00Z');
    expect(endAfterBid(end, new Date(end.getTime() - 301_000)).getTime()).to.equal(end.getTime());
    const late = new Date(end.getTime() - 299_000);
    expect(endAfterBid(end, late).getTime()).to.equal(late.getTime() + 300_000);
  });

  it('when a reference price takes effect, then it is valid to the end of the same day a year later, UTC+8 (B27)', () => {
    expect(referenceValidUntil(new Date('2026-03-01T00:00:00Z')).toISOString()).to.equal('2027-03-01T15:59:59.999Z');
    expect(referenceValidUntil(new Date('2026-02-28T17:00:00Z')).toISOString()).to.equal('2027-03-01T15:59:59.999Z'); // 1 March CST
    expect(referenceValidUntil(new Date('2028-02-29T04:00:00Z')).toISOString()).to.equal('2029-02-28T15:59:59.999Z');
  });

  it('when an ID number has a wrong check digit or an impossible birth date, then GB 11643 rejects it', () => {
    expect(isValidResidentId('11010519491231002X')).to.equal(true);
    expect(isValidResidentId('110105194912310021')).to.equal(false);
    expect(isValidResidentId('110105194902300021')).to.equal(false);
    expect(isValidResidentId('11010519491231002')).to.equal(false);
    expect(isValidResidentId(withResidentIdCheckDigit('33010619900307151'))).to.equal(true);
  });
});
