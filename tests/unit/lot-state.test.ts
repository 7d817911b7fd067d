import { expect } from 'chai';
import fc from 'fast-check';
import {
  canTransition, fromStatuses, LOT_ACTIONS, LOT_STATUSES, nextLotStatus, transitionLot, UNFINISHED_LOT_STATUSES,
  type LotAction, type LotStatus,
} from '../../shared/lot-state';

/**
 * The expected table, written out: for each action, the status it leads to from each status it is allowed
 * from. A status missing from a row is a refusal. `resume` is checked separately (it goes back to where the
 * lot was suspended from). Changing the table means changing this on purpose.
 */
const EXPECTED: Record<Exclude<LotAction, 'resume'>, Partial<Record<LotStatus, LotStatus>>> = {
  notify_parties: { draft: 'draft' },
  publish: { draft: 'announced' },
  add_priority_holder: { draft: 'draft', announced: 'announced' },
  suspend: { announced: 'suspended', live: 'suspended' },
  cancel: { draft: 'cancelled', announced: 'cancelled', live: 'cancelled', suspended: 'cancelled' },
  start: { announced: 'live' },
  close_sold: { live: 'sold' },
  close_unsold: { live: 'unsold' },
  default: { sold: 'defaulted' },
  register: { announced: 'announced', live: 'live' },
  confirm_deposit: { announced: 'announced', live: 'live' },
  bid: { live: 'live' },
  record_balance: { sold: 'sold' },
  confirmation: { sold: 'sold' },
  creditor_takeover: { unsold: 'unsold' },
  second_round: { unsold: 'unsold' },
  sell_off: { unsold: 'unsold' },
  re_auction: { defaulted: 'defaulted' },
};

const REFUSAL: Record<LotAction, string> = {
  notify_parties: 'LOT_NOT_DRAFT',
  publish: 'LOT_NOT_DRAFT',
  add_priority_holder: 'LOT_NOT_OPEN_FOR_HOLDERS',
  suspend: 'LOT_NOT_SUSPENDABLE',
  resume: 'LOT_NOT_SUSPENDED',
  cancel: 'LOT_FINISHED',
  start: 'LOT_NOT_ANNOUNCED',
  close_sold: 'LOT_NOT_LIVE',
  close_unsold: 'LOT_NOT_LIVE',
  default: 'LOT_NOT_SOLD',
  register: 'REGISTRATION_CLOSED',
  confirm_deposit: 'LOT_CLOSED',
  bid: 'LOT_NOT_LIVE',
  record_balance: 'LOT_NOT_SOLD',
  confirmation: 'LOT_NOT_SOLD',
  creditor_takeover: 'TAKEOVER_NEEDS_FAILED_LATER_ROUND',
  second_round: 'SECOND_ROUND_NEEDS_FAILED_FIRST',
  sell_off: 'SELL_OFF_NEEDS_FAILED_SECOND',
  re_auction: 'FIRST_ROUND_ALREADY_HELD',
};

/** Status changes the table may make, as edges; everything else leaves the status alone. */
const EDGES = new Set([
  'draft>announced', 'draft>cancelled',
  'announced>live', 'announced>suspended', 'announced>cancelled',
  'live>sold', 'live>unsold', 'live>suspended', 'live>cancelled',
  'suspended>announced', 'suspended>live', 'suspended>cancelled',
  'sold>defaulted',
]);
const TERMINAL: LotStatus[] = ['unsold', 'cancelled', 'defaulted'];

describe('lot transition table', () => {
  it('when listing statuses and actions, then every action has an expected row', () => {
    expect(LOT_STATUSES).to.deep.equal(['draft', 'announced', 'live', 'suspended', 'sold', 'unsold', 'cancelled', 'defaulted']);
    expect([...LOT_ACTIONS].sort()).to.deep.equal([...Object.keys(EXPECTED), 'resume'].sort());
  });

  for (const action of LOT_ACTIONS) {
    if (action === 'resume') continue;
    for (const status of LOT_STATUSES) {
      const expected = EXPECTED[action][status];
      it(`when a ${status} lot is asked to ${action}, then ${expected ? `it is ${expected}` : `it is refused with ${REFUSAL[action]}`}`, () => {
        const r = transitionLot(status, action);
        expect(canTransition(status, action)).to.equal(!!expected);
        if (expected) {
          expect(r).to.deep.equal({ ok: true, status: expected });
          expect(nextLotStatus(status, action)).to.equal(expected);
        } else {
          expect(r).to.deep.equal({ ok: false, code: REFUSAL[action], status, action, allowedFrom: Object.keys(EXPECTED[action]) });
          expect(() => nextLotStatus(status, action)).to.throw(/not allowed/);
        }
      });
    }
  }

  for (const status of LOT_STATUSES) {
    if (status === 'suspended') continue;
    it(`when a ${status} lot is asked to resume, then it is refused with LOT_NOT_SUSPENDED`, () => {
      expect(transitionLot(status, 'resume', { suspendedFrom: 'live' })).to.deep.equal({ ok: false, code: 'LOT_NOT_SUSPENDED', status, action: 'resume', allowedFrom: ['suspended'] });
    });
  }

  it('when a suspended lot resumes, then it goes back to where it was suspended from (announced when unknown)', () => {
    expect(transitionLot('suspended', 'resume', { suspendedFrom: 'live' })).to.deep.equal({ ok: true, status: 'live' });
    expect(transitionLot('suspended', 'resume', { suspendedFrom: 'announced' })).to.deep.equal({ ok: true, status: 'announced' });
    expect(transitionLot('suspended', 'resume', { suspendedFrom: null })).to.deep.equal({ ok: true, status: 'announced' });
    expect(transitionLot('suspended', 'resume')).to.deep.equal({ ok: true, status: 'announced' });
  });

  it('when a suspended lot claims to come from a status it cannot be suspended from, then resuming is refused', () => {
    for (const from of ['draft', 'sold', 'suspended', 'nonsense']) {
      expect(transitionLot('suspended', 'resume', { suspendedFrom: from }).ok, from).to.equal(false);
    }
  });

  it('when the status is not one of ours, then every action is refused', () => {
    for (const action of LOT_ACTIONS) expect(transitionLot('ended', action).ok, action).to.equal(false);
  });

  it('when the scheduler claims rows, then it takes them from the statuses the table names', () => {
    expect(fromStatuses('start')).to.deep.equal(['announced']);
    expect(fromStatuses('close_sold')).to.deep.equal(['live']);
    expect(fromStatuses('close_unsold')).to.deep.equal(['live']);
    expect(fromStatuses('default')).to.deep.equal(['sold']);
    expect([...UNFINISHED_LOT_STATUSES]).to.deep.equal(['draft', 'announced', 'live', 'suspended']);
  });

  it('when walking the table from draft, then every status is reachable', () => {
    const seen = new Set<string>(['draft']);
    const queue: Array<{ status: LotStatus; suspendedFrom: LotStatus | null }> = [{ status: 'draft', suspendedFrom: null }];
    while (queue.length) {
      const s = queue.shift()!;
      for (const action of LOT_ACTIONS) {
        const r = transitionLot(s.status, action, { suspendedFrom: s.suspendedFrom });
        if (!r.ok) continue;
        const key = `${r.status}:${action === 'suspend' ? s.status : r.status === 'suspended' ? s.suspendedFrom : null}`;
        if (seen.has(key)) continue;
        seen.add(key);
        queue.push({ status: r.status, suspendedFrom: action === 'suspend' ? s.status : r.status === 'suspended' ? s.suspendedFrom : null });
      }
    }
    expect([...new Set([...seen].map((k) => k.split(':')[0]))].sort()).to.deep.equal([...LOT_STATUSES].sort());
  });

  it('when random actions are applied from draft, then only edges of the table are taken and a terminal status is never left', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...LOT_ACTIONS), { maxLength: 40 }), (actions) => {
      let status: LotStatus = 'draft';
      let suspendedFrom: LotStatus | null = null;
      let terminal: LotStatus | null = null;
      for (const action of actions) {
        const r = transitionLot(status, action, { suspendedFrom });
        if (!r.ok) {
          expect(r.allowedFrom).to.not.include(status);
          continue;
        }
        expect(LOT_STATUSES).to.include(r.status);
        if (r.status !== status) expect(EDGES.has(`${status}>${r.status}`), `${status}>${r.status} by ${action}`).to.equal(true);
        if (terminal) expect(r.status, `left ${terminal} by ${action}`).to.equal(terminal);
        if (status === 'sold' && r.status !== 'sold') expect([action, r.status]).to.deep.equal(['default', 'defaulted']);
        if (action === 'resume') expect(r.status).to.equal(suspendedFrom);
        if (status !== 'draft') expect(r.status, 'draft is never re-entered').to.not.equal('draft');
        suspendedFrom = action === 'suspend' ? status : r.status === 'suspended' ? suspendedFrom : null;
        status = r.status;
        if (TERMINAL.includes(status)) terminal = status;
      }
    }), { numRuns: 500 });
  });
});
