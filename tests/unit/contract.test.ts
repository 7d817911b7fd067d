import { DISCLOSURE_FIELDS, readDisclosure } from '../../shared/disclosure';
import { expect } from 'chai';
import {
  ROUTES, checkResponse, clientEvents, matchRoute, routeUrl, serverEvents,
  type CallArgs, type CallRest, type ResponseOf, type RouteName,
} from '../../shared/api';

/** Compile-time checks: a wrong type here fails `tsc`, so the table's inference is tested with the rest of the code. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
const assertType = <T extends true>(_: T) => undefined;
assertType<Equal<ResponseOf<'placeBid'>['amount'], string>>(true);
assertType<Equal<ResponseOf<'getLot'>['round'], 1 | 2 | 'sell_off'>>(true);
assertType<Equal<CallArgs<'placeBid'>['params'], { id: string }>>(true);
assertType<Equal<CallArgs<'confirmDeposit'>['params'], { registrationId: string }>>(true);
assertType<Equal<CallRest<'clock'>, [args?: CallArgs<'clock'>]>>(true);
assertType<Equal<CallRest<'publishLot'>, [args: CallArgs<'publishLot'>]>>(true);
// @ts-expect-error a bid needs its body
const missingBody: CallArgs<'placeBid'> = { params: { id: 'x' } };
void missingBody;

const lot = {
  id: 'l1', assetId: 'a1', caseId: 'c1', title: 'Flat', kind: 'immovable', description: '', court: 'Court', caseNumber: '(2026) 1',
  round: 1, status: 'announced', startingPrice: '100.00', bidIncrement: '10.00', deposit: '20.00', referencePrice: '125.00', referenceMethod: 'negotiated',
  startsAt: '2026-12-10T02:00:00.000Z', endsAt: '2026-12-11T02:00:00.000Z', announcedAt: '2026-12-01T02:00:00.000Z', balanceDueDays: 10, announcement: '',
  currentPrice: null, leadingBidderCode: null, bidCount: 0, extensionCount: 0, finalPrice: null, winnerCode: null, registrantCount: 0, seq: 1,
  noticesSentAt: null, closedAt: null, balanceDueAt: null, balancePaidAt: null, defaultedAt: null, suspendedAt: null, resumeBy: null,
  cancelReason: null, windowEndsAt: null, previousLotId: null, creditorTakeover: null, priorityRights: false, bidLogHead: '', bids: [],
  titleEn: null, descriptionEn: null, announcementEn: null, disclosure: readDisclosure({}), disclosureMissing: [...DISCLOSURE_FIELDS], files: [],
};

describe('contract: the route table', () => {
  it('when routes are named, then each has a unique method and path, a summary and a success status', () => {
    const keys = Object.values(ROUTES).map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).to.equal(keys.length);
    for (const [name, r] of Object.entries(ROUTES)) {
      expect(r.summary.length, name).to.be.greaterThan(5);
      expect(Object.keys(r.success).length, name).to.be.greaterThan(0);
      expect(r.path, name).to.match(/^\/api\//);
    }
  });

  it('when a call is turned into a URL, then path parameters are encoded and undefined query values left out', () => {
    expect(routeUrl('placeBid', { params: { id: 'a/b' } })).to.equal('/api/lots/a%2Fb/bids');
    expect(routeUrl('listLots', { query: { status: 'live', court: undefined, limit: 5 } })).to.equal('/api/lots?status=live&limit=5');
    expect(() => routeUrl('getLot', {})).to.throw(/path parameter id/);
  });

  it('when a concrete request is matched, then a literal segment wins over a parameter', () => {
    expect(matchRoute('GET', '/api/valuations/worklist')).to.equal('valuationWorklist');
    expect(matchRoute('GET', '/api/valuations/v1')).to.equal('getValuation');
    expect(matchRoute('POST', '/api/valuations/v1/objections/o1/resolve')).to.equal('resolveObjection');
    expect(matchRoute('GET', '/api/lots?status=live')).to.equal('listLots');
    expect(matchRoute('DELETE', '/api/lots/l1')).to.equal(undefined);
    expect(matchRoute('GET', '/api/nowhere')).to.equal(undefined);
  });

  it('when a success body matches its schema, then it passes; when a field is missing, extra or mis-typed, then the message names it', () => {
    expect(checkResponse('getLot', 200, lot)).to.deep.equal({ ok: true });
    const missing = checkResponse('getLot', 200, { ...lot, bids: undefined });
    expect(missing.ok).to.equal(false);
    expect(!missing.ok && missing.message).to.match(/GET \/api\/lots\/\{id\} \(getLot\)[\s\S]*at bids/);
    // A18: a lot never carries who is behind a code; an extra key is refused, not ignored.
    const extra = checkResponse('getLot', 200, { ...lot, leadingUserId: 'u1' });
    expect(!extra.ok && extra.message).to.match(/leadingUserId/);
    const number = checkResponse('getLot', 200, { ...lot, startingPrice: 100 });
    expect(!number.ok && number.message).to.match(/startingPrice/);
    const status = checkResponse('getLot', 201, lot);
    expect(!status.ok && status.message).to.match(/answered 201/);
  });

  it('when money is checked, then only decimal strings with two places pass', () => {
    const bid = { lotId: 'l1', seq: 1, amount: '100.00', bidderCode: 'A1234', at: '2026-12-10T02:00:00.000Z', endsAt: '2026-12-11T02:00:00.000Z', extended: false, priorityMatch: false };
    expect(checkResponse('placeBid', 201, bid).ok).to.equal(true);
    for (const amount of ['100', '100.0', '1e3', '-1.00', 100]) expect(checkResponse('placeBid', 201, { ...bid, amount }).ok, String(amount)).to.equal(false);
  });

  it('when the socket events are listed, then every payload and ack has a schema', () => {
    expect(Object.keys(clientEvents).sort()).to.deep.equal(['bid:place', 'clock:sync', 'lot:unwatch', 'lot:watch']);
    expect(Object.keys(serverEvents).sort()).to.deep.equal(['lot:bid', 'lot:closed', 'lot:presence', 'lot:status', 'notification', 'session:ended']);
    // The watch snapshot is the lot without its files (the page reads those over HTTP).
    const { files: _files, ...snapshot } = lot;
    const watched = clientEvents['lot:watch'].ack.safeParse({ ok: true, snapshot, serverNow: '2026-12-01T02:00:00.000Z' });
    expect(watched.success).to.equal(true);
    expect(clientEvents['bid:place'].ack.safeParse({ ok: false, error: { code: 'LOT_NOT_LIVE', message: 'no', status: 'sold' } }).success).to.equal(true);
  });

  it('when every route is listed, then the names are the keys of the table', () => {
    const names: RouteName[] = Object.keys(ROUTES) as RouteName[];
    expect(names.length).to.be.greaterThan(45);
  });
});
