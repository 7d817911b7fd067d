/** An asset's legal flags: preserved (litigation preservation, pre-valuation), appraisal required by law (B14), seizure date (B1). */
import { useState, type FormEvent } from 'react';
import { api } from '../../../api';
import { errorText } from '../../../error-text';
import { formatDate } from '../../../format';
import { useI18n } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import type { AssetView } from '../../court/types';

/** A CST calendar date from a date input, as the ISO instant of that day's start in UTC+8. */
export function seizedAtFromDate(date: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const t = Date.parse(`${date}T00:00:00+08:00`);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

export function AssetFlagTags({ asset }: { asset: AssetView }) {
  const { t } = useI18n();
  return (
    <>
      {asset.preserved && <span className="tag tag-flag" data-testid="asset-flag-preserved">{t('flags.preserved')}</span>}
      {asset.appraisalMandatory && <span className="tag tag-flag" data-testid="asset-flag-mandatory">{t('flags.mandatoryTag')}</span>}
      {asset.seizedAt && <span className="tag">{t('flags.seizedOn', { date: formatDate(asset.seizedAt) })}</span>}
    </>
  );
}

export function AssetFlagsForm({ asset, onSaved, onCancel }: { asset: AssetView; onSaved(a: AssetView): void; onCancel(): void }) {
  const { t, lang } = useI18n();
  const [preserved, setPreserved] = useState(!!asset.preserved);
  const [mandatory, setMandatory] = useState(!!asset.appraisalMandatory);
  const [seized, setSeized] = useState(asset.seizedAt ? formatDate(asset.seizedAt) : '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const seizedIso = seized ? seizedAtFromDate(seized) : null;
  const seizedBad = seized !== '' && !seizedIso;
  const id = (k: string) => `flags-${asset.id}-${k}`;
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (seizedBad) return;
    setBusy(true);
    setError(null);
    try {
      const a = await api<AssetView>(`/assets/${encodeURIComponent(asset.id)}/flags`, {
        body: { preserved, appraisalMandatory: mandatory, ...(seizedIso ? { seizedAt: seizedIso } : {}) },
      });
      onSaved(a);
    } catch (err) {
      setError(errorText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form flags-form" onSubmit={onSubmit} noValidate aria-label={t('flags.formLabel')}>
      <label className="checkbox">
        <input type="checkbox" data-testid="asset-flags-preserved" checked={preserved} onChange={(e) => setPreserved(e.target.checked)} />
        <span>{t('flags.preservedLabel')}<span className="block small muted">{t('flags.preservedHint')}</span></span>
      </label>
      <label className="checkbox">
        <input type="checkbox" data-testid="asset-flags-mandatory" checked={mandatory} onChange={(e) => setMandatory(e.target.checked)} />
        <span>{t('flags.mandatoryLabel')}<span className="block small muted">{t('flags.mandatoryHint')}</span></span>
      </label>
      <div className="field field-date">
        <label htmlFor={id('seized')}>{t('flags.seizedAt')}</label>
        <input id={id('seized')} type="date" value={seized} onChange={(e) => setSeized(e.target.value)} aria-invalid={seizedBad} aria-describedby={id('seized-hint')} />
        <span id={id('seized-hint')} className={`hint${seizedBad ? ' hint-error' : ''}`}>{seizedBad ? t('court.dateInvalid') : t('flags.seizedHint')}</span>
      </div>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="btn-row">
        <button type="submit" className="btn btn-primary btn-small" data-testid="asset-flags-save" disabled={busy || seizedBad}>{busy ? t('common.saving') : t('flags.save')}</button>
        <button type="button" className="btn btn-light btn-small" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
