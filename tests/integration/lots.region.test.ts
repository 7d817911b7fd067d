import { expect } from 'chai';
import { lotBody, notifyAndPublish } from '../support/factories';
import { courtServer, startTestServer, type ApiClient, type TestServer } from '../support/server';

/**
 * The lot search by region (GET /api/lots?region=: the lots whose case names a registered court of that
 * region), the public list of regions it offers (GET /api/regions), and the registered court's viewing contact
 * on one lot's view (courtContact). Courts and regions are named for this run, so the PostgreSQL database a
 * whole run shares never leaks into the answers.
 */

const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`;
const REGION_A = `浙江省杭州市 ${suffix}`;
const REGION_B = `江苏省南京市 ${suffix}`;
const COURT_A1 = `杭州市西湖区人民法院 ${suffix}`;
const COURT_A2 = `杭州市上城区人民法院 ${suffix}`;
const COURT_B1 = `南京市玄武区人民法院 ${suffix}`;
/** Registered, but with no region, phone or address yet. */
const COURT_BLANK = `空白法院 ${suffix}`;
/** Named by a case, never registered. */
const COURT_UNLISTED = `Unlisted Court ${suffix}`;

interface Lot { id: string; court: string; courtContact?: unknown }

describe('lot search by region, the regions list, and the court contact for viewings', function () {
  this.timeout(300_000);
  let t: TestServer;
  let staff: ApiClient;
  const ids: Record<string, string> = {};
  const nameOf = (id: string) => Object.keys(ids).find((k) => ids[k] === id) ?? `foreign ${id}`;
  const names = (lots: Lot[]) => lots.map((l) => nameOf(l.id)).sort();
  const courtIds: Record<string, string> = {};

  async function addCourt(name: string, facts: { region?: string; address?: string; phone?: string }) {
    const r = await t.admin.post('/api/admin/courts', { name, ...facts });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    courtIds[name] = r.body.id;
  }

  async function lotIn(court: string, name: string, kind: 'movable' | 'immovable' = 'movable') {
    const c = await staff.post('/api/cases', { caseNumber: `(2026)区执${Math.floor(Math.random() * 1e9)}号`, court, applicant: 'Creditor Co.', respondent: 'Debtor Sun', claimAmount: '900000.00' });
    expect(c.status, JSON.stringify(c.body)).to.equal(201);
    const a = await staff.post('/api/assets', { caseId: c.body.id, title: `${name} ${suffix}`, kind, description: 'For the region search.' });
    expect(a.status, JSON.stringify(a.body)).to.equal(201);
    const v = await staff.post(`/api/assets/${a.body.id}/valuations`, { method: 'negotiated', amount: '100000.00' });
    expect(v.status, JSON.stringify(v.body)).to.equal(201);
    const l = await staff.post('/api/lots', lotBody(t, a.body.id, { startInDays: 30 }));
    expect(l.status, JSON.stringify(l.body)).to.equal(201);
    ids[name] = l.body.id;
  }

  async function search(query: string, as: ApiClient = staff): Promise<Lot[]> {
    const r = await as.get(`/api/lots?limit=200&${query}`);
    expect(r.status, `${query}: ${JSON.stringify(r.body)}`).to.equal(200);
    return r.body.lots;
  }
  const regionQ = (region: string) => `region=${encodeURIComponent(region)}`;

  before(async () => {
    ({ t, staff } = await courtServer());
    await addCourt(COURT_A1, { region: REGION_A, address: '杭州市西湖区文三路 1 号', phone: '0571-8888 0001' });
    await addCourt(COURT_A2, { region: REGION_A, address: '杭州市上城区解放路 2 号' });
    await addCourt(COURT_B1, { region: REGION_B, address: '南京市玄武区北京东路 3 号', phone: '025-8888 0003' });
    await addCourt(COURT_BLANK, {});
    await lotIn(COURT_A1, 'a1car');
    await lotIn(COURT_A1, 'a1flat', 'immovable');
    await lotIn(COURT_A2, 'a2car');
    await lotIn(COURT_B1, 'b1car');
    await lotIn(COURT_BLANK, 'blankCar');
    await lotIn(COURT_UNLISTED, 'unlistedCar');
  });
  after(async () => t?.stop());

  describe('GET /api/lots?region=', () => {
    it('when a region is given, then the lots of every registered court of that region are found and no other', async () => {
      expect(names(await search(regionQ(REGION_A)))).to.deep.equal(['a1car', 'a1flat', 'a2car']);
      expect(names(await search(regionQ(REGION_B)))).to.deep.equal(['b1car']);
    });

    it('when the region is combined with the kind or the court, then both must hold', async () => {
      expect(names(await search(`${regionQ(REGION_A)}&kind=immovable`))).to.deep.equal(['a1flat']);
      expect(names(await search(`${regionQ(REGION_A)}&kind=movable`))).to.deep.equal(['a1car', 'a2car']);
      expect(names(await search(`${regionQ(REGION_A)}&court=${encodeURIComponent(COURT_A2)}`))).to.deep.equal(['a2car']);
      expect(await search(`${regionQ(REGION_B)}&court=${encodeURIComponent(COURT_A1)}`)).to.deep.equal([]);
    });

    it('when the region matches only in part or in another case, then nothing is found: the match is exact', async () => {
      expect(await search(regionQ(REGION_A.slice(0, 6)))).to.deep.equal([]);
      expect(await search(regionQ(` ${REGION_A}`))).to.deep.equal([]);
      expect(await search(regionQ(`${REGION_A}%`))).to.deep.equal([]);
    });

    it('when no registered court has the region, then the list is empty, not an error', async () => {
      expect(await search(regionQ(`火星省 ${suffix}`))).to.deep.equal([]);
    });

    it('when the region is followed page by page, then every lot of it comes exactly once', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 5; i++) {
        const r: { status: number; body: { lots: Lot[]; nextCursor: string | null } } = await staff.get(`/api/lots?limit=1&${regionQ(REGION_A)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(r.status, JSON.stringify(r.body)).to.equal(200);
        seen.push(...r.body.lots.map((l) => nameOf(l.id)));
        cursor = r.body.nextCursor;
        if (!cursor) break;
      }
      expect(seen.sort()).to.deep.equal(['a1car', 'a1flat', 'a2car']);
    });

    for (const [what, query] of [
      ['longer than 100 characters', `region=${'r'.repeat(101)}`],
      ['given twice', `region=${encodeURIComponent(REGION_A)}&region=${encodeURIComponent(REGION_B)}`],
      ['101 Chinese characters', `region=${encodeURIComponent('省'.repeat(101))}`],
    ] as const) {
      it(`when the region is ${what}, then 400 VALIDATION_FAILED names region and nothing changes`, async () => {
        const before = await t.admin.get('/api/admin/courts');
        const r = await t.anon.get(`/api/lots?${query}`);
        expect(r.status, JSON.stringify(r.body)).to.equal(400);
        expect(r.body.error.code).to.equal('VALIDATION_FAILED');
        expect(r.body.error.details.fields.map((f: { path: string }) => f.path)).to.include('region');
        expect((await t.admin.get('/api/admin/courts')).body).to.deep.equal(before.body);
        expect(names(await search(regionQ(REGION_A)))).to.deep.equal(['a1car', 'a1flat', 'a2car']);
      });
    }

    it('when the public searches a region, then only its announced lots appear, without drafts', async () => {
      expect(await search(regionQ(REGION_B), t.anon)).to.deep.equal([]);
      const pub = await notifyAndPublish(t, staff, ids.b1car);
      expect(pub.status, JSON.stringify(pub.body)).to.equal(200);
      const found = await search(regionQ(REGION_B), t.anon);
      expect(names(found)).to.deep.equal(['b1car']);
      expect(found[0]).to.not.have.property('courtContact');
    });
  });

  describe('GET /api/regions', () => {
    const ours = async () => {
      const r = await t.anon.get('/api/regions');
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
      const all = r.body.regions as Array<{ region: string; courts: string[] }>;
      expect(all.every((g) => g.region !== '' && g.courts.length > 0)).to.equal(true);
      expect(new Set(all.map((g) => g.region)).size, 'each region once').to.equal(all.length);
      expect(all.some((g) => g.courts.includes(COURT_BLANK)), 'a court without a region is in no region').to.equal(false);
      // the order is the database's collation; compare as sets
      return all.filter((g) => g.region.endsWith(suffix)).map((g) => ({ ...g, courts: [...g.courts].sort() })).sort((x, y) => (x.region < y.region ? -1 : 1));
    };

    it('when anyone asks, then each region of a registered court comes once with its courts by name, and a court with no region is left out', async () => {
      expect(await ours()).to.deep.equal([
        { region: REGION_B, courts: [COURT_B1] },
        { region: REGION_A, courts: [COURT_A2, COURT_A1].sort() },
      ].sort((x, y) => (x.region < y.region ? -1 : 1)));
    });

    it('when an administrator moves the last court of a region to another, then the region leaves the list and the search follows', async () => {
      const moved = await t.admin.post(`/api/admin/courts/${courtIds[COURT_B1]}`, { region: REGION_A });
      expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
      expect(await ours()).to.deep.equal([{ region: REGION_A, courts: [COURT_A1, COURT_A2, COURT_B1].sort() }]);
      expect(await search(regionQ(REGION_B))).to.deep.equal([]);
      expect(names(await search(regionQ(REGION_A)))).to.deep.equal(['a1car', 'a1flat', 'a2car', 'b1car']);
      const back = await t.admin.post(`/api/admin/courts/${courtIds[COURT_B1]}`, { region: REGION_B });
      expect(back.status, JSON.stringify(back.body)).to.equal(200);
    });

    it('when one address asks more often than the public reads allow, then 429 RATE_LIMITED', async () => {
      const limited = await startTestServer({ jobs: false, env: { PUBLIC_READS_PER_MINUTE: '3' } });
      try {
        const ip = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.7`;
        const get = () => limited.anon.request('GET', '/api/regions', undefined, { headers: { 'x-forwarded-for': ip } });
        for (let i = 0; i < 3; i++) expect((await get()).status).to.equal(200);
        const refused = await get();
        expect(refused.status).to.equal(429);
        expect(refused.body.error.code).to.equal('RATE_LIMITED');
      } finally {
        await limited.stop();
      }
    });
  });

  describe('courtContact on GET /api/lots/:id', () => {
    const contactOf = async (name: string, as: ApiClient = staff) => {
      const r = await as.get(`/api/lots/${ids[name]}`);
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
      return r.body.courtContact;
    };

    it("when the case's court is registered with a phone and an address, then both are shown, to the public too", async () => {
      expect(await contactOf('a1car')).to.deep.equal({ phone: '0571-8888 0001', address: '杭州市西湖区文三路 1 号' });
      expect(await contactOf('b1car', t.anon)).to.deep.equal({ phone: '025-8888 0003', address: '南京市玄武区北京东路 3 号' });
    });

    it('when the registered court has an address but no phone, then the phone is null', async () => {
      expect(await contactOf('a2car')).to.deep.equal({ phone: null, address: '杭州市上城区解放路 2 号' });
    });

    it('when the court is not registered, or registered with neither, then courtContact is null', async () => {
      expect(await contactOf('unlistedCar')).to.equal(null);
      expect(await contactOf('blankCar')).to.equal(null);
    });

    it("when an administrator changes the court's phone, then the lot shows the new one at once", async () => {
      const r = await t.admin.post(`/api/admin/courts/${courtIds[COURT_BLANK]}`, { phone: '010-1234 5678' });
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
      expect(await contactOf('blankCar')).to.deep.equal({ phone: '010-1234 5678', address: null });
    });
  });
});
