import { useState } from 'react';
import { ASSET_KINDS, type LotView } from '../../../../../shared/api';
import { call } from '../../../api';
import { kindLabel, useI18n } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { useApiMutation } from '../../../ui/form';
import { caseKeys } from '../api';

type Kind = (typeof ASSET_KINDS)[number];

/**
 * Correct an asset's kind, which sets its announcement period (A12), until a lot of it is published; then the
 * control says why it is locked instead of offering a change the server would refuse.
 */
export function AssetKindControl({ asset, lots }: { asset: { id: string; caseId: string; kind: Kind }; lots: Pick<LotView, 'announcedAt'>[] }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<Kind>(asset.kind);
  const save = useApiMutation((k: Kind) => call('correctAssetKind', { params: { id: asset.id }, body: { kind: k } }), {
    invalidate: [caseKeys.detail(asset.caseId)],
    onSuccess: () => setOpen(false),
  });
  const locked = lots.some((l) => l.announcedAt !== null);
  if (locked) return <p className="small muted" data-testid="asset-kind-locked">{t('assetKind.locked')}</p>;
  if (!open) {
    return (
      <button type="button" className="btn btn-light btn-small nowrap" data-testid="asset-kind-edit" aria-expanded={false} onClick={() => { setKind(asset.kind); setOpen(true); }}>
        {t('assetKind.correct')}
      </button>
    );
  }
  const id = `asset-${asset.id}-kind`;
  return (
    <form className="form inline-form" onSubmit={(e) => { e.preventDefault(); save.mutate(kind); }}>
      <label htmlFor={id}>{t('list.kind')}</label>
      <select id={id} value={kind} onChange={(e) => setKind(e.target.value as Kind)} aria-describedby={`${id}-hint`} data-testid="asset-kind-select">
        {ASSET_KINDS.map((k) => <option key={k} value={k}>{kindLabel(t, k)}</option>)}
      </select>
      <span id={`${id}-hint`} className="hint">{t('assetKind.hint')}</span>
      {save.errorMessage && <Alert tone="error">{save.errorMessage}</Alert>}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary btn-small" disabled={save.isPending || kind === asset.kind}>{save.isPending ? t('common.saving') : t('assetKind.save')}</button>
        <button type="button" className="btn btn-light btn-small" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
