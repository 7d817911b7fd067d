import { existsSync } from 'node:fs';
import { expect } from 'chai';
import { DIST_CLIENT, ENTRY_BUDGET_GZIP, measureEntry } from '../../scripts/bundle-size';

describe('client bundle size', () => {
  it('when the client is built, then the entry chunk and its static imports stay under the gzip budget', () => {
    // `npm test` builds before mocha runs; a missing build is a setup error, not a pass.
    expect(existsSync(DIST_CLIENT), `${DIST_CLIENT} does not exist: run \`npm run build\` before this test`).to.equal(true);
    const size = measureEntry(DIST_CLIENT);
    const files = [size.entry, ...size.staticImports].map((c) => `${c.file} ${c.gzip} B`).join(', ');
    expect(size.total.gzip, `entry gzip total over budget: ${files}`).to.be.at.most(ENTRY_BUDGET_GZIP);
  });

  it('when the client is built, then route pages and the English dictionary are not in the entry', () => {
    expect(existsSync(DIST_CLIENT), `${DIST_CLIENT} does not exist: run \`npm run build\` before this test`).to.equal(true);
    const size = measureEntry(DIST_CLIENT);
    const files = [size.entry, ...size.staticImports].map((c) => c.file);
    expect(files.filter((f) => /(-page|\/en)-[\w-]+\.js$/.test(f))).to.deep.equal([]);
  });
});
