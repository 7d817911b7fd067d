import { expect } from 'chai';
import { compareDuties, draftDuty, latestNoticeDate, latestPublishDate } from '../../shared/court-duties';
import { checkAnnouncementPeriod, checkPartyNotice } from '../../shared/rules';

const at = (date: string) => new Date(`${date}T04:00:00Z`); // noon UTC+8

describe('court duties: the last days for the notice and the announcement', () => {
  it('when an immovable lot starts on 17 April, then the announcement is due by 17 March (30 days, A12) and the notice by 13 March (A16)', () => {
    const start = at('2026-04-17');
    expect(latestPublishDate('immovable', 1, start)).to.equal('2026-03-17');
    expect(checkAnnouncementPeriod('immovable', 1, at('2026-03-17'), start)).to.deep.equal([]);
    expect(checkAnnouncementPeriod('immovable', 1, at('2026-03-18'), start)).to.have.length(1);
    expect(latestNoticeDate('2026-03-17')).to.equal('2026-03-13');
    expect(checkPartyNotice(at('2026-03-13'), at('2026-03-17'))).to.deep.equal([]);
    expect(checkPartyNotice(at('2026-03-14'), at('2026-03-17'))).to.have.length(1);
  });

  it('when the last day of the period is a court holiday, then the period runs on and the last day to publish moves earlier', () => {
    const start = at('2026-10-10');
    const plain = latestPublishDate('movable', 1, start);
    expect(plain).to.equal('2026-09-24');
    // Published on 24 September, 15 days end on 9 October; a holiday then pushes the first allowed start to 11 October.
    const holidays = new Set(['2026-10-09']);
    const moved = latestPublishDate('movable', 1, start, holidays);
    expect(moved < plain).to.equal(true);
    expect(checkAnnouncementPeriod('movable', 1, at(moved), start, holidays)).to.deep.equal([]);
    expect(checkAnnouncementPeriod('movable', 1, at(plain), start, holidays)).to.have.length(1);
  });

  it('when a draft is notified, then it may be published from the 4th calendar day, and is overdue once the last day to publish has passed', () => {
    const d = { kind: 'movable' as const, round: 1 as const, startsAt: at('2026-10-10'), noticesSentAt: at('2026-09-01') };
    expect(draftDuty(d, at('2026-09-03'))).to.deep.include({ kind: 'draft_to_publish', reasonCode: 'PUBLISH_FROM', urgency: 'upcoming' });
    expect(draftDuty(d, at('2026-09-05'))).to.deep.include({ reasonCode: 'PUBLISH_NOW', urgency: 'upcoming' });
    expect(draftDuty(d, at('2026-09-24'))).to.deep.include({ reasonCode: 'PUBLISH_NOW', urgency: 'today' });
    expect(draftDuty(d, at('2026-09-25'))).to.deep.include({ reasonCode: 'PUBLISH_TOO_LATE', urgency: 'overdue' });
    expect(draftDuty({ ...d, noticesSentAt: null }, at('2026-09-21'))).to.deep.include({ kind: 'notice_to_send', reasonCode: 'NOTICE_TOO_LATE', urgency: 'overdue' });
  });

  it('when duties are ranked, then overdue come first, then today, then later, each by the nearest date', () => {
    const list = [
      { urgency: 'upcoming' as const, dueAt: '2026-01-02T00:00:00.000Z' },
      { urgency: 'overdue' as const, dueAt: '2026-01-05T00:00:00.000Z' },
      { urgency: 'today' as const, dueAt: null },
      { urgency: 'overdue' as const, dueAt: '2026-01-01T00:00:00.000Z' },
    ].sort(compareDuties);
    expect(list.map((d) => `${d.urgency}:${d.dueAt?.slice(0, 10) ?? '-'}`)).to.deep.equal(['overdue:2026-01-01', 'overdue:2026-01-05', 'today:-', 'upcoming:2026-01-02']);
  });
});
