import { expect } from 'chai';
import { dayBounds, dueDay } from '../../server/modules/finance/reconciliation.service';

describe('the reconciliation day (UTC+8)', () => {
  it('when a day is named, then it runs from 16:00 UTC the day before to 16:00 UTC that day', () => {
    const { start, end } = dayBounds('2026-12-01');
    expect(start.toISOString()).to.equal('2026-11-30T16:00:00.000Z');
    expect(end.toISOString()).to.equal('2026-12-01T16:00:00.000Z');
  });

  it('when the clock is at 00:04:59 UTC+8, then the day before yesterday is the one due; from 00:05 yesterday is', () => {
    expect(dueDay(new Date('2026-12-01T16:04:59.999Z'))).to.equal('2026-11-30');
    expect(dueDay(new Date('2026-12-01T16:05:00.000Z'))).to.equal('2026-12-01');
    expect(dueDay(new Date('2026-12-02T15:59:59.999Z'))).to.equal('2026-12-01');
  });

  it('when a year turns in UTC+8 before it does in UTC, then the day follows UTC+8', () => {
    expect(dueDay(new Date('2026-12-31T16:10:00.000Z'))).to.equal('2026-12-31');
    expect(dayBounds('2027-01-01').start.toISOString()).to.equal('2026-12-31T16:00:00.000Z');
  });
});
