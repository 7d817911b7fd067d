import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../server/platform/config';
import { outbidsOf } from '../../server/modules/notifications/bid-alerts';
import { mailContent } from '../../server/modules/notifications/mail-content';

describe('alert emails: SMTP_URL and MAIL_FROM', () => {
  it('when SMTP_URL is set without MAIL_FROM, then start-up stops naming MAIL_FROM', () => {
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example.court:587' })).to.throw(ConfigError, /MAIL_FROM: required when SMTP_URL is set/);
  });

  it('when both are well formed, then they are taken; a URL of another scheme or a sender that is not an address is refused by name', () => {
    const c = loadConfig({ SMTP_URL: 'smtps://u:p@mail.example.court:465', MAIL_FROM: 'Court auctions <auctions@example.court>' });
    expect(c).to.include({ SMTP_URL: 'smtps://u:p@mail.example.court:465', MAIL_FROM: 'Court auctions <auctions@example.court>' });
    expect(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'auctions@example.court' }).MAIL_FROM).to.equal('auctions@example.court');
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.court', MAIL_FROM: 'a@b.c' })).to.throw(ConfigError, /SMTP_URL/);
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example.court', MAIL_FROM: 'auctions' })).to.throw(ConfigError, /MAIL_FROM/);
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example.court', MAIL_FROM: 'x <a@b.c>\r\nBcc: all@b.c' })).to.throw(ConfigError, /MAIL_FROM/);
    expect(loadConfig({}).SMTP_URL).to.equal(undefined);
  });
});

describe('who a run of bids outbid', () => {
  const bid = (seq: number, userId: string) => ({ seq, userId, amount: `${70000 + seq * 1000}.00`, at: new Date(0), endsAtAfter: new Date(1), extended: false });

  it('when each bid displaces another bidder, then each displaced bidder is named once, by the bid that last displaced them, and the leader never', () => {
    const out = outbidsOf('a', [bid(1, 'b'), bid(2, 'a'), bid(3, 'c'), bid(4, 'b')]);
    expect([...out.keys()].sort()).to.deep.equal(['a', 'c']);
    expect(out.get('a')!.seq).to.equal(3);
    expect(out.get('c')!.seq).to.equal(4);
  });

  it('when a bidder raises their own lead, or bids first on the lot, then nobody is outbid', () => {
    expect(outbidsOf('a', [bid(1, 'a'), bid(2, 'a')]).size).to.equal(0);
    expect(outbidsOf(null, [bid(1, 'a')]).size).to.equal(0);
  });
});

describe('an alert email', () => {
  it('when an outbid alert in the last minutes is mailed, then it is in Chinese and in English, with the price in yuan, the end in UTC+8 and the link', () => {
    const m = mailContent('outbid', { title: '某小区住宅', titleEn: 'A flat', currentPrice: '1234567.00', endsAt: '2026-12-01T02:05:00.000Z', lastMinutes: true }, 'https://auction.example.court/lots/L1');
    expect(m.subject).to.equal('您的出价已被超过 / You have been outbid');
    expect(m.text).to.include('「某小区住宅」当前价 ¥1,234,567.00').and.to.include('最后五分钟').and.to.include('2026-12-01 10:05 (UTC+8)');
    expect(m.text).to.include('"A flat" is now at ¥1,234,567.00').and.to.include('https://auction.example.court/lots/L1');
  });
});
