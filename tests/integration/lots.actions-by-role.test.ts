import { expect } from 'chai';
import { bidderWithDeposit, publishedLot } from '../support/factories';
import { courtServer, type ApiClient, type TestServer } from '../support/server';
import { LOT_TRANSITIONS } from '../../shared/lot-state';
import { LOT_ACTION_ROLE } from '../../shared/lot-action-roles';

describe("a lot's next actions are the caller's own: court staff never see finance actions", () => {
  let t: TestServer;
  let staff: ApiClient;
  let finance: ApiClient;
  before(async () => ({ t, staff, finance } = await courtServer()));
  after(async () => { await t.stop(); });

  async function soldLot() {
    const lot = await publishedLot(t, staff, { live: true });
    const b = await bidderWithDeposit(t, lot.id, finance);
    expect((await b.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'only' })).status).to.equal(201);
    await t.advance(new Date(lot.endsAt).getTime() - t.now().getTime() + 1000);
    expect((await t.anon.get(`/api/lots/${lot.id}`)).body.status).to.equal('sold');
    return lot.id as string;
  }

  it('when court staff read a sold lot whose balance is unpaid, then recording the balance is not among their actions; an admin sees it, allowed', async () => {
    const lotId = await soldLot();
    const mine = (await staff.get(`/api/lots/${lotId}/actions`)).body.actions as Array<{ action: string; allowed: boolean; reasonCode: string }>;
    expect(mine.map((a) => a.action)).to.not.include('record_balance');
    expect(mine.length).to.be.greaterThan(0);
    for (const a of mine) expect(LOT_ACTION_ROLE[a.action as keyof typeof LOT_ACTION_ROLE]).to.equal('court_staff');
    expect(mine.find((a) => a.action === 'confirmation')).to.include({ allowed: true, reasonCode: 'CONFIRMATION_READY' });
    const admin = (await t.admin.get(`/api/lots/${lotId}/actions`)).body.actions as Array<{ action: string; allowed: boolean; reasonCode: string }>;
    expect(admin.find((a) => a.action === 'record_balance')).to.include({ allowed: true, reasonCode: 'BALANCE_TO_RECORD' });
    // The court cannot take the finance action either: the server refuses it as the list implies.
    expect((await staff.post(`/api/finance/lots/${lotId}/balance`, { bankReference: 'BAL-court' })).status).to.equal(403);
    expect((await finance.post(`/api/finance/lots/${lotId}/balance`, { bankReference: `BAL-${lotId}` })).status).to.equal(200);
    const after = (await t.admin.get(`/api/lots/${lotId}/actions`)).body.actions as Array<{ action: string; allowed: boolean; reasonCode: string }>;
    expect(after.find((a) => a.action === 'record_balance')).to.include({ allowed: false, reasonCode: 'BALANCE_PAID' });
  });

  it("when an action is allowed, then the lot's status allows it in the transition table the server enforces", async () => {
    const lot = await publishedLot(t, staff);
    const actions = (await staff.get(`/api/lots/${lot.id}/actions`)).body.actions as Array<{ action: keyof typeof LOT_TRANSITIONS; allowed: boolean }>;
    for (const a of actions.filter((x) => x.allowed)) expect(LOT_TRANSITIONS[a.action].from as readonly string[]).to.include('announced');
    expect(actions.filter((a) => a.allowed).map((a) => a.action).sort()).to.deep.equal(['add_priority_holder', 'cancel', 'suspend']);
  });

  it('when finance or a bidder asks for the staff actions, then they are refused', async () => {
    const lot = await publishedLot(t, staff);
    expect((await finance.get(`/api/lots/${lot.id}/actions`)).status).to.equal(403);
    expect((await (await t.user('bidder')).api.get(`/api/lots/${lot.id}/actions`)).status).to.equal(403);
  });
});
