import { expect } from 'chai';
import { monthUtc8, startOfDayUtc8 } from '../../server/modules/stats/stats.service';

describe('stats: periods in UTC+8', () => {
  it('when a period starts on a date, then it starts at midnight in Beijing, 16:00 UTC the day before', () => {
    expect(startOfDayUtc8('2026-03-01').toISOString()).to.equal('2026-02-28T16:00:00.000Z');
    expect(startOfDayUtc8('2027-01-01').toISOString()).to.equal('2026-12-31T16:00:00.000Z');
  });

  it('when an auction closes on the last evening of a month in UTC, then it may already count in the next month', () => {
    expect(monthUtc8(new Date('2026-01-31T15:59:59.999Z'))).to.equal('2026-01');
    expect(monthUtc8(new Date('2026-01-31T16:00:00.000Z'))).to.equal('2026-02');
    expect(monthUtc8(new Date('2026-12-31T16:00:00.000Z'))).to.equal('2027-01');
  });
});
