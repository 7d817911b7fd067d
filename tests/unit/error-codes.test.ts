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
import { parse } from '../../server/platform/validate';
import { z } from 'zod';
import { ApiError } from '../../client/src/api';
import { errorText } from '../../client/src/error-text';
import type { T } from '../../client/src/i18n';
import { loadLanguage, translate } from '../../client/src/locales/store';

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

describe('server errors on screen', () => {
  const tIn = (lang: 'zh' | 'en'): T => (key, params) => translate(lang, key, params);
  before(() => loadLanguage('en'));

  function refusal(schema: z.ZodType, input: unknown): ApiError {
    try {
      parse(schema, input, 'form');
    } catch (err) {
      const e = err as DomainError;
      return new ApiError(e.status, e.code, e.message, JSON.parse(JSON.stringify(e.details)) as Record<string, unknown>);
    }
    throw new Error('the input was accepted');
  }

  it('when zod refuses fields, then each field carries its code and parameters, and the client words them in the reader\'s language', () => {
    const schema = z.strictObject({
      name: z.string().min(2).max(5), email: z.email(), rank: z.number().int().min(1).max(20), tags: z.array(z.string()).min(1),
    });
    const err = refusal(schema, { name: 'x', email: 'nope', rank: 21, tags: [], extra: 1 });
    const byPath = Object.fromEntries((err.details.fields as Array<{ path: string; code: string }>).map((f) => [f.path, f]));
    expect(byPath.name).to.deep.include({ code: 'too_small', minimum: 2, origin: 'string', inclusive: true });
    expect(byPath.name).to.have.property('message').that.is.a('string').and.not.empty;
    expect(byPath.email).to.deep.include({ code: 'invalid_format', format: 'email' });
    expect(byPath.rank).to.deep.include({ code: 'too_big', maximum: 20, origin: 'number' });
    expect(byPath['(body)']).to.deep.include({ code: 'unrecognized_keys', keys: ['extra'] });

    const zh = errorText(err, tIn('zh'), 'zh');
    expect(zh).to.equal('输入有误。name：至少 2 个字符。email：不是有效的电子邮箱地址。rank：不得大于 20。tags：至少 1 项。(body)：包含未知字段 extra。请更正后重试。');
    const en = errorText(err, tIn('en'), 'en');
    expect(en).to.equal('Some input is not valid. name: at least 2 characters. email: not a valid email address. rank: at most 20. tags: at least 1 item. (body): unknown fields extra. Correct it and try again.');
    expect(en).not.to.contain(err.message);
  });

  it('when an ID number fails its check digit, then the reader sees the localized explanation, not the server\'s English', () => {
    const err = new ApiError(422, 'IDENTITY_INVALID', 'This is not a valid PRC resident ID number (server words).', { rule: 'RESIDENT_ID_CHECK_DIGIT', article: 'A17', field: 'idNumber' });
    expect(errorText(err, tIn('en'), 'en')).to.equal(translate('en', 'error.identityInvalid')).and.not.contain('server words');
    expect(errorText(err, tIn('zh'), 'zh')).to.equal(translate('zh', 'error.identityInvalid'));
  });

  it('when a code or rule is one this client does not know, then it is named by code or article, never in the server\'s words', () => {
    const newer = new ApiError(409, 'SOMETHING_NEWER', 'Server prose.', {});
    expect(errorText(newer, tIn('zh'), 'zh')).to.contain('SOMETHING_NEWER').and.not.contain('Server prose');
    const rule = new ApiError(422, 'RULE_VIOLATION', 'Server prose.', { violations: [{ rule: 'A_NEWER_RULE', article: 'A99', message: 'Server prose.' }] });
    expect(errorText(rule, tIn('en'), 'en')).to.contain('A99').and.not.contain('Server prose');
  });
});
