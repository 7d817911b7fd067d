/** The lot form's disclosure (A13, A14): each item in Chinese with an optional English translation, explained live. */
import type { FieldPath, UseFormReturn } from 'react-hook-form';
import { DISCLOSURE_ARTICLES, DISCLOSURE_FIELDS, DISCLOSURE_MAX_CHARS, missingDisclosure, translationField, type DisclosureField } from '../../../../../shared/disclosure';
import { useI18n } from '../../../i18n';
import { disclosureLabel } from '../../../rule-text';
import { Field } from '../../../ui/form';

interface WithDisclosure { announcementEn: string; disclosure: Record<string, string> }

const ROWS: Record<DisclosureField, number> = {
  knownDefects: 3, encumbrances: 3, taxesAndFees: 2, viewingTime: 1, viewingPlace: 1, viewingContact: 1, biddersNotice: 5,
};

export function DisclosureFields<V extends WithDisclosure>({ form, idPrefix, values, withAnnouncementEn = true }: {
  form: UseFormReturn<V, unknown, any>;
  idPrefix: string;
  /** The disclosure as typed now (useWatch), for the live checklist. */
  values: Partial<Record<string, string>> | undefined;
  withAnnouncementEn?: boolean;
}) {
  const { t } = useI18n();
  const missing = new Set(missingDisclosure(values ?? {}));
  const path = (k: string) => k as FieldPath<V>;
  return (
    <fieldset className="disclosure-fields" data-testid="disclosure-fields">
      <legend>{t('disclosure.title')}</legend>
      <p className="small muted">{t('disclosure.intro')}</p>
      {withAnnouncementEn && (
        <Field form={form} name={path('announcementEn')} id={`${idPrefix}-announcementEn`} label={t('disclosure.announcementEn')}>
          {(p) => <textarea {...p} lang="en" rows={2} maxLength={20000} data-testid="disclosure-announcementEn" />}
        </Field>
      )}
      {DISCLOSURE_FIELDS.map((f) => (
        <div key={f} className="disclosure-item">
          <Field form={form} name={path(`disclosure.${f}`)} id={`${idPrefix}-${f}`} label={disclosureLabel(t, f)} hint={t(`disclosure.hint.${f}`)}>
            {(p) => (ROWS[f] > 1
              ? <textarea {...p} rows={ROWS[f]} maxLength={DISCLOSURE_MAX_CHARS} data-testid={`disclosure-${f}`} />
              : <input {...p} maxLength={DISCLOSURE_MAX_CHARS} data-testid={`disclosure-${f}`} />)}
          </Field>
          <details className="disclosure-translation">
            <summary>{t('disclosure.translation')}</summary>
            <Field form={form} name={path(`disclosure.${translationField(f)}`)} id={`${idPrefix}-${f}En`} label={`${disclosureLabel(t, f)} · ${t('disclosure.translation')}`}>
              {(p) => <textarea {...p} lang="en" rows={Math.min(ROWS[f], 3)} maxLength={DISCLOSURE_MAX_CHARS} data-testid={`disclosure-${f}En`} />}
            </Field>
          </details>
        </div>
      ))}
      <div className="bounds" aria-live="polite">
        <h5>{t('disclosure.boundsTitle')}</h5>
        <ul data-testid="disclosure-checklist" data-missing={missing.size}>
          {DISCLOSURE_FIELDS.map((f) => {
            const ok = !missing.has(f);
            return (
              <li key={f} className={ok ? 'bound-ok' : 'bound-bad'} data-ok={ok ? 'true' : 'false'} data-field={f}>
                <span className="bound-mark" aria-hidden="true">{ok ? '✓' : '✗'}</span>
                <span>{ok ? t('disclosure.filled', { field: disclosureLabel(t, f) }) : t('disclosure.missing', { field: disclosureLabel(t, f), article: DISCLOSURE_ARTICLES[f] })}</span>
              </li>
            );
          })}
        </ul>
      </div>
    </fieldset>
  );
}
