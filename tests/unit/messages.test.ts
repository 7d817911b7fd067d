import { expect } from 'chai';
import { IntlMessageFormat } from 'intl-messageformat';
import { shell as zhShell } from '../../client/src/locales/zh';
import {
  loadEnglishShell, moduleOfKey, MODULE_LOADERS, MODULES, PREFIX_MODULE, type Catalogue,
} from '../../client/src/locales/catalogues';
import { LOT_ACTION_REASON_CODES, englishReason, lotNextActions } from '../../shared/lot-actions';
import { actionReasonText } from '../../client/src/features/auctions/messages/action-reason';
import { loadLanguage, loadModules, setUiLang, translate, uiLang } from '../../client/src/locales/store';
import type { T } from '../../client/src/i18n';

/** A parsed ICU element, as far as placeholder names go. */
interface Element {
  type: number;
  value?: unknown;
  options?: Record<string, { value: Element[] }>;
  children?: Element[];
}
const LITERAL = 0;
const POUND = 7;
const TAG = 8;

/** Parses an ICU message (throws when it does not) and returns the names of its placeholders. */
export function placeholders(message: string, locale = 'en'): string[] {
  const names = new Set<string>();
  const walk = (els: Element[]) => {
    for (const el of els) {
      if (el.type === LITERAL || el.type === POUND) continue;
      if (el.type !== TAG && typeof el.value === 'string') names.add(el.value);
      for (const option of Object.values(el.options ?? {})) walk(option.value);
      if (el.type === TAG && el.children) walk(el.children);
    }
  };
  walk(new IntlMessageFormat(message, locale).getAst() as Element[]);
  return [...names].sort();
}

/** Every way an English and a Chinese catalogue disagree: missing keys, unparsable messages, other placeholders. */
export function catalogueProblems(name: string, en: Catalogue, zh: Catalogue): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(en)) if (!(key in zh)) problems.push(`${name}: ${key} is in en, not in zh`);
  for (const key of Object.keys(zh)) if (!(key in en)) problems.push(`${name}: ${key} is in zh, not in en`);
  for (const key of Object.keys(en)) {
    if (!(key in zh)) continue;
    let enNames: string[];
    let zhNames: string[];
    try {
      enNames = placeholders(en[key], 'en');
    } catch (err) {
      problems.push(`${name}: en ${key} does not parse: ${(err as Error).message}`);
      continue;
    }
    try {
      zhNames = placeholders(zh[key], 'zh-CN');
    } catch (err) {
      problems.push(`${name}: zh ${key} does not parse: ${(err as Error).message}`);
      continue;
    }
    if (enNames.join() !== zhNames.join()) {
      problems.push(`${name}: ${key} has placeholders {${enNames.join(', ')}} in en but {${zhNames.join(', ')}} in zh`);
    }
  }
  return problems;
}

async function allCatalogues(): Promise<Array<{ name: string; en: Catalogue; zh: Catalogue }>> {
  const modules = await Promise.all(MODULES.map(async (m) => ({
    name: m, en: await MODULE_LOADERS[m].en(), zh: await MODULE_LOADERS[m].zh(),
  })));
  return [{ name: 'shell', en: await loadEnglishShell(), zh: zhShell }, ...modules];
}

describe('message catalogues', () => {
  describe('the checker itself', () => {
    it('when a key is only in one language, then it is reported', () => {
      expect(catalogueProblems('t', { a: 'A', b: 'B' }, { a: '甲', c: '丙' })).to.deep.equal([
        't: b is in en, not in zh', 't: c is in zh, not in en',
      ]);
    });

    it('when a message is not valid ICU, then it is reported', () => {
      const problems = catalogueProblems('t', { a: 'Bids: {n, plural, one {# bid}' }, { a: '{n} 次' });
      expect(problems).to.have.length(1);
      expect(problems[0]).to.match(/^t: en a does not parse/);
      expect(catalogueProblems('t', { a: 'JSON {a, b}' }, { a: 'JSON' })[0]).to.match(/does not parse/);
    });

    it('when en and zh name different placeholders, then it is reported', () => {
      expect(catalogueProblems('t', { a: '{n, plural, one {# day} other {# days}} from {date}' }, { a: '{days} 日，自 {date}' }))
        .to.deep.equal(['t: a has placeholders {date, n} in en but {date, days} in zh']);
    });

    it('when placeholders sit in plural branches, tags or quoted braces, then they are named as ICU reads them', () => {
      expect(placeholders('{n, plural, one {# by {who}} other {# by {who} at {at, time, short}}}')).to.deep.equal(['at', 'n', 'who']);
      expect(placeholders("keys '{amount, at}' and it's {x}")).to.deep.equal(['x']);
      expect(placeholders('<b>{name}</b>')).to.deep.equal(['name']);
    });
  });

  describe('the catalogues', () => {
    it('when every catalogue is loaded in both languages, then each key is in both, parses and has the same placeholders', async () => {
      const problems = (await allCatalogues()).flatMap((c) => catalogueProblems(c.name, c.en, c.zh));
      expect(problems).to.deep.equal([]);
    });

    it('when a key belongs to a feature, then its prefix names that feature, so a key a route did not fetch is still found', async () => {
      const wrong: string[] = [];
      const owner = new Map<string, string>();
      for (const c of await allCatalogues()) {
        for (const key of Object.keys(c.en)) {
          const expected = c.name === 'shell' ? undefined : c.name;
          if (moduleOfKey(key) !== expected) wrong.push(`${key} is in ${c.name} but its prefix says ${moduleOfKey(key) ?? 'shell'}`);
          if (owner.has(key)) wrong.push(`${key} is in both ${owner.get(key)} and ${c.name}`);
          owner.set(key, c.name);
        }
      }
      expect(wrong).to.deep.equal([]);
      expect(Object.values(PREFIX_MODULE).every((m) => MODULES.includes(m))).to.equal(true);
    });

    it('when the server gives a lot action reason code, then both languages word it', async () => {
      const [en, zh] = [await MODULE_LOADERS.auctions.en(), await MODULE_LOADERS.auctions.zh()];
      const missing = LOT_ACTION_REASON_CODES.filter((c) => !(`actionReason.${c}` in en) || !(`actionReason.${c}` in zh));
      expect(missing).to.deep.equal([]);
    });

    it('when a count is formatted, then English says one or other and Chinese has no plural forms', async () => {
      const [shell, accounts] = [await loadEnglishShell(), await MODULE_LOADERS.accounts.zh()];
      const fmt = (msg: string, locale: string, values: Record<string, number>) => String(new IntlMessageFormat(msg, locale).format(values));
      expect(fmt(shell['result.youWon'], 'en-GB', { days: 1 })).to.contain('within 1 day of the end');
      expect(fmt(shell['result.youWon'], 'en-GB', { days: 10 })).to.contain('within 10 days of the end');
      expect(fmt(accounts['check.missing'], 'zh-CN', { n: 2 })).to.equal('出价前还有 2 步。');
    });
  });

  describe('loading', () => {
    it('when a route asked for a feature in Chinese and the reader switches to English, then its English catalogue is there too', async () => {
      const before = uiLang();
      try {
        setUiLang('zh');
        await loadModules(['finance']);
        expect(translate('zh', 'finance.title')).to.equal('财务');
        await loadLanguage('en');
        expect(translate('en', 'finance.title')).to.equal('Finance');
      } finally {
        setUiLang(before);
      }
    });

    it('when a key of a feature no route asked for is shown, then that feature is fetched and the key is worded once it arrives', async () => {
      const before = uiLang();
      try {
        setUiLang('zh');
        // Nothing in this process has fetched the audit catalogue yet: the bare key shows meanwhile.
        expect(translate('zh', 'audit.verified', { n: 2 })).to.equal('audit.verified');
        await loadModules(['audit']);
        expect(translate('zh', 'audit.verified', { n: 2 })).to.equal('校验通过 ✓（2 条）');
      } finally {
        setUiLang(before);
      }
    });
  });

  describe('lot action reasons', () => {
    const facts = {
      status: 'draft', round: 1 as const, suspendedAt: null, noticesSentAt: null, balancePaidAt: null, balanceDueAt: null,
      closedAt: null, hasLaterLot: false, creditorTakeover: false,
    };

    it('when a draft has no notice, then publish carries a code and parameters, and the English reason for API consumers', () => {
      const publish = lotNextActions(facts, new Date('2026-03-01T02:00:00Z')).find((a) => a.action === 'publish')!;
      expect(publish).to.deep.include({ allowed: false, reasonCode: 'PARTY_NOTICE_MISSING', reasonParams: { days: '3' }, article: 'A16' });
      expect(publish.reason).to.equal(englishReason('PARTY_NOTICE_MISSING', { days: '3' }));
      expect(publish.reason).to.contain('3 days after the notice');
    });

    it('when a reason names an instant and a day count, then the client words it in the UI language and the court zone', async () => {
      const before = uiLang();
      const action = { reasonCode: 'RESUME_BY', reasonParams: { dueAt: '2026-03-05T15:59:59.999Z', days: '5' }, reason: 'English' };
      try {
        await loadLanguage('en');
        for (const lang of ['zh', 'en'] as const) {
          setUiLang(lang);
          await loadModules(['auctions']);
        }
        const tIn = (lang: 'zh' | 'en'): T => (key, params) => translate(lang, key, params);
        setUiLang('zh');
        expect(actionReasonText(tIn('zh'), action)).to.equal('请于 2026年3月5日 23:59 (UTC+8) 前恢复（5 日内，第二十九条）。');
        setUiLang('en');
        expect(actionReasonText(tIn('en'), action)).to.equal('Resume by 5 Mar 2026, 23:59 (UTC+8) (within 5 days, A29).');
        expect(actionReasonText(tIn('en'), { reasonCode: 'SOMETHING_NEWER', reason: 'English' })).to.equal('');
      } finally {
        setUiLang(before);
      }
    });
  });
});
