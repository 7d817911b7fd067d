import type { ApiClient, TestServer } from './server';

const DAY = 24 * 60 * 60 * 1000;

export interface LotTermsInput {
  reference?: string;
  startingPrice?: string;
  bidIncrement?: string;
  deposit?: string;
  kind?: 'movable' | 'immovable' | 'property_right';
  startInDays?: number;
  biddingHours?: number;
}

/** A case, a seized asset and a negotiated reference price, created by court staff over HTTP. */
export async function assetWithReference(t: TestServer, staff: ApiClient, o: { reference?: string; kind?: LotTermsInput['kind'] } = {}) {
  const c = await staff.post('/api/cases', {
    caseNumber: `(2026)测执${Math.floor(Math.random() * 1e9)}号`, court: 'Test District Court', applicant: 'Creditor Co.', respondent: 'Debtor Li', claimAmount: '500000.00',
  });
  if (c.status !== 201) throw new Error(`case: ${JSON.stringify(c.body)}`);
  const a = await staff.post('/api/assets', { caseId: c.body.id, title: 'Seized sedan', kind: o.kind ?? 'movable', description: 'A grey sedan.' });
  if (a.status !== 201) throw new Error(`asset: ${JSON.stringify(a.body)}`);
  const v = await staff.post(`/api/assets/${a.body.id}/valuations`, { method: 'negotiated', amount: o.reference ?? '100000.00' });
  if (v.status !== 201) throw new Error(`valuation: ${JSON.stringify(v.body)}`);
  return { caseId: c.body.id as string, assetId: a.body.id as string, valuation: v.body };
}

export function lotBody(t: TestServer, assetId: string, o: LotTermsInput = {}) {
  const starts = new Date(t.now().getTime() + (o.startInDays ?? 21) * DAY);
  const ends = new Date(starts.getTime() + (o.biddingHours ?? 24) * 60 * 60 * 1000);
  return {
    assetId, round: 1, startingPrice: o.startingPrice ?? '70000.00', bidIncrement: o.bidIncrement ?? '1000.00',
    deposit: o.deposit ?? '7000.00', startsAt: starts.toISOString(), endsAt: ends.toISOString(), balanceDueDays: 10,
    disclosure: { ...DISCLOSURE },
  };
}

/** A complete disclosure (A13, A14): every lot the factories make can be published. */
export const DISCLOSURE = {
  knownDefects: '后保险杠有轻微划痕。', encumbrances: '无抵押，无租赁，车辆由法院保管。', taxesAndFees: '过户费用由买受人承担。',
  viewingTime: '工作日 9:00–17:00，需预约', viewingPlace: '法院停车场', viewingContact: '王法官 0571-00000000', biddersNotice: '竞买人须实名登记并交纳保证金。',
} as const;

/** Records the A16 notice to the parties, moves the clock past the 3 clear days, and publishes. */
export async function notifyAndPublish(t: TestServer, staff: ApiClient, lotId: string) {
  const n = await staff.post(`/api/lots/${lotId}/notify-parties`, { note: 'Served in writing.' });
  if (n.status !== 200) throw new Error(`notify: ${JSON.stringify(n.body)}`);
  await t.advance(NOTICE_WAIT_MS);
  return staff.post(`/api/lots/${lotId}/publish`);
}

/** From any time of day, four calendar days in UTC+8 always clear A16's three days. */
export const NOTICE_WAIT_MS = 4 * DAY;

/** A published lot, and (with live) the clock moved to its start so the scheduler opened it. */
export async function publishedLot(t: TestServer, staff: ApiClient, o: LotTermsInput & { live?: boolean } = {}) {
  const { assetId } = await assetWithReference(t, staff, { reference: o.reference, kind: o.kind });
  const created = await staff.post('/api/lots', lotBody(t, assetId, o));
  if (created.status !== 201) throw new Error(`lot: ${JSON.stringify(created.body)}`);
  const pub = await notifyAndPublish(t, staff, created.body.id);
  if (pub.status !== 200) throw new Error(`publish: ${JSON.stringify(pub.body)}`);
  const lot = created.body;
  if (o.live) {
    const wait = new Date(lot.startsAt).getTime() - t.now().getTime();
    await t.advance(Math.max(0, wait) + 1000);
    const after = await t.anon.get(`/api/lots/${lot.id}`);
    if (after.body.status !== 'live') throw new Error(`lot did not go live: ${after.body.status}`);
    return after.body;
  }
  return (await t.anon.get(`/api/lots/${lot.id}`)).body;
}

/** A verified bidder registered for the lot with the deposit confirmed by finance. */
export async function bidderWithDeposit(t: TestServer, lotId: string, finance: ApiClient) {
  const b = await t.user('bidder', { verified: true });
  const reg = await b.api.post(`/api/lots/${lotId}/registrations`);
  if (reg.status !== 201) throw new Error(`registration: ${JSON.stringify(reg.body)}`);
  const conf = await finance.post(`/api/finance/deposits/${reg.body.id}/confirm`, { bankReference: `BANK-${reg.body.id}` });
  if (conf.status !== 200) throw new Error(`confirm: ${JSON.stringify(conf.body)}`);
  return { ...b, registration: reg.body, bidderCode: reg.body.bidderCode as string };
}
