import { expect } from 'chai';
import { SMTPServer } from 'smtp-server';
import type { NotificationView } from '../../shared/api';
import { bidderWithDeposit, publishedLot } from '../support/factories';
import { courtServer, type ApiClient, type TestServer } from '../support/server';

const HOUR = 60 * 60_000;

async function alertsOf(api: ApiClient, lotId: string): Promise<NotificationView[]> {
  return (await api.call('myNotifications', { query: { limit: 100 } })).body.notifications.filter((n) => n.lotId === lotId);
}

describe('the winner is reminded a day before the balance falls due, once, while it is unpaid', () => {
  let t: TestServer;
  let staff: ApiClient;
  let finance: ApiClient;
  let smtp: SMTPServer;
  const mails: Array<{ to: string[]; raw: string }> = [];

  before(async () => {
    smtp = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    const port = (smtp.server.address() as { port: number }).port;
    ({ t, staff, finance } = await courtServer({ env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Court auctions <auctions@test.court>' } }));
  });
  after(async () => {
    await t?.stop();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  /** A lot sold to a fresh winner at 75,000.00 (balance 68,000.00), the clock just past its close. */
  async function soldLot() {
    const lot = await publishedLot(t, staff, { live: true });
    const winner = await bidderWithDeposit(t, lot.id, finance);
    expect((await winner.api.post(`/api/lots/${lot.id}/bids`, { amount: '75000.00', clientBidId: `w-${lot.id}` })).status).to.equal(201);
    await t.advance(new Date(lot.endsAt).getTime() - t.now().getTime() + 10);
    const closed = (await t.anon.get(`/api/lots/${lot.id}`)).body;
    expect(closed.status).to.equal('sold');
    const dueAt = new Date(closed.balanceDueAt as string);
    return { lot, winner, dueAt };
  }

  /** The Subject header with its MIME encoded-words decoded. */
  function subjectOf(raw: string): string {
    const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
    const value = /^Subject: (.*)$/m.exec(head)![1];
    return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, data: string) => enc.toLowerCase() === 'b'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')).trim();
  }

  /** Subjects of the mails delivered to one address, waiting a moment for the mailer's tick. */
  async function subjectsTo(email: string, wanted: string): Promise<string[]> {
    const until = Date.now() + 8000;
    for (;;) {
      const got = mails.filter((m) => m.to.includes(email)).map((m) => subjectOf(m.raw));
      if (got.includes(wanted) || Date.now() > until) return got;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('when the clock reaches a day before the due time with the balance unpaid, then exactly one reminder is written, pushed and mailed, and later ticks add none', async () => {
    const { lot, winner, dueAt } = await soldLot();
    const socket = await t.socket(winner.token);
    const pushed: NotificationView[] = [];
    socket.on('notification', (n: NotificationView) => { if (n.kind === 'balance_reminder') pushed.push(n); });

    await t.advance(dueAt.getTime() - 24 * HOUR - t.now().getTime() - 60_000);
    expect((await alertsOf(winner.api, lot.id)).map((n) => n.kind), 'a minute early').to.not.include('balance_reminder');

    await t.advance(2 * 60_000);
    const reminders = (await alertsOf(winner.api, lot.id)).filter((n) => n.kind === 'balance_reminder');
    expect(reminders).to.have.length(1);
    expect(reminders[0].params).to.include({ amount: '68000.00', dueAt: dueAt.toISOString(), title: 'Seized sedan' });

    await t.advance(HOUR);
    await t.advance(HOUR);
    expect((await alertsOf(winner.api, lot.id)).filter((n) => n.kind === 'balance_reminder'), 'still one after more ticks').to.have.length(1);
    const until = Date.now() + 3000;
    while (pushed.length === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pushed.map((n) => n.lotId)).to.deep.equal([lot.id]);
    const wanted = '余款明日到期 / Balance due tomorrow';
    const subjects = await subjectsTo(winner.email, wanted);
    expect(subjects.filter((x) => x === wanted), JSON.stringify(subjects)).to.have.length(1);
  });

  it('when the balance is recorded paid before the reminder time, then no reminder is sent', async () => {
    const { lot, winner, dueAt } = await soldLot();
    expect((await finance.post(`/api/finance/lots/${lot.id}/balance`, { bankReference: `BAL-${lot.id}` })).status).to.equal(200);
    await t.advance(dueAt.getTime() - 24 * HOUR - t.now().getTime() + 60_000);
    await t.advance(HOUR);
    expect((await alertsOf(winner.api, lot.id)).map((n) => n.kind)).to.include('balance_due').and.to.not.include('balance_reminder');
  });
});
