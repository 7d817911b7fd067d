import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { cstDate, withResidentIdCheckDigit } from '../../../shared/rules';
import type { Platform } from '../../app';
import { schema } from '../../platform/db/index';
import { refreshStatsFacts } from '../stats/stats.facts';
import { DEMO_ANNOUNCEMENT, DEMO_COURT, DEMO_ITEMS, type DemoItem } from './demo.content';
import { createDemoKeeper } from './demo.keeper';
import { addDemoMedia, renderDemoMedia, type DemoMedia } from './demo.media';
import { generateProvince } from './province';

const { lots } = schema;

export const DEMO_PASSWORD = 'demo-pass-2026';
export const DEMO_LOGINS = [
  { role: 'bidder', email: 'bidder@demo.court', name: '张伟' },
  { role: 'court_staff', email: 'court@demo.court', name: '王法官' },
  { role: 'finance', email: 'finance@demo.court', name: '刘会计' },
  { role: 'admin', email: 'admin@demo.court', name: '平台管理员' },
] as const;
const SIMULATED = [
  { email: 'sim1@demo.court', name: '模拟竞买人一' },
  { email: 'sim2@demo.court', name: '模拟竞买人二' },
  { email: 'sim3@demo.court', name: '模拟竞买人三' },
];
const DAY = 24 * 60 * 60 * 1000;

export async function databaseIsEmpty(p: Platform): Promise<boolean> {
  const [row] = await p.ctx.db.select({ n: sql<number>`count(*)::int` }).from(schema.users);
  return Number(row.n) === 0;
}

/** Demo data for a first start: a court, a case, seized assets, one lot live now and others announced. */
export async function seedDemo(p: Platform): Promise<void> {
  const { accounts, cases, auctions, valuation } = p.services;
  const { db } = p.ctx;
  const now = p.clock.now();
  const caseNumber = '(2026)浙0106执1234号';
  const announced: Array<[DemoItem, { startingPrice: string; bidIncrement: string; deposit: string; startInDays: number; balanceDueDays: number }]> = [
    [DEMO_ITEMS.flat, { startingPrice: '2002000.00', bidIncrement: '10000.00', deposit: '200000.00', startInDays: 32, balanceDueDays: 10 }],
    [DEMO_ITEMS.equity, { startingPrice: '1050000.00', bidIncrement: '5000.00', deposit: '100000.00', startInDays: 33, balanceDueDays: 15 }],
    [DEMO_ITEMS.watch, { startingPrice: '47600.00', bidIncrement: '500.00', deposit: '5000.00', startInDays: 17, balanceDueDays: 10 }],
  ];
  // Their illustrations and summaries are drawn while the accounts below are set up.
  const media = new Map<string, Promise<DemoMedia>>();
  for (const [item] of announced) {
    const rendering = renderDemoMedia({ court: DEMO_COURT, caseNumber: caseNumber, item, decidedAt: now });
    rendering.catch(() => {}); // awaited below, where a failure is thrown
    media.set(item.key, rendering);
  }
  const ids: Record<string, string> = {};
  for (const l of DEMO_LOGINS) {
    const { user } = await accounts.upsertUser({ email: l.email, password: DEMO_PASSWORD, role: l.role, name: l.name });
    ids[l.role] = user.id;
  }
  await accounts.verifyIdentity(ids.bidder, '张伟', withResidentIdCheckDigit('33010619900307151'));
  for (const [i, s] of SIMULATED.entries()) {
    const { user } = await accounts.upsertUser({ email: s.email, password: crypto.randomBytes(18).toString('base64url'), role: 'bidder', name: s.name });
    await accounts.verifyIdentity(user.id, `模拟${i + 1}`, withResidentIdCheckDigit(`1101051985010${100 + i}2`.slice(0, 17)));
  }
  const staff = ids.court_staff;
  const kase = await cases.createCase({
    caseNumber, court: DEMO_COURT,
    applicant: '某商业银行股份有限公司杭州分行', respondent: '李某', claimAmount: '3200000.00',
  }, staff);
  const asset = async (item: DemoItem) => {
    const a = await cases.createAsset({
      caseId: kase.id, title: item.title, titleEn: item.titleEn, kind: item.kind, description: item.description, descriptionEn: item.descriptionEn,
      preserved: false, appraisalMandatory: false,
    });
    await addDemoMedia(p, a.id, await media.get(item.key)!, staff);
    return a;
  };
  const at = (offsetMs: number) => new Date(now.getTime() + offsetMs).toISOString();
  // The demo's notices to the parties (A16) were served five days ago: history, written directly.
  const noticed = async (lotId: string) => {
    await db.update(lots).set({ noticesSentAt: new Date(now.getTime() - 5 * DAY) }).where(eq(lots.id, lotId));
  };
  for (const [item, terms] of announced) {
    const a = await asset(item);
    await valuation.create(a.id, { method: 'negotiated', amount: item.reference, note: '双方当事人书面议定。' }, staff);
    const lot = await auctions.createLot({
      assetId: a.id, round: 1, startingPrice: terms.startingPrice, bidIncrement: terms.bidIncrement, deposit: terms.deposit,
      startsAt: at(terms.startInDays * DAY), endsAt: at((terms.startInDays + 1) * DAY), balanceDueDays: terms.balanceDueDays,
      announcement: DEMO_ANNOUNCEMENT.zh, announcementEn: DEMO_ANNOUNCEMENT.en, disclosure: item.disclosure,
    }, staff);
    await noticed(lot.id);
    await auctions.publish(lot.id, staff);
  }

  // The live lot: the keeper opens it now (announced 16 days ago, open for almost 24 hours) and the next one whenever it ends.
  const keeper = createDemoKeeper(p);
  await keeper.writeState({
    liveLotId: null, simulated: SIMULATED.map((s) => s.email), caseId: kase.id, staffId: staff, financeId: ids.finance,
    alsoRegister: ['bidder@demo.court'], opened: 0,
  });
  await keeper.ensureLive();

  // The twelve months before today of finished auctions at twelve courts of the province (the demo's own court,
  // 杭州市西湖区人民法院, among them, under the same name), closes up to yesterday: the statistics pages open
  // on the last twelve months and show them. Synthetic bidders cannot log in (their password hash matches no password).
  const today = cstDate(now);
  await generateProvince(db, { lots: 1500, courts: 12, year: Number(today.slice(0, 4)), until: Date.parse(`${today}T00:00:00+08:00`), seed: 2026, namespace: 'demo-history', bidders: 300 });
  await refreshStatsFacts(db);
}
