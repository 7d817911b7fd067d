import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ERROR_CODES, ERROR_CODE_LIST, REASON_CODES, REASON_CODE_LIST, RESERVED_ERROR_CODES, isErrorCode, type ErrorCode,
} from '../../shared/error-codes';
import { LOT_TRANSITIONS } from '../../shared/lot-state';
import { RULE_CODES, RULE_CODE_LIST, isRuleCode } from '../../shared/rule-codes';
import { checkAnnouncementPeriod } from '../../shared/rules';
import { conflict, DomainError } from '../../server/platform/errors';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

function tsFiles(dir: string): string[] {
  return fs.readdirSync(path.join(REPO, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(rel);
    return e.isFile() && e.name.endsWith('.ts') ? [rel] : [];
  });
}

interface Source { file: string; text: string }
const read = (file: string): Source => ({ file, text: fs.readFileSync(path.join(REPO, file), 'utf8') });

/** The server's code, and the shared files whose literals the server answers with. */
const SERVER: Source[] = tsFiles('server').map(read);
const ANSWERING: Source[] = [...SERVER, read('shared/lot-state.ts'), read('shared/rules.ts'), read('shared/valuation-rules.ts')];

const CODE = `'([A-Z][A-Z0-9_]*)'`;
/** Every way the server names an error code: factories, DomainError, raw bodies, acks, defaults and the refusals of the transition table. */
const ERROR_CODE_PATTERNS = [
  new RegExp(`new DomainError\\(\\s*\\d+\\s*,\\s*${CODE}`, 'g'),
  new RegExp(`\\bconflict\\(\\s*${CODE}`, 'g'),
  new RegExp(`\\bruleViolation\\(\\s*\\[[\\s\\S]*?\\]\\s*,\\s*${CODE}`, 'g'),
  new RegExp(`\\bcode(?:\\s*:\\s*ErrorCode)?\\s*[:=]\\s*${CODE}`, 'g'),
  new RegExp(`\\brefusal\\s*:\\s*${CODE}`, 'g'),
];
const REASON_PATTERNS = [
  new RegExp(`\\breason\\s*:\\s*${CODE}`, 'g'),
  // A union of reasons in a type: `reason: 'A' | 'B'`.
  new RegExp(`\\breason\\s*:\\s*'[A-Z][A-Z0-9_]*'(?:\\s*\\|\\s*'[A-Z][A-Z0-9_]*')+`, 'g'),
];
/** Rule codes are SNAKE_UPPER words; the overdue list's `rule: 'B1'` names an article, not a violation. */
const RULE_PATTERN = new RegExp(`\\brule\\s*:\\s*'([A-Z][A-Z0-9]*_[A-Z0-9_]+)'(?:\\s*,\\s*article\\s*:\\s*'([A-Z]\\d+)')?`, 'g');

function literals(sources: Source[], patterns: RegExp[]): Array<{ code: string; file: string }> {
  return sources.flatMap(({ file, text }) => patterns.flatMap((re) =>
    [...text.matchAll(re)].flatMap((m) => (m[1] ? [m[1]] : [...m[0].matchAll(/'([A-Z][A-Z0-9_]*)'/g)].map((q) => q[1])))
      .map((code) => ({ code, file }))));
}

const mentioned = (code: string) => ANSWERING.some(({ text }) => text.includes(`'${code}'`));

describe('error, reason and rule code registries', () => {
  it('when the server source names an error code in any form, then the registry has it', () => {
    const found = literals(ANSWERING, ERROR_CODE_PATTERNS);
    expect(found.length).to.be.greaterThan(40);
    const unknown = found.filter(({ code }) => !isErrorCode(code));
    expect(unknown, 'codes missing from shared/error-codes.ts').to.deep.equal([]);
  });

  it('when the server builds a DomainError with a literal status, then the registry gives that code the same status', () => {
    const re = new RegExp(`new DomainError\\(\\s*(\\d+)\\s*,\\s*${CODE}`, 'g');
    const mismatched = SERVER.flatMap(({ file, text }) => [...text.matchAll(re)]
      .filter((m) => isErrorCode(m[2]) && ERROR_CODES[m[2] as ErrorCode].status !== Number(m[1]))
      .map((m) => ({ file, code: m[2], status: Number(m[1]) })));
    expect(mismatched).to.deep.equal([]);
  });

  it('when a code is in the registry, then the server names it somewhere or it is listed as reserved', () => {
    const unused = ERROR_CODE_LIST.filter((c) => !mentioned(c) && !RESERVED_ERROR_CODES.includes(c));
    expect(unused, 'registered codes nothing answers with').to.deep.equal([]);
    const reservedButUsed = RESERVED_ERROR_CODES.filter(mentioned);
    expect(reservedButUsed, 'reserved codes that are in use').to.deep.equal([]);
  });

  it('when the factories build an error, then its status is the registry\'s', () => {
    const e = conflict('LOT_NOT_LIVE', 'x');
    expect(e).to.be.instanceOf(DomainError);
    expect(e.status).to.equal(ERROR_CODES.LOT_NOT_LIVE.status);
    for (const t of Object.values(LOT_TRANSITIONS)) expect(ERROR_CODES[t.refusal].status).to.equal(409);
  });

  it('when a code outside the registry is passed, then typecheck fails', () => {
    // @ts-expect-error: not a registered code
    const e = conflict('LOT_NOT_LIV', 'x');
    expect(e.code).to.equal('LOT_NOT_LIV');
  });

  it('when the server names a details.reason, then the reason registry has it, and every reason is named', () => {
    const found = literals(ANSWERING, REASON_PATTERNS);
    const unknown = found.filter(({ code }) => !Object.prototype.hasOwnProperty.call(REASON_CODES, code));
    expect(unknown, 'reasons missing from REASON_CODES').to.deep.equal([]);
    expect(REASON_CODE_LIST.filter(mentioned), 'registered reasons nothing answers with').to.deep.equal(REASON_CODE_LIST);
    for (const r of REASON_CODE_LIST) expect(isErrorCode(REASON_CODES[r].code)).to.equal(true);
  });

  it('when rules.ts, valuation-rules.ts or a service names a rule with its article, then the registry has the rule with that article', () => {
    const found = ANSWERING.flatMap(({ file, text }) => [...text.matchAll(RULE_PATTERN)].map((m) => ({ file, rule: m[1], article: m[2] })));
    expect(found.length).to.be.greaterThan(30);
    const wrong = found.filter(({ rule, article }) =>
      !isRuleCode(rule) || (article !== undefined && !(RULE_CODES[rule].articles as readonly string[]).includes(article)));
    expect(wrong, 'rules missing from shared/rule-codes.ts or with another article').to.deep.equal([]);
    const rulesTs = found.filter((f) => f.file === 'shared/rules.ts');
    expect(rulesTs.length).to.be.greaterThan(15);
  });

  it('when the announcement period is too short, then the article it cites per round is registered', () => {
    const published = new Date('2026-03-02T02:00:00Z');
    const tooSoon = new Date('2026-03-04T02:00:00Z');
    const cited = ([1, 2, 'sell_off'] as const).flatMap((round) => checkAnnouncementPeriod('immovable', round, published, tooSoon));
    expect(cited.length).to.be.greaterThan(1);
    for (const v of cited) {
      expect(v.rule).to.equal('ANNOUNCEMENT_PERIOD_TOO_SHORT');
      expect(RULE_CODES.ANNOUNCEMENT_PERIOD_TOO_SHORT.articles as readonly string[]).to.include(v.article);
    }
  });

  it('when a rule is in the registry, then some rule function or service names it', () => {
    const named = new Set(ANSWERING.flatMap(({ text }) => [...text.matchAll(RULE_PATTERN)].map((m) => m[1])));
    expect(RULE_CODE_LIST.filter((r) => !named.has(r))).to.deep.equal([]);
  });
});
