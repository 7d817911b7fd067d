import { useEffect, useRef, useState } from 'react';
import { AssetKindControl } from './asset-kind-form';
import { Link } from 'react-router';
import type { LotView } from '../../../../../shared/api';
import { errorText } from '../../../error-text';
import { formatDateTime } from '../../../format';
import { kindLabel, roundLabel, useI18n } from '../../../i18n';
import { serverNow } from '../../../server-clock';
import { Alert } from '../../../ui/alert';
import { Money } from '../../../ui/money';
import { Spinner } from '../../../ui/spinner';
import { StatusBadge } from '../../../ui/status-badge';
import { LotForm, type LotFormMode } from '../../auctions/components/lot-form';
import { PublishButton } from '../../auctions/components/publish-button';
import { AssetFlagsForm, AssetFlagTags } from './asset-flags';
import { useLotChanged } from '../../auctions/control-api';
import type { AssetView } from '../../court/types';
import { useAssetValuations } from '../../valuation/api';
import { currentReference } from '../../valuation/valuation-logic';
import { StartValuation } from '../../valuation/components/start-valuation';
import { ValuationHistory, ValuationNext } from '../../valuation/components/valuation-panel';

const OPEN = new Set(['draft', 'announced', 'live', 'suspended']);

/**
 * The newest lot of an asset that was not withdrawn: lots of one asset form a chain (each names the one
 * before it); a cancelled lot is skipped, the procedure resumes from the last real result.
 */
export function latestLot(lots: LotView[]): LotView | null {
  const referenced = new Set(lots.map((l) => l.previousLotId).filter((x): x is string => !!x));
  const byId = new Map(lots.map((l) => [l.id, l]));
  let cur = lots.find((l) => !referenced.has(l.id)) ?? null;
  while (cur && cur.status === 'cancelled') cur = cur.previousLotId ? byId.get(cur.previousLotId) ?? null : null;
  return cur;
}

/** What the next lot of an asset is, after its latest one (A24, A26); null when none may follow. */
export function nextLotMode(latest: LotView | null): LotFormMode | null {
  if (!latest) return 'first';
  if (latest.status === 'defaulted') return 're_auction';
  if (latest.status === 'unsold' && latest.round === 1) return 'second_round';
  if (latest.status === 'unsold' && latest.round === 2 && !latest.creditorTakeover) return 'sell_off';
  return null;
}

export function AssetPanel({ asset, lots, openLotForm = false }: {
  asset: AssetView;
  lots: LotView[];
  /** Opened from a valuation's "create lot at 70%": show the lot form for this asset at once. */
  openLotForm?: boolean;
}) {
  const { t, lang } = useI18n();
  const query = useAssetValuations(asset.id, { live: true });
  const valuations = query.data ?? null;
  const error = query.error;
  const lotsChanged = useLotChanged();
  const [showForm, setShowForm] = useState(false);
  const [editFlags, setEditFlags] = useState(false);
  const [created, setCreated] = useState<LotView | null>(null);
  const lotFormRef = useRef<HTMLDivElement>(null);
  const prefillDone = useRef(false);

  const now = serverNow();
  const effective = valuations ? currentReference(valuations, now) : null;
  const openLot = lots.find((l) => OPEN.has(l.status) && l.id !== created?.id) ?? null;
  const latest = latestLot(lots);
  const mode = nextLotMode(latest);
  // A first auction and a re-auction are priced against the asset's effective reference (A10); later rounds against the previous lot (A26).
  const needsReference = mode === 'first' || mode === 're_auction';
  const canCreate = !openLot && !created && mode !== null && (!needsReference || !!effective);

  // "Create lot at 70%" from a valuation page: open the form once the reference price is known, and bring it into view.
  useEffect(() => {
    // Only on a fresh answer: a cached history may predate the determination that just took effect.
    if (!openLotForm || prefillDone.current || valuations === null || query.isFetching) return;
    prefillDone.current = true;
    if (canCreate) setShowForm(true);
    requestAnimationFrame(() => lotFormRef.current?.scrollIntoView({ block: 'start' }));
  }, [openLotForm, valuations, canCreate, query.isFetching]);

  let next: string;
  if (valuations === null) next = '';
  else if (created) next = created.status === 'draft' ? t('asset.nextPublish') : t('asset.nextWait', { status: t(`status.${created.status}`) });
  else if (openLot) next = openLot.status === 'draft' ? t('asset.nextPublish') : t('asset.nextWait', { status: t(`status.${openLot.status}`) });
  else if (mode === null && latest?.creditorTakeover) next = t('asset.nextTakenOver', { creditor: latest.creditorTakeover.creditor });
  else if (mode === null) next = latest ? t('asset.nextNone', { status: t(`status.${latest.status}`) }) : '';
  else if (needsReference && !effective) next = mode === 're_auction' ? t('asset.nextValuationReAuction') : t('asset.nextValuation');
  else if (mode === 'second_round') next = t('asset.nextSecond');
  else if (mode === 'sell_off') next = t('asset.nextSellOff');
  else if (mode === 're_auction') next = t('asset.nextReAuction');
  else next = t('asset.nextLot');

  return (
    <article className="card asset" aria-labelledby={`asset-${asset.id}`} id={`asset-${asset.id}-card`} data-testid="asset-panel" data-asset-id={asset.id}>
      <header className="asset-head">
        <div>
          <h3 id={`asset-${asset.id}`}>{asset.title}</h3>
          <span className="tag" data-testid="asset-kind">{kindLabel(t, asset.kind)}</span>
          <AssetKindControl asset={asset} lots={lots} />
          <AssetFlagTags asset={asset} />
        </div>
        {!editFlags && (
          <button type="button" className="btn btn-light btn-small nowrap" onClick={() => setEditFlags(true)} aria-expanded={false} data-testid="asset-flags-edit">
            {t('flags.edit')}
          </button>
        )}
      </header>
      {editFlags && (
        <AssetFlagsForm
          asset={asset}
          onCancel={() => setEditFlags(false)}
          onSaved={() => setEditFlags(false)}
        />
      )}
      {asset.description && <p className="prewrap small">{asset.description}</p>}
      {next && <p className="next-step"><strong>{t('asset.next')}</strong> {next}</p>}

      <section aria-labelledby={`val-${asset.id}`}>
        <h4 id={`val-${asset.id}`}>{t('asset.valuations')}</h4>
        {error !== null && <Alert tone="error" action={<button type="button" className="btn btn-light btn-small" onClick={() => void query.refetch()}>{t('common.retry')}</button>}>{errorText(error, t, lang)}</Alert>}
        {valuations === null && error === null && <Spinner />}
        {valuations && (
          <>
            <ValuationNext asset={asset} valuations={valuations} hasLot={lots.length > 0 || !!created} />
            <ValuationHistory valuations={valuations} />
            <StartValuation asset={asset} valuations={valuations} />
          </>
        )}
      </section>

      <section aria-labelledby={`lots-${asset.id}`}>
        <div ref={lotFormRef} className="scroll-anchor" />
        <h4 id={`lots-${asset.id}`}>{t('asset.lots')}</h4>
        {openLotForm && valuations !== null && !canCreate && !created && (
          <Alert tone="warning">{openLot ? t('asset.prefillOpenLot') : t('asset.prefillNoReference')}</Alert>
        )}
        {lots.length === 0 && !created && <p className="muted small">{t('asset.noLots')}</p>}
        {created && <DraftLotCard lot={created} onPublished={(announcedAt) => setCreated((c) => (c ? { ...c, status: 'announced', announcedAt } : c))} />}
        {lots.filter((l) => l.id !== created?.id).map((l) => (
          l.status === 'draft' ? <DraftLotCard key={l.id} lot={l} /> : (
            <div key={l.id} className="mini-lot">
              <StatusBadge status={l.status} />
              <Link to={`/court/lots/${l.id}`} data-testid="lot-control-link">{roundLabel(t, l.round)} · <Money value={l.startingPrice} showWan={false} /></Link>
              <span className="small muted">{formatDateTime(l.startsAt, false)} – {formatDateTime(l.endsAt)}</span>
              <Link to={`/court/lots/${l.id}`} className="small">{t('court.manage')}</Link>
            </div>
          )
        ))}
        {canCreate && mode && (
          showForm ? (
            <LotForm
              key={`${mode}-${latest?.id ?? 'none'}-${effective?.id ?? 'none'}`}
              asset={asset}
              referencePrice={effective?.referencePrice ?? null}
              mode={mode}
              previous={mode === 'first' ? null : latest}
              onCreated={(lot) => { setCreated(lot); setShowForm(false); lotsChanged(lot.id, lot); }}
              onCancel={() => setShowForm(false)}
            />
          ) : (
            <button type="button" className="btn btn-primary" onClick={() => setShowForm(true)}>{t(NEW_LOT_KEY[mode])}</button>
          )
        )}
      </section>
    </article>
  );
}

const NEW_LOT_KEY = {
  first: 'court.newLot',
  second_round: 'lotForm.titleSecond',
  sell_off: 'lotForm.titleSellOff',
  re_auction: 'lotForm.titleReAuction',
} as const;

function DraftLotCard({ lot, onPublished }: { lot: LotView; onPublished?(announcedAt: string): void }) {
  const { t } = useI18n();
  return (
    <div className="draft-lot">
      <div className="draft-lot-head">
        <StatusBadge status={lot.status} />
        <strong>{roundLabel(t, lot.round)}</strong>
        <Link to={`/court/lots/${lot.id}`} className="small" data-testid="lot-control-link">{t('court.manage')}</Link>
      </div>
      <dl className="kv-list kv-inline">
        <div><dt>{t('lot.startingPrice')}</dt><dd><Money value={lot.startingPrice} /></dd></div>
        <div><dt>{t('lot.increment')}</dt><dd><Money value={lot.bidIncrement} /></dd></div>
        <div><dt>{t('lot.deposit')}</dt><dd><Money value={lot.deposit} /></dd></div>
        <div><dt>{t('lot.period')}</dt><dd>{formatDateTime(lot.startsAt, false)} – {formatDateTime(lot.endsAt)}</dd></div>
        <div><dt>{t('lot.balanceDue')}</dt><dd>{t('lot.balanceDueDays', { days: lot.balanceDueDays })}</dd></div>
      </dl>
      {lot.status === 'draft' && <p className="small muted">{t('court.draftNote')}</p>}
      <PublishButton lotId={lot.id} onPublished={onPublished} />
    </div>
  );
}
