import { useEffect, useRef } from 'react';
import { Link, useParams } from 'react-router';
import type { LotView } from '../../../shared/api';
import { formatYuan } from '../../../shared/money';
import { isStaff, useAuth } from '../auth';
import { errorText } from '../error-text';
import { formatDateTime } from '../format';
import { kindLabel, methodLabel, roundLabel, useI18n } from '../i18n';
import { BidRecord } from '../features/bidding/bid-record';
import { BiddingNotice } from '../features/bidding/bidding-notice';
import { BiddingRoom } from '../features/bidding/bidding-room';
import { RegistrationPanel } from '../features/bidding/registration-panel';
import { useLiveLot } from '../features/bidding/use-live-lot';
import { useRegistration } from '../features/bidding/use-registration';
import { Alert } from '../ui/alert';
import { AssetIllustration } from '../ui/asset-illustration';
import { Money } from '../ui/money';
import { PageLoading } from '../ui/spinner';

const TERMINAL = new Set(['sold', 'unsold', 'cancelled', 'defaulted']);

export function LotPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { user, loading: authLoading } = useAuth();
  const live = useLiveLot(id, authLoading ? null : user?.id ?? 'anonymous');
  const reg = useRegistration(id, user);
  const { lot } = live;
  const status = lot?.status;
  const refreshRegistration = reg.refresh;
  const previousStatus = useRef(status);
  // Deposits are settled in the closing transaction: read the registration again when the lot closes here.
  useEffect(() => {
    const before = previousStatus.current;
    previousStatus.current = status;
    if (before && status && !TERMINAL.has(before) && TERMINAL.has(status)) void refreshRegistration();
  }, [status, refreshRegistration]);

  if (!lot) {
    if (live.loadError) {
      return (
        <div className="container narrow">
          <Alert tone="error" title={t('lot.loadFailed')} action={<button type="button" className="btn btn-light" onClick={live.reload}>{t('common.retry')}</button>}>
            {errorText(live.loadError, t, lang)} <Link to="/">{t('notFound.back')}</Link>
          </Alert>
        </div>
      );
    }
    return <PageLoading />;
  }

  let blockedReason: string | null = null;
  if (!authLoading) {
    if (!user) blockedReason = t('bid.reason.login');
    else if (isStaff(user)) blockedReason = t('reg.staff');
    else if (!user.roles.includes('bidder')) blockedReason = t('reg.notBidder');
  }
  const myCode = reg.registration?.bidderCode ?? null;
  const closed = TERMINAL.has(lot.status);

  return (
    <div className="container lot-page">
      <nav className="breadcrumb" aria-label={t('nav.breadcrumb')}>
        <Link to="/">← {t('nav.allAuctions')}</Link>
      </nav>
      <header className="lot-head">
        <div className="lot-head-tags">
          <span className="tag">{kindLabel(t, lot.kind)}</span>
          <span className="tag">{roundLabel(t, lot.round)}</span>
        </div>
        <h1 className="lot-title">{lot.title}</h1>
        <p className="lot-court">
          {lot.court} · <span className="nowrap">{t('lot.caseNumber')} {lot.caseNumber}</span>
          {isStaff(user) && <> · <Link to={`/court/lots/${lot.id}`} className="nowrap">{t('court.manage')}</Link></>}
        </p>
      </header>
      <LotBanners lot={lot} />
      <div className="lot-layout">
        <aside className="lot-side">
          <BiddingRoom
            lot={lot}
            connection={live.connection}
            lastExtension={live.lastExtension}
            registration={reg.registration}
            blockedReason={blockedReason}
            placeBid={live.placeBid}
            resync={live.resync}
          />
          <RegistrationPanel lot={lot} user={user} authLoading={authLoading} reg={reg} />
          <BidRecord
            bids={lot.bids}
            myCode={myCode}
            leadingCode={lot.leadingBidderCode}
            closed={closed}
            sold={lot.status === 'sold' || lot.status === 'defaulted'}
            lotId={lot.id}
            head={lot.bidLogHead}
            headBidCount={live.headBidCount}
            bidCount={lot.bidCount}
          />
        </aside>
        <div className="lot-main">
          <div className="lot-media card">
            <AssetIllustration kind={lot.kind} title={lot.title} />
            <p className="small muted lot-media-note">{t('lot.photoNote')}</p>
          </div>
          <LotFacts lot={lot} watchers={live.watchers} />
          {lot.round === 'sell_off' && <SellOffExplainer lot={lot} />}
          <section className="card doc" aria-labelledby="announcement-title">
            <h2 id="announcement-title">{t('lot.announcementTitle')}</h2>
            <p className="prewrap">{lot.announcement || t('lot.announcementDefault')}</p>
            {lot.announcedAt && <p className="small muted">{t('lot.announcedAt', { at: formatDateTime(lot.announcedAt) })}</p>}
          </section>
          <section className="card doc" id="notice" aria-labelledby="notice-title">
            <h2 id="notice-title">{t('lot.noticeTitle')}</h2>
            <BiddingNotice lot={lot} />
          </section>
          <section className="card doc" aria-labelledby="description-title">
            <h2 id="description-title">{t('lot.descriptionTitle')}</h2>
            <p className="prewrap">{lot.description || t('lot.noDescription')}</p>
            <p className="small muted">{t('lot.descriptionNote')}</p>
          </section>
        </div>
      </div>
    </div>
  );
}

function LotFacts({ lot, watchers }: { lot: LotView; watchers: number | null }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="facts-title">
      <h2 id="facts-title">{t('lot.factsTitle')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('lot.referencePrice')}</dt>
          <dd>
            <Money value={lot.referencePrice} />
            {lot.referenceMethod && <span className="small muted block">{t('lot.referenceMethod', { method: methodLabel(t, lot.referenceMethod) })}</span>}
          </dd>
        </div>
        <div><dt>{t('lot.startingPrice')}</dt><dd><Money value={lot.startingPrice} /></dd></div>
        <div><dt>{t('lot.increment')}</dt><dd><Money value={lot.bidIncrement} /></dd></div>
        <div><dt>{t('lot.deposit')}</dt><dd><Money value={lot.deposit} /></dd></div>
        <div className="facts-wide">
          <dt>{t('lot.period')}</dt>
          <dd>{formatDateTime(lot.startsAt, false)} – {formatDateTime(lot.endsAt)}</dd>
        </div>
        {lot.windowEndsAt && (
          <div className="facts-wide">
            <dt>{t('lot.windowEnds')}</dt>
            <dd>{formatDateTime(lot.windowEndsAt)}</dd>
          </div>
        )}
        <div>
          <dt>{t('lot.balanceDue')}</dt>
          <dd>
            {lot.balanceDueAt ? formatDateTime(lot.balanceDueAt) : t('lot.balanceDueDays', { days: lot.balanceDueDays })}
            {lot.balancePaidAt && <span className="small block success-text">{t('lot.balancePaidOn', { at: formatDateTime(lot.balancePaidAt) })}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('lot.priorityRights')}</dt>
          <dd data-testid="priority-rights" data-exists={lot.priorityRights ? 'true' : 'false'}>{lot.priorityRights ? t('lot.priorityExist') : t('lot.priorityNone')}</dd>
        </div>
        <div><dt>{t('lot.registrants')}</dt><dd>{lot.registrantCount}</dd></div>
        <div><dt>{t('lot.watchers')}</dt><dd>{watchers ?? '—'}</dd></div>
        <div><dt>{t('lot.bidCount')}</dt><dd>{lot.bidCount}</dd></div>
        {lot.extensionCount > 0 && <div><dt>{t('lot.extensions')}</dt><dd>{lot.extensionCount}</dd></div>}
      </dl>
      {lot.referencePrice && lot.round === 1 && (
        <p className="small muted">{t('lot.startingNote', { ratio: '70%', reference: formatYuan(lot.referencePrice) })}</p>
      )}
      {lot.round === 2 && <p className="small muted">{t('lot.secondRoundNote')}</p>}
      {lot.priorityRights && <p className="small priority-rights-note" data-testid="priority-rights-note">{t('lot.priorityRightsNote')}</p>}
    </section>
  );
}

/** What every visitor must see first: a suspension (and by when bidding resumes), a withdrawal and its reason. */
function LotBanners({ lot }: { lot: LotView }) {
  const { t } = useI18n();
  if (lot.status === 'suspended') {
    return (
      <Alert tone="warning" title={t('banner.suspendedTitle')} testId="suspended-banner">
        {t('banner.suspended', { by: lot.resumeBy ? formatDateTime(lot.resumeBy) : '—', since: lot.suspendedAt ? formatDateTime(lot.suspendedAt) : '—' })}
      </Alert>
    );
  }
  if (lot.status === 'cancelled') {
    return (
      <Alert tone="info" title={t('banner.cancelledTitle')} testId="cancelled-banner">
        <p>{t('banner.cancelled', { reason: lot.cancelReason ?? '—' })}</p>
        <p className="small">{t('banner.cancelledDeposits')}</p>
      </Alert>
    );
  }
  if (lot.status === 'defaulted') {
    return (
      <Alert tone="warning" title={t('status.defaulted')} testId="defaulted-banner">
        {t('result.defaultedText', { due: lot.balanceDueAt ? formatDateTime(lot.balanceDueAt) : '—' })}
      </Alert>
    );
  }
  return null;
}

/** A26, C23–25: how a sell-off differs from an auction. */
function SellOffExplainer({ lot }: { lot: LotView }) {
  const { t } = useI18n();
  return (
    <section className="card doc" aria-labelledby="selloff-title" data-testid="sell-off-explainer">
      <h2 id="selloff-title">{t('selloff.title')}</h2>
      <ul className="notice-list">
        <li>{t('selloff.price', { price: formatYuan(lot.startingPrice) })}</li>
        <li>{t('selloff.window', { from: formatDateTime(lot.startsAt), to: formatDateTime(lot.windowEndsAt ?? lot.endsAt) })}</li>
        <li>{t('selloff.round')}</li>
        <li>{t('selloff.noBid')}</li>
      </ul>
    </section>
  );
}
