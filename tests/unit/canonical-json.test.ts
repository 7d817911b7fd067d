import crypto from 'node:crypto';
import { expect } from 'chai';
import { auditHash, bidHash, canonicalJson } from '../../server/modules/audit/audit.service';
import { bidEntryPayload, canonicalJson as browserCanonicalJson, sha256Hex } from '../../client/src/features/bidding/bid-log';

const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

describe('the canonical form of the record: RFC 8785 (JCS) over UTF-8, hashed with SHA-256', () => {
  it('when the RFC 8785 sample object is canonicalised, then numbers, literals and escapes come out exactly as the RFC prints them', () => {
    // RFC 8785 §3.2.2 (input) and §3.2.3 (output).
    const input = JSON.parse('{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}');
    const out = canonicalJson(input);
    expect(out).to.equal('{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
    // The RFC's UTF-8 bytes of that output: € is e2 82 ac, the rest ASCII.
    expect(Buffer.from(out, 'utf8').toString('hex').match(/../g)!.join(' ')).to.equal([
      '7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72',
      '75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a',
      '5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31',
      '65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37',
      '5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30',
      '30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d',
    ].join(' '));
  });

  it('when keys need ordering, then they are sorted by UTF-16 code units, not by code point or locale (RFC 8785 §3.2.3)', () => {
    const input = { '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew Letter Dalet With Dagesh', '1': 'One', '\ud83d\ude00': 'Emoji: Grinning Face', '\u0080': 'Control', '\u00f6': 'Latin Small Letter O With Diaeresis' };
    expect(canonicalJson(input)).to.equal(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('when numbers are serialised, then they follow ECMAScript Number-to-string as RFC 8785 Appendix B lists', () => {
    const cases: Array<[number, string]> = [
      [0, '0'], [-0, '0'], [1e21, '1e+21'], [1e23, '1e+23'], [5e-324, '5e-324'], [-5e-324, '-5e-324'], [1.7976931348623157e308, '1.7976931348623157e+308'],
      [9007199254740992, '9007199254740992'], [295147905179352830000, '295147905179352830000'], [0.000001, '0.000001'], [1e-7, '1e-7'],
    ];
    for (const [n, s] of cases) expect(canonicalJson(n), String(n)).to.equal(s);
    expect(() => canonicalJson(NaN)).to.throw();
    expect(() => canonicalJson(Infinity)).to.throw();
  });

  it('when a string holds a lone surrogate, in a value or a key, then canonicalisation refuses it instead of hashing a lossy form', () => {
    expect(() => canonicalJson({ reason: 'bad \ud800 text' })).to.throw(/surrogate|ill-formed/i);
    expect(() => canonicalJson({ ['\udc00']: 1 })).to.throw(/surrogate|ill-formed/i);
    expect(() => auditHash({ lotId: 'L', seq: 1, at: new Date(0), actorId: null, action: 'x', before: null, after: { note: ['\ud83d'] }, reason: null, prevHash: '' })).to.throw();
    expect(canonicalJson({ ok: '😀 拍卖' })).to.equal('{"ok":"😀 拍卖"}');
  });

  it('when a chained audit entry is recomputed by hand from its JCS bytes, then the hash matches, and the next entry links to it', () => {
    const first = { lotId: 'lot-1', seq: 1, at: new Date('2026-03-01T02:00:00.000Z'), actorId: 'u-1', action: 'created', before: null, after: { status: 'draft', 说明: '拍卖' }, reason: null, prevHash: '' };
    const jcs1 = '{"action":"created","actorId":"u-1","after":{"status":"draft","说明":"拍卖"},"at":"2026-03-01T02:00:00.000Z","before":null,"kind":"audit","lotId":"lot-1","prevHash":"","reason":null,"seq":1}';
    const h1 = sha256(Buffer.from(jcs1, 'utf8'));
    expect(auditHash(first)).to.equal(h1);
    const second = { ...first, seq: 2, action: 'published', before: { status: 'draft' }, after: { status: 'announced' }, reason: 'ok', prevHash: h1 };
    const jcs2 = `{"action":"published","actorId":"u-1","after":{"status":"announced"},"at":"2026-03-01T02:00:00.000Z","before":{"status":"draft"},"kind":"audit","lotId":"lot-1","prevHash":"${h1}","reason":"ok","seq":2}`;
    expect(auditHash(second)).to.equal(sha256(Buffer.from(jcs2, 'utf8')));
  });

  it('when the browser checks a bid with a non-ASCII bidder code, then it computes the same canonical form and hash as the server', async () => {
    const at = new Date('2026-03-01T02:00:00.123Z');
    const entry = { seq: 7, bidderCode: '竞买人-Ä1', amount: '70000.00', at: at.toISOString(), priorityMatch: false, prevHash: 'ab'.repeat(32), hash: '' };
    const server = bidHash({ lotId: 'lot-9', seq: 7, bidderCode: entry.bidderCode, amount: entry.amount, at, prevHash: entry.prevHash });
    expect(await sha256Hex(bidEntryPayload('lot-9', entry))).to.equal(server);
    const sample = { b: [1, 2.5, '€'], a: { z: null, '\u0080': true } };
    expect(browserCanonicalJson(sample)).to.equal(canonicalJson(sample));
    expect(() => browserCanonicalJson({ x: '\udfff' })).to.throw();
  });
});
