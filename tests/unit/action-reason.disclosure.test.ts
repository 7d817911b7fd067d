import { expect } from 'chai';
import { actionReasonText } from '../../client/src/features/auctions/messages/action-reason';
import type { T } from '../../client/src/i18n';
import { loadLanguage, loadModules, setUiLang, translate, uiLang } from '../../client/src/locales/store';
import { englishReason, lotNextActions } from '../../shared/lot-actions';

describe('a publish blocked by an incomplete disclosure says what is missing', () => {
  const facts = {
    status: 'draft', round: 1 as const, suspendedAt: null, noticesSentAt: new Date('2026-02-20T02:00:00Z'), balancePaidAt: null,
    balanceDueAt: null, closedAt: null, hasLaterLot: false, creditorTakeover: false,
  };
  const now = new Date('2026-03-01T02:00:00Z');

  it('when notice is served but fields are empty, then publish is blocked with DISCLOSURE_MISSING naming them; with none empty, it is ready', () => {
    const blocked = lotNextActions({ ...facts, disclosureMissing: ['knownDefects', 'viewingContact'] }, now).find((a) => a.action === 'publish')!;
    expect(blocked).to.deep.include({ allowed: false, reasonCode: 'DISCLOSURE_MISSING', reasonParams: { fields: 'knownDefects,viewingContact' }, article: 'A14' });
    expect(blocked.reason).to.equal(englishReason('DISCLOSURE_MISSING', { fields: 'knownDefects,viewingContact' }));
    expect(lotNextActions({ ...facts, disclosureMissing: [] }, now).find((a) => a.action === 'publish')).to.deep.include({ allowed: true, reasonCode: 'PUBLISH_READY' });
  });

  it('when the client words the reason, then each field is named in the UI language', async () => {
    const before = uiLang();
    const action = { reasonCode: 'DISCLOSURE_MISSING', reasonParams: { fields: 'knownDefects,taxesAndFees,notAField' } };
    try {
      await loadLanguage('en');
      for (const lang of ['zh', 'en'] as const) {
        setUiLang(lang);
        await loadModules(['auctions']);
      }
      const tIn = (lang: 'zh' | 'en'): T => (key, params) => translate(lang, key, params);
      setUiLang('zh');
      expect(actionReasonText(tIn('zh'), action)).to.equal('公告尚未载明：已知瑕疵、买受人承担的税费（第十三条、第十四条）。');
      setUiLang('en');
      expect(actionReasonText(tIn('en'), action)).to.equal('The announcement must still state: Known defects, Taxes and fees borne by the buyer (A13, A14).');
    } finally {
      setUiLang(before);
    }
  });
});
