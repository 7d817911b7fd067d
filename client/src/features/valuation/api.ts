import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api';
import { serverNow, syncClock } from '../../server-clock';
import type { AssetView, CaseWithAssets, ValuationDetailView, ValuationView } from '../court/types';
import { IN_PROGRESS } from './valuation-logic';

/** While quotes may still arrive or objections be filed, the page re-reads the determination this often. */
const LIVE_REFRESH_MS = 3000;
const SLOW_REFRESH_MS = 15_000;

/** A determination, its asset and case, its sibling determinations, and a live re-read while it moves. */
export function useValuationDetail(id: string) {
  const [v, setV] = useState<ValuationDetailView | null>(null);
  const [asset, setAsset] = useState<AssetView | null>(null);
  const [caseNumber, setCaseNumber] = useState<string | null>(null);
  const [siblings, setSiblings] = useState<ValuationView[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [refreshedAt, setRefreshedAt] = useState<number | null>(null);
  const [liveError, setLiveError] = useState(false);
  const enc = encodeURIComponent(id);

  const load = useCallback(async () => {
    try {
      const detail = await api<ValuationDetailView>(`/valuations/${enc}`);
      setV(detail);
      setLoadError(null);
      setLiveError(false);
      setRefreshedAt(serverNow());
    } catch (err) {
      setLoadError(err);
      setLiveError(true);
    }
  }, [enc]);
  useEffect(() => {
    void load();
  }, [load]);

  // The asset and its case, once, for the way back and for the lot.
  const assetId = v?.assetId;
  useEffect(() => {
    if (!assetId) return;
    let live = true;
    api<AssetView>(`/assets/${encodeURIComponent(assetId)}`)
      .then(async (a) => {
        if (!live) return;
        setAsset(a);
        const c = await api<CaseWithAssets>(`/cases/${encodeURIComponent(a.caseId)}`);
        if (live) setCaseNumber(c.caseNumber);
      })
      .catch(() => undefined);
    return () => { live = false; };
  }, [assetId]);

  // The asset's other determinations: is this one the reference price a lot would use?
  const status = v?.status;
  useEffect(() => {
    if (!assetId || status !== 'effective') return;
    let live = true;
    api<{ valuations: ValuationView[] }>(`/assets/${encodeURIComponent(assetId)}/valuations`)
      .then(({ valuations }) => { if (live) setSiblings(valuations); })
      .catch(() => undefined);
    return () => { live = false; };
  }, [assetId, status]);

  // A status change is a good moment to re-read the server clock (deadlines are shown against it).
  useEffect(() => {
    if (status) void syncClock(1);
  }, [status]);

  // Live: quotes arrive, deadlines pass, the objection window closes. One request at a time. An appraisal
  // report is recorded by staff and takes weeks: a slower pace will do there.
  const moving = !!status && IN_PROGRESS.has(status);
  const pace = v && v.method === 'appraisal' && status === 'pending' ? SLOW_REFRESH_MS : LIVE_REFRESH_MS;
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    if (!moving) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const step = async () => {
      if (stopped) return;
      if (document.visibilityState === 'visible') await loadRef.current();
      if (!stopped) timer = setTimeout(step, pace);
    };
    timer = setTimeout(step, pace);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [moving, pace]);


  return { v, setV, asset, caseNumber, siblings, loadError, refreshedAt, liveError, load, moving, pace };
}
