import { expect } from 'chai';
import { maskIdNumber } from '../../shared/mask';

const graphemes = (s: string) => Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s), (g) => g.segment);

describe('maskIdNumber: the ID number as the results page publishes it', () => {
  it('when an 18-character resident ID is masked, then its first 3 and last 4 characters show and the 11 between are stars', () => {
    expect(maskIdNumber('11010519491231002X')).to.equal('110***********002X');
  });

  it('when a 15-character (first-generation) ID is masked, then only its first and last characters show', () => {
    expect(maskIdNumber('110105491231002')).to.equal('1*************2');
  });

  it('when another document number of 8 or more characters is masked, then only its first and last show', () => {
    expect(maskIdNumber('E1234567')).to.equal('E******7');
    expect(maskIdNumber('C123456789')).to.equal('C********9');
  });

  it('when the value has 7 characters or fewer, then every character is masked', () => {
    expect(maskIdNumber('1234567')).to.equal('*******');
    expect(maskIdNumber('abc')).to.equal('***');
    expect(maskIdNumber('x')).to.equal('*');
    expect(maskIdNumber('')).to.equal('');
  });

  it('when the value has spaces around it, then they are dropped before masking and do not count', () => {
    expect(maskIdNumber('  11010519491231002X ')).to.equal('110***********002X');
    expect(maskIdNumber(' 1234567 ')).to.equal('*******');
    expect(maskIdNumber('   ')).to.equal('');
  });

  it('when the value holds non-ASCII characters, then each grapheme counts as one and is never split', () => {
    expect(maskIdNumber('港澳通行证C12345678')).to.equal('港************8');
    expect(maskIdNumber('𠀀𠀁𠀂𠀃𠀄𠀅𠀆𠀇')).to.equal('𠀀******𠀇');
    // e + combining acute, and a family emoji of several code points: one position each
    const combining = 'e\u0301BCDEFG\u0301';
    expect(maskIdNumber(combining)).to.equal('*******');
    expect(maskIdNumber('e\u0301BCDEFGH\u0301')).to.equal('e\u0301******H\u0301');
    expect(maskIdNumber('👨‍👩‍👧1234567👨‍👩‍👧')).to.equal('👨‍👩‍👧*******👨‍👩‍👧');
  });

  it('when there is no ID number, then there is nothing to mask', () => {
    expect(maskIdNumber(null)).to.equal(null);
    expect(maskIdNumber(undefined)).to.equal(null);
  });

  it('when any value is masked, then its grapheme count is kept and only the allowed ends survive', () => {
    const pieces = ['A', '7', '港', 'e\u0301', '👍🏽'];
    for (let n = 0; n <= 30; n++) {
      const id = Array.from({ length: n }, (_, i) => pieces[i % pieces.length]).join('');
      const m = graphemes(maskIdNumber(id));
      expect(m.length, id).to.equal(n);
      const shown = m.filter((c) => c !== '*').length;
      expect(shown, id).to.equal(n === 18 ? 7 : n >= 8 ? 2 : 0);
      expect(m.slice(n === 18 ? 3 : 1, n === 18 ? -4 : -1).every((c) => c === '*') || n < 8, id).to.equal(true);
    }
  });
});
