import { expect } from 'chai';
import { SANDBOX_PLATFORMS } from '../../server/modules/demo/sandbox-inquiry';

describe("the demo's sandbox inquiry platforms", () => {
  it('are named in one language, each its own name, and clearly as sandboxes', () => {
    const names = SANDBOX_PLATFORMS.map((p) => p.name);
    expect(names).to.deep.equal(['沙盒询价平台A', '沙盒询价平台B', '沙盒询价平台C']);
    for (const n of names) expect(n, n).to.not.match(/[a-z]{2,}|\s/i);
  });
});
