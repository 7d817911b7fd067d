import crypto from 'node:crypto';
import { Decimal } from 'decimal.js';
import { and, eq, sql } from 'drizzle-orm';
import { withResidentIdCheckDigit } from '../../../shared/rules';
import { canTransition } from '../../../shared/lot-state';
import type { Platform } from '../../app';
import { schema } from '../../platform/db/index';

const { lots, settings, registrations } = schema;

export const DEMO_PASSWORD = 'demo-pass-2026';
export const DEMO_LOGINS = [
  { role: 'bidder', email: 'bidder@demo.court', name: '张伟 Zhang Wei' },
  { role: 'court_staff', email: 'court@demo.court', name: '王法官 Judge Wang' },
  { role: 'finance', email: 'finance@demo.court', name: '刘会计 Liu (finance)' },
  { role: 'admin', email: 'admin@demo.court', name: 'Platform admin' },
] as const;
const SIMULATED = [
  { email: 'sim1@demo.court', name: '模拟竞买人 Simulated bidder 1', budgetRatio: '0.84' },
  { email: 'sim2@demo.court', name: '模拟竞买人 Simulated bidder 2', budgetRatio: '0.80' },
  { email: 'sim3@demo.court', name: '模拟竞买人 Simulated bidder 3', budgetRatio: '0.76' },
];
const DAY = 24 * 60 * 60 * 1000;

export async function databaseIsEmpty(p: Platform): Promise<boolean> {
  const [row] = await p.ctx.db.select({ n: sql<number>`count(*)::int` }).from(schema.users);
  return Number(row.n) === 0;
}

/** Demo data for a first start: a court, a case, seized assets, one lot live now and others announced. */
export async function seedDemo(p: Platform): Promise<void> {
  const { accounts, cases, auctions, bidding, valuation } = p.services;
  const { db } = p.ctx;
  const now = p.clock.now();
  const ids: Record<string, string> = {};
  for (const l of DEMO_LOGINS) {
    const { user } = await accounts.upsertUser({ email: l.email, password: DEMO_PASSWORD, role: l.role, name: l.name });
    ids[l.role] = user.id;
  }
  await accounts.verifyIdentity(ids.bidder, '张伟', withResidentIdCheckDigit('33010619900307151'));
  const sims = [];
  for (const [i, s] of SIMULATED.entries()) {
    const { user } = await accounts.upsertUser({ email: s.email, password: crypto.randomBytes(18).toString('base64url'), role: 'bidder', name: s.name });
    sims.push(await accounts.verifyIdentity(user.id, `模拟${i + 1}`, withResidentIdCheckDigit(`1101051985010${100 + i}2`.slice(0, 17))));
  }
  const staff = ids.court_staff;
  const kase = await cases.createCase({
    caseNumber: '(2026)浙0106执1234号', court: '杭州市西湖区人民法院 Hangzhou Xihu District Court',
    applicant: '某商业银行杭州分行 A commercial bank, Hangzhou branch', respondent: '李某 Li', claimAmount: '3200000.00',
  }, staff);
  const asset = (title: string, kind: 'movable' | 'immovable' | 'property_right', description: string) =>
    cases.createAsset({ caseId: kase.id, title, kind, description, preserved: false, appraisalMandatory: false });
  const car = await asset('2019 丰田凯美瑞 2.5L 轿车 · 2019 Toyota Camry 2.5L sedan', 'movable',
    'Registered 2019-06, 68,000 km. Minor scratches on the rear bumper. Keys and registration certificate held by the court. The buyer bears the transfer fees and any unpaid traffic fines (none recorded on 2026-11-01).');
  const flat = await asset('西溪花园 3幢 1202室 · Xixi Garden, Building 3, Room 1202 (89.5 m²)', 'immovable',
    'Residential, 89.5 m², 12th floor of 18, built 2012. Mortgage to the applicant bank (to be discharged from the proceeds). Occupied by the respondent; the court will deliver it vacant. The buyer bears the deed tax; the seller\'s taxes are borne by the seller.');
  const equity = await asset('杭州联和贸易有限公司 30% 股权 · 30% equity in Hangzhou Lianhe Trading Co., Ltd.', 'property_right',
    'Registered capital 5,000,000; the respondent\'s 30% share. Other shareholders hold a statutory pre-emption right. The buyer bears the change-registration costs.');
  const watch = await asset('劳力士 Submariner 126610LN 腕表 · Rolex Submariner 126610LN watch', 'movable',
    'Purchased 2021, with box and papers. Authenticated by the Hangzhou quality inspection institute. Held in the court\'s custody.');
  for (const [a, amount] of [[car, '120000.00'], [flat, '2860000.00'], [equity, '1500000.00'], [watch, '68000.00']] as const) {
    await valuation.create(a.id, { method: 'negotiated', amount, note: 'Agreed by both parties in writing.' }, staff);
  }

  const at = (offsetMs: number) => new Date(now.getTime() + offsetMs).toISOString();
  const announce = 'The court auctions the property below on this platform under the Provisions on Online Judicial Auctions. The property is sold as it stands; read the bidding notice and the description of defects before registering.';
  // The demo's notices to the parties (A16) were served five days ago: history, written directly.
  const noticed = async (lotId: string) => {
    await db.update(lots).set({ noticesSentAt: new Date(now.getTime() - 5 * DAY) }).where(eq(lots.id, lotId));
  };
  const flatLot = await auctions.createLot({ assetId: flat.id, round: 1, startingPrice: '2002000.00', bidIncrement: '10000.00', deposit: '200000.00', startsAt: at(32 * DAY), endsAt: at(33 * DAY), balanceDueDays: 10, announcement: announce }, staff);
  await noticed(flatLot.id);
  await auctions.publish(flatLot.id, staff);
  const equityLot = await auctions.createLot({ assetId: equity.id, round: 1, startingPrice: '1050000.00', bidIncrement: '5000.00', deposit: '100000.00', startsAt: at(33 * DAY), endsAt: at(34 * DAY), balanceDueDays: 15, announcement: announce }, staff);
  await noticed(equityLot.id);
  await auctions.publish(equityLot.id, staff);
  const watchLot = await auctions.createLot({ assetId: watch.id, round: 1, startingPrice: '47600.00', bidIncrement: '500.00', deposit: '5000.00', startsAt: at(17 * DAY), endsAt: at(18 * DAY), balanceDueDays: 10, announcement: announce }, staff);
  await noticed(watchLot.id);
  await auctions.publish(watchLot.id, staff);

  // The live lot was announced 17 days ago and has been open for almost 24 hours: lawful history, written directly.
  const liveLotId = crypto.randomUUID();
  const [reference] = await db.select().from(schema.valuations).where(eq(schema.valuations.assetId, car.id));
  const startsAt = new Date(now.getTime() - DAY + 6 * 60 * 1000);
  const endsAt = new Date(now.getTime() + 6 * 60 * 1000);
  await db.insert(lots).values({
    id: liveLotId, assetId: car.id, valuationId: reference.id, round: '1', status: 'announced',
    startingPrice: '84000.00', bidIncrement: '1000.00', deposit: '10000.00', referencePrice: '120000.00',
    startsAt, endsAt, scheduledEndsAt: endsAt, balanceDueDays: 10, announcement: announce,
    announcedAt: new Date(now.getTime() - 17 * DAY), noticesSentAt: new Date(now.getTime() - 21 * DAY), seq: 1, createdBy: staff, createdAt: new Date(now.getTime() - 18 * DAY), updatedAt: now,
  });
  const bidderUser = (await accounts.getUser(ids.bidder))!;
  for (const u of [...sims, bidderUser]) {
    const { view } = await bidding.register(u, liveLotId);
    await bidding.confirmDeposit(view.id, `DEMO-BANK-${view.id.slice(0, 8)}`, ids.finance);
  }
  await auctions.startDueLots();
  await db.insert(settings).values({ key: 'demo', value: { liveLotId, simulated: SIMULATED.map((s) => s.email) } });
}

/** Simulated bidders keep the demo's live lot moving, each up to its own budget, through the same bid path as people. */
export function startDemoSimulator(p: Platform): () => void {
  const { db, log } = p.ctx;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const step = async () => {
    const [demo] = await db.select().from(settings).where(eq(settings.key, 'demo'));
    if (!demo) return;
    const { liveLotId, simulated } = demo.value as { liveLotId: string; simulated: string[] };
    const [lot] = await db.select().from(lots).where(eq(lots.id, liveLotId));
    if (!lot || !canTransition(lot.status, 'bid')) return;
    const candidates = [];
    for (const [i, email] of simulated.entries()) {
      const user = await p.services.accounts.findByEmail(email);
      if (!user) continue;
      const [reg] = await db.select().from(registrations).where(and(eq(registrations.lotId, lot.id), eq(registrations.userId, user.id)));
      if (!reg || reg.depositStatus !== 'held' || lot.leadingRegistrationId === reg.id) continue;
      const budget = new Decimal(lot.referencePrice ?? lot.startingPrice).mul(SIMULATED[i]?.budgetRatio ?? '0.75');
      const minimum = lot.bidCount === 0 ? new Decimal(lot.startingPrice) : new Decimal(lot.currentPrice!).plus(lot.bidIncrement);
      const amount = minimum.plus(new Decimal(lot.bidIncrement).mul(crypto.randomInt(0, 3)));
      if (amount.lte(budget)) candidates.push({ user, amount });
    }
    if (candidates.length === 0) return;
    const pick = candidates[crypto.randomInt(candidates.length)];
    try {
      await p.services.bidding.placeBid(pick.user, lot.id, pick.amount.toFixed(2), `sim-${crypto.randomUUID()}`);
    } catch (err) {
      log.debug({ err }, 'simulated bid refused');
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      step().catch((err) => log.warn({ err }, 'demo simulator step failed')).finally(schedule);
    }, 6000 + crypto.randomInt(0, 14000));
    timer.unref();
  };
  schedule();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
