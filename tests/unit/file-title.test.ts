import { expect } from 'chai';
import { titleFromFilename } from '../../server/modules/files/files.upload';
import { FILE_TITLE_MAX } from '../../shared/file-limits';

describe("a file's title from its name, when none was typed", () => {
  it('drops the extension and the surrounding spaces', () => {
    expect(titleFromFilename('photo.png')).to.equal('photo');
    expect(titleFromFilename('  评估报告.final.pdf ')).to.equal('评估报告.final');
    expect(titleFromFilename('.hidden')).to.equal('.hidden');
  });
  it('removes control characters and caps the length', () => {
    expect(titleFromFilename('正面\u0007\u0000照\u009b片.jpg')).to.equal('正面照片');
    const long = titleFromFilename(`${'房'.repeat(FILE_TITLE_MAX + 50)}.jpg`)!;
    expect(long).to.have.length(FILE_TITLE_MAX);
    expect(titleFromFilename(`${'😀'.repeat(FILE_TITLE_MAX)}.jpg`)).to.equal('😀'.repeat(FILE_TITLE_MAX / 2));
  });
  it('gives no title when nothing is left of the name', () => {
    expect(titleFromFilename(null)).to.equal(null);
    expect(titleFromFilename('')).to.equal(null);
    expect(titleFromFilename('  .png')).to.equal(null);
    expect(titleFromFilename('\u0001\u0002')).to.equal(null);
  });
});
