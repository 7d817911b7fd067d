/**
 * The lot page's announcement, disclosure (A13, A14), court's notice and description, in the reader's language
 * only: Chinese in the Chinese UI; in the English UI the court's translation, else the Chinese original, marked as such.
 */
import type { LotView } from '../../../../../shared/api';
import { inLanguage, translationField, type DisclosureField } from '../../../../../shared/disclosure';
import { formatDateTime } from '../../../format';
import { useI18n } from '../../../i18n';
import { disclosureLabel } from '../../../rule-text';

/** A text of the court's in the reader's language, with a small label when only the Chinese original exists. */
export function CourtText({ zh, en, empty, testId, inline = false }: { zh: string; en: string | null; empty?: string; testId?: string; inline?: boolean }) {
  const { t, lang } = useI18n();
  const { text, original } = inLanguage(zh, en, lang);
  const Tag = inline ? 'span' : 'p';
  if (!text.trim()) return <Tag className="muted" data-testid={testId}>{empty ?? t('disclosure.notGiven')}</Tag>;
  return (
    <Tag className={inline ? undefined : 'prewrap'} data-testid={testId} data-original={original ? 'true' : 'false'}>
      {original && <span className="tag tag-original" data-testid="original-label">{t('disclosure.original')}</span>}
      <span lang={original ? 'zh' : lang === 'zh' ? 'zh' : 'en'}>{text}</span>
    </Tag>
  );
}

/** The lot's title in the reader's language (the court's translation, else the Chinese). */
export function lotTitle(lot: Pick<LotView, 'title' | 'titleEn'>, lang: string): string {
  return inLanguage(lot.title, lot.titleEn, lang).text;
}

function Item({ lot, field }: { lot: LotView; field: DisclosureField }) {
  const { t } = useI18n();
  return (
    <div>
      <dt>{disclosureLabel(t, field)}</dt>
      <dd><CourtText zh={lot.disclosure[field]} en={lot.disclosure[translationField(field)]} testId={`disclosure-${field}`} /></dd>
    </div>
  );
}

export function LotAnnouncement({ lot }: { lot: LotView }) {
  const { t } = useI18n();
  return (
    <section className="card doc" aria-labelledby="announcement-title">
      <h2 id="announcement-title">{t('lot.announcementTitle')}</h2>
      <CourtText zh={lot.announcement || t('lot.announcementDefault')} en={lot.announcement ? lot.announcementEn : null} testId="announcement-text" />
      {lot.announcedAt && <p className="small muted">{t('lot.announcedAt', { at: formatDateTime(lot.announcedAt) })}</p>}
    </section>
  );
}

export function LotDisclosure({ lot }: { lot: LotView }) {
  const { t } = useI18n();
  return (
    <section className="card doc" aria-labelledby="disclosure-title" data-testid="lot-disclosure">
      <h2 id="disclosure-title">{t('disclosure.sectionTitle')}</h2>
      <dl className="disclosure-list">
        <Item lot={lot} field="knownDefects" />
        <Item lot={lot} field="encumbrances" />
        <Item lot={lot} field="taxesAndFees" />
      </dl>
      <h3>{t('disclosure.viewingTitle')}</h3>
      <dl className="disclosure-list">
        <Item lot={lot} field="viewingTime" />
        <Item lot={lot} field="viewingPlace" />
        <Item lot={lot} field="viewingContact" />
      </dl>
      {lot.courtContact && <RegisteredCourtContact contact={lot.courtContact} />}
    </section>
  );
}

/** The phone and address the court registered on the platform, beside what the lot's disclosure says. */
function RegisteredCourtContact({ contact }: { contact: NonNullable<LotView['courtContact']> }) {
  const { t } = useI18n();
  return (
    <div data-testid="court-contact">
      <dl className="disclosure-list">
        {contact.phone && (
          <div>
            <dt>{t('disclosure.courtPhone')}</dt>
            <dd><a href={`tel:${contact.phone.replace(/[^0-9+]/g, '')}`} data-testid="court-contact-phone">{contact.phone}</a></dd>
          </div>
        )}
        {contact.address && (
          <div>
            <dt>{t('disclosure.courtAddress')}</dt>
            <dd lang="zh" data-testid="court-contact-address">{contact.address}</dd>
          </div>
        )}
      </dl>
      <p className="small muted">{t('disclosure.courtRegistered')}</p>
    </div>
  );
}

/** The court's own bidder's notice (竞买须知), above the platform's rules. */
export function CourtBiddersNotice({ lot }: { lot: LotView }) {
  const { t } = useI18n();
  if (!lot.disclosure.biddersNotice.trim()) return null;
  return (
    <div className="court-notice">
      <h3>{t('disclosure.courtNotice')}</h3>
      <CourtText zh={lot.disclosure.biddersNotice} en={lot.disclosure.biddersNoticeEn} testId="disclosure-biddersNotice" />
    </div>
  );
}

export function LotDescription({ lot }: { lot: LotView }) {
  const { t } = useI18n();
  return (
    <section className="card doc" aria-labelledby="description-title">
      <h2 id="description-title">{t('lot.descriptionTitle')}</h2>
      <CourtText zh={lot.description} en={lot.descriptionEn} empty={t('lot.noDescription')} testId="description-text" />
      <p className="small muted">{t('lot.descriptionNote')}</p>
    </section>
  );
}
