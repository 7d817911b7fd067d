import { expect } from 'chai';
import { createBidCoalescer } from '../../server/platform/lot-fanout';

const tick = () => new Promise<void>((r) => setImmediate(r));
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface Sent { lotId: string; payload: { seq: number; bids: Array<{ seq: number }> } }

function harness(windowMs = 50) {
  const sent: Sent[] = [];
  const c = createBidCoalescer((lotId, payload) => sent.push({ lotId, payload: payload as Sent['payload'] }), windowMs);
  return { sent, c };
}

describe('lot:bid coalescing', () => {
  it('when a lot is quiet, then its first bid goes out after the current tick, not a window later', async () => {
    const { sent, c } = harness();
    c.bid('a', { seq: 1 });
    expect(sent).to.have.length(0);
    await tick();
    expect(sent.map((s) => s.payload)).to.deep.equal([{ seq: 1, bids: [{ seq: 1 }] }]);
    c.close();
  });

  it('when bids of one batch arrive in the same tick, then they travel together in seq order with the latest bid\'s fields', async () => {
    const { sent, c } = harness();
    c.bid('a', { seq: 2 });
    c.bid('a', { seq: 1 });
    c.bid('a', { seq: 3 });
    await tick();
    expect(sent).to.have.length(1);
    expect(sent[0].payload).to.deep.equal({ seq: 3, bids: [{ seq: 1 }, { seq: 2 }, { seq: 3 }] });
    c.close();
  });

  it('when bids follow within the window, then they wait for its end and go out in one event; then the lot is quiet again', async () => {
    const { sent, c } = harness(50);
    c.bid('a', { seq: 1 });
    await tick();
    c.bid('a', { seq: 2 });
    c.bid('a', { seq: 3 });
    await tick();
    expect(sent).to.have.length(1);
    await sleep(80);
    expect(sent.map((s) => s.payload.bids.map((b) => b.seq))).to.deep.equal([[1], [2, 3]]);
    await sleep(80); // a window with nothing to send closes the lot's window
    c.bid('a', { seq: 4 });
    await tick();
    expect(sent.map((s) => s.payload.bids.map((b) => b.seq))).to.deep.equal([[1], [2, 3], [4]]);
    c.close();
  });

  it('when another event of the lot is due, then flush sends the held bids first; lots do not hold each other up', async () => {
    const { sent, c } = harness(50);
    c.bid('a', { seq: 1 });
    c.bid('b', { seq: 7 });
    await tick();
    c.bid('a', { seq: 2 });
    c.flush('a');
    expect(sent.map((s) => [s.lotId, s.payload.bids.map((b) => b.seq)])).to.deep.equal([['a', [1]], ['b', [7]], ['a', [2]]]);
    c.bid('b', { seq: 8 });
    c.close();
    expect(sent.map((s) => [s.lotId, s.payload.bids.map((b) => b.seq)])).to.deep.equal([['a', [1]], ['b', [7]], ['a', [2]], ['b', [8]]]);
  });

  it('when bids keep coming, then a lot gets at most one event per window', async () => {
    const { sent, c } = harness(50);
    const started = performance.now();
    for (let seq = 1; seq <= 60; seq++) {
      c.bid('a', { seq });
      await sleep(5);
    }
    await sleep(80);
    const elapsed = performance.now() - started;
    expect(sent.flatMap((s) => s.payload.bids.map((b) => b.seq))).to.deep.equal(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(sent.length).to.be.at.most(Math.ceil(elapsed / 50) + 1);
    c.close();
  });
});
