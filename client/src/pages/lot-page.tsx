import { useEffect, useRef } from 'react';
import { Link, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { isStaff, useAuth } from '../auth';
import { errorText } from '../error-text';
import { kindLabel, roundLabel, useI18n } from '../i18n';
import { myRegistrationsKey } from '../features/accounts/api';
import { LotBanners, LotFacts, SellOffExplainer } from '../features/auctions/components/lot-details';
import { CourtBiddersNotice, LotAnnouncement, LotDescription, LotDisclosure, lotTitle } from '../features/auctions/components/lot-disclosure';
import { lotRegistrationKey, useRegistration } from '../features/bidding/api';
import { WatchButton } from '../features/notifications/watch-button';
import { BidRecord } from '../features/bidding/components/bid-record';
import { BiddingNotice } from '../features/bidding/components/bidding-notice';
import { BiddingRoom } from '../features/bidding/components/bidding-room';
import { RegistrationPanel } from '../features/bidding/components/registration-panel';
import { useLiveLot } from '../features/bidding/use-live-lot';
import { Alert } from '../ui/alert';
import { AssetIllustration } from '../ui/asset-illustration';
import { useLotFiles } from '../features/files/api';
import { LotDocuments, LotGallery } from '../features/files/components/lot-gallery';
import { Breadcrumb } from '../ui/breadcrumb';
import { PageLoading } from '../ui/spinner';

const TERMINAL = new Set(['sold', 'unsold', 'cancelled', 'defaulted']);

export function LotPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { user, loading: authLoading } = useAuth();
  const live = useLiveLot(id, authLoading ? null : user?.id ?? 'anonymous');
  const files = useLotFiles(id);
  const reg = useRegistration(id, user);
  const queryClient = useQueryClient();
  const { lot } = live;
  const status = lot?.status;
  const previousStatus = useRef(status);
  // Deposits are settled in the closing transaction: read the registrations again when the lot closes here.
  useEffect(() => {
    const before = previousStatus.current;
    previousStatus.current = status;
    if (before && status && !TERMINAL.has(before) && TERMINAL.has(status)) {
      void queryClient.invalidateQueries({ queryKey: lotRegistrationKey(id) });
      void queryClient.invalidateQueries({ queryKey: myRegistrationsKey });
    }
  }, [status, queryClient, id]);

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
  const photos = (files.data ?? []).filter((f) => f.kind === 'photo');
  const documents = (files.data ?? []).filter((f) => f.kind === 'document');

  return (
    <div className="container lot-page">
      <Breadcrumb to="/">{t('nav.allAuctions')}</Breadcrumb>
      <header className="lot-head">
        <div className="lot-head-tags">
          <span className="tag">{kindLabel(t, lot.kind)}</span>
          <span className="tag">{roundLabel(t, lot.round)}</span>
        </div>
        <h1 className="lot-title">{lotTitle(lot, lang)}</h1>
        <p className="lot-court">
          {lot.court} · <span className="nowrap">{t('lot.caseNumber')} {lot.caseNumber}</span>
          {isStaff(user) && <> · <Link to={`/court/lots/${lot.id}`} className="nowrap">{t('court.manage')}</Link></>}
        </p>
        <WatchButton lotId={lot.id} />
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
            signedIn={authLoading || user !== null}
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
            {photos.length > 0 ? <LotGallery photos={photos} title={lotTitle(lot, lang)} /> : (
              <>
                <AssetIllustration kind={lot.kind} title={lot.title} />
                <p className="small muted lot-media-note">{t('lot.noPhotos')}</p>
              </>
            )}
          </div>
          <LotFacts lot={lot} watchers={live.watchers} />
          {lot.round === 'sell_off' && <SellOffExplainer lot={lot} />}
          <LotAnnouncement lot={lot} />
          <LotDisclosure lot={lot} />
          <section className="card doc" id="notice" aria-labelledby="notice-title">
            <h2 id="notice-title">{t('lot.noticeTitle')}</h2>
            <CourtBiddersNotice lot={lot} />
            <BiddingNotice lot={lot} />
          </section>
          <LotDescription lot={lot} />
          <LotDocuments documents={documents} />
        </div>
      </div>
    </div>
  );
}
