import { useEffect, useMemo, useState } from 'react';
import { formatDateTimeSeconds } from '../../../format';
import { useI18n, type MessageKey, type T } from '../../../i18n';
import { canonicalJson, sha256Hex, shortHash } from '../../bidding/bid-log';
import type { AuditEntry, AuditTrail } from '../../court/types';
import { TableHead } from '../../../ui/table-head';

const ACTIONS = ['created', 'parties_notified', 'published', 'started', 'bid', 'suspended', 'resumed', 'cancelled', 'closed', 'priority_holder_added', 'creditor_takeover', 'balance_paid', 'defaulted'];

function actionLabel(t: T, action: string): string {
  return ACTIONS.includes(action) ? t(`audit.${action}` as MessageKey) : action;
}

/** Who did it: the platform itself, a bidder by code, the reader, or a staff account (the log names ids only). */
function actorLabel(t: T, actor: string | null, me: { id: string; name: string } | null): string {
  if (actor === null) return t('audit.system');
  if (actor.startsWith('bidder:')) return t('audit.bidder', { code: actor.slice(7) });
  if (me && actor === me.id) return t('audit.you', { name: me.name });
  return t('audit.staff', { id: actor.slice(0, 8) });
}

/** A29 and friends: the fields of before/after worth a glance, as "key: value" pairs. */
function summary(v: Record<string, unknown> | null): string {
  if (!v) return '';
  return Object.entries(v)
    .filter(([k]) => k !== 'bidHash')
    .map(([k, x]) => `${k}: ${typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x)}`)
    .join(' · ');
}

type AuditCheck = { state: 'pending' } | { state: 'ok' } | { state: 'broken'; seq: number };

/**
 * The audit chain rechecked here as the server builds it: sha256 over canonical JSON of
 * {kind: "audit", lotId, seq, at, actorId, action, before, after, reason, prevHash}, each prevHash the previous hash.
 */
async function verifyAudit(lotId: string, trail: AuditTrail): Promise<AuditCheck> {
  let prev = '';
  for (const e of [...trail.entries].sort((a, b) => a.seq - b.seq)) {
    const h = await sha256Hex(canonicalJson({
      kind: 'audit', lotId, seq: e.seq, at: e.at, actorId: e.actor, action: e.action, before: e.before ?? null, after: e.after ?? null, reason: e.reason, prevHash: prev,
    }));
    if (h !== e.hash) return { state: 'broken', seq: e.seq };
    prev = e.hash;
  }
  if (prev !== trail.head) return { state: 'broken', seq: trail.entries.length };
  return { state: 'ok' };
}

export function AuditLog({ lotId, trail, me }: { lotId: string; trail: AuditTrail; me: { id: string; name: string } | null }) {
  const { t } = useI18n();
  const [hideBids, setHideBids] = useState(false);
  const [check, setCheck] = useState<AuditCheck>({ state: 'pending' });
  useEffect(() => {
    let live = true;
    setCheck({ state: 'pending' });
    verifyAudit(lotId, trail).then((c) => { if (live) setCheck(c); }, () => { if (live) setCheck({ state: 'pending' }); });
    return () => { live = false; };
  }, [lotId, trail]);
  const bidCount = trail.entries.filter((e) => e.action === 'bid').length;
  const rows = useMemo(() => {
    const list = hideBids ? trail.entries.filter((e) => e.action !== 'bid') : trail.entries;
    return [...list].sort((a, b) => b.seq - a.seq);
  }, [trail.entries, hideBids]);
  return (
    <div className="audit">
      <dl className="kv-list head-hash">
        <div>
          <dt>{t('audit.head')}</dt>
          <dd className="mono hash-full" data-testid="audit-head">{trail.head || '—'}</dd>
        </div>
        <div>
          <dt>{t('audit.chain')}</dt>
          <dd data-testid="audit-verified" data-state={check.state}>
            {check.state === 'pending' && t('audit.checking')}
            {check.state === 'ok' && <span className="success-text">{t('audit.verified', { n: trail.entries.length })}</span>}
            {check.state === 'broken' && <span className="hint-error">{t('audit.broken', { seq: check.seq })}</span>}
          </dd>
        </div>
      </dl>
      {bidCount > 0 && (
        <label className="checkbox small">
          <input type="checkbox" checked={hideBids} onChange={(e) => setHideBids(e.target.checked)} />
          <span>{t('audit.hideBids', { n: bidCount })}</span>
        </label>
      )}
      <div className="table-wrap audit-wrap">
        <table className="table audit-table table-cards" data-testid="audit-log">
          <caption className="visually-hidden">{t('audit.title')}</caption>
          <TableHead columns={[{ label: '#', num: true }, t('audit.time'), t('audit.actor'), t('audit.action'), t('audit.reason'), t('audit.hash')]} />
          <tbody>
            {rows.map((e: AuditEntry) => (
              <tr key={e.seq} data-action={e.action} data-seq={e.seq}>
                <td className="num" data-label="#">{e.seq}</td>
                <td className="nowrap small" data-label={t('audit.time')}>{formatDateTimeSeconds(e.at)}</td>
                <td className="small" data-label={t('audit.actor')}>{actorLabel(t, e.actor, me)}</td>
                <td data-label={t('audit.action')}>
                  <span className="audit-action">{actionLabel(t, e.action)}</span>
                  {(e.before || e.after) && (
                    <details className="audit-details">
                      <summary className="small">{t('audit.details')}</summary>
                      {e.before && <p className="small mono"><span className="muted">{t('audit.before')}</span> {summary(e.before)}</p>}
                      {e.after && <p className="small mono"><span className="muted">{t('audit.after')}</span> {summary(e.after)}</p>}
                    </details>
                  )}
                </td>
                <td className={`small${e.reason ? '' : ' reason-empty'}`} data-label={t('audit.reason')}>{e.reason ?? '—'}</td>
                <td className="mono small" title={e.hash} data-label={t('audit.hash')}>{shortHash(e.hash)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="small muted">{t('audit.note')}</p>
    </div>
  );
}
