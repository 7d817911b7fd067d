import { Decimal } from 'decimal.js';
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import type { LotView } from '../../../../shared/api';
import { formatWanYi, formatYuan, isMoneyString } from '../../../../shared/money';
import {
  announcementDays, checkAnnouncementPeriod, checkLotTerms, DEFAULT_BALANCE_DUE_DAYS, DEPOSIT_MAX_RATIO, DEPOSIT_MIN_RATIO,
  earliestDateAfterPeriod, FIRST_ROUND_MIN_STARTING_RATIO, MAX_BALANCE_DUE_DAYS, type AssetKind, type Round, type RuleViolation,
} from '../../../../shared/rules';
import { ApiError, api } from '../../api';
import { errorText, violationsOf } from '../../error-text';
import { formatDateTime, fromCstInput, toCstInput } from '../../format';
import { kindLabel, useI18n } from '../../i18n';
import { ruleText } from '../../rule-text';
import { serverNow } from '../../server-clock';
import { Alert } from '../../ui/alert';
import type { AssetView } from './types';

interface Draft {
  round: '1' | '2' | 'sell_off';
  startingPrice: string;
  bidIncrement: string;
  deposit: string;
  startsAt: string;
  endsAt: string;
  balanceDueDays: string;
  announcement: string;
}

const DAY = 86_400_000;

/** Two significant figures, e.g. 840 → 840, 20020 → 20000, at least ¥1. */
function roundIncrement(v: Decimal): Decimal {
  if (v.lt(1)) return new Decimal(1);
  const digits = v.floor().toFixed(0).length;
  const unit = new Decimal(10).pow(Math.max(0, digits - 2));
  return v.div(unit).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).mul(unit);
}

/** Values that satisfy the rules: 70% of the reference (A10), deposit 10% (A17), increment ≈1%, start after the announcement (A12), 24 h (A20). */
export function suggestedDraft(kind: AssetKind, referencePrice: string | null, round: Draft['round'], now: Date, announcement: string): Draft {
  const ref = referencePrice ? new Decimal(referencePrice) : null;
  const starting = ref ? ref.mul(FIRST_ROUND_MIN_STARTING_RATIO).toDecimalPlaces(0, Decimal.ROUND_UP) : null;
  const r: Round = round === 'sell_off' ? 'sell_off' : (Number(round) as 1 | 2);
  const days = announcementDays(kind, r);
  const startDate = days === null
    ? new Date(now.getTime() + DAY).toISOString().slice(0, 10)
    : earliestDateAfterPeriod(now, days);
  const startsAt = new Date(`${startDate}T10:00:00+08:00`);
  return {
    round,
    startingPrice: starting ? starting.toFixed(2) : '',
    bidIncrement: starting ? roundIncrement(starting.mul('0.01')).toFixed(2) : '',
    deposit: starting ? starting.mul('0.10').toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(2) : '',
    startsAt: toCstInput(startsAt),
    endsAt: toCstInput(new Date(startsAt.getTime() + DAY)),
    balanceDueDays: String(DEFAULT_BALANCE_DUE_DAYS),
    announcement,
  };
}

function cleanMoney(raw: string): string {
  return raw.replace(/[¥,，\s]/g, '');
}

interface Bound { key: string; ok: boolean; text: string }

export function LotForm({ asset, referencePrice, onCreated }: { asset: AssetView; referencePrice: string | null; onCreated(lot: LotView): void }) {
  const { t, lang } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => suggestedDraft(asset.kind, referencePrice, '1', new Date(serverNow()), t('court.defaultAnnouncement')));
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<unknown>(null);
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));

  const check = useMemo(() => {
    const now = new Date(serverNow());
    const fieldErrors: Partial<Record<keyof Draft, string>> = {};
    const money: Record<'startingPrice' | 'bidIncrement' | 'deposit', string | null> = { startingPrice: null, bidIncrement: null, deposit: null };
    for (const k of ['startingPrice', 'bidIncrement', 'deposit'] as const) {
      const v = cleanMoney(draft[k]);
      if (!isMoneyString(v)) fieldErrors[k] = t('court.moneyInvalid');
      else money[k] = v;
    }
    const startsIso = fromCstInput(draft.startsAt);
    const endsIso = fromCstInput(draft.endsAt);
    if (!startsIso) fieldErrors.startsAt = t('court.dateInvalid');
    if (!endsIso) fieldErrors.endsAt = t('court.dateInvalid');
    const days = Number(draft.balanceDueDays);
    if (!/^\d+$/.test(draft.balanceDueDays.trim())) fieldErrors.balanceDueDays = t('court.daysInvalid', { max: MAX_BALANCE_DUE_DAYS });
    const round: Round = draft.round === 'sell_off' ? 'sell_off' : (Number(draft.round) as 1 | 2);
    let violations: RuleViolation[] = [];
    const ready = money.startingPrice !== null && money.bidIncrement !== null && money.deposit !== null && startsIso !== null && endsIso !== null && !fieldErrors.balanceDueDays;
    if (ready) {
      violations = [
        ...checkLotTerms({
          round, startingPrice: money.startingPrice!, bidIncrement: money.bidIncrement!, deposit: money.deposit!,
          startsAt: new Date(startsIso!), endsAt: new Date(endsIso!), balanceDueDays: days, referencePrice,
        }, now),
        ...checkAnnouncementPeriod(asset.kind, round, now, new Date(startsIso!)),
      ];
    }
    // Each bound, satisfied or not, explained before submit.
    const has = (...rules: string[]) => violations.filter((v) => rules.includes(v.rule));
    const bounds: Bound[] = [];
    const explain = (key: string, rules: string[], okText: string | null) => {
      const broken = has(...rules);
      if (broken.length) for (const v of broken) bounds.push({ key: `${key}-${v.rule}`, ok: false, text: ruleText(v, t) });
      else if (okText) bounds.push({ key, ok: true, text: okText });
    };
    const starting = money.startingPrice ? new Decimal(money.startingPrice) : null;
    explain('reference', ['REFERENCE_PRICE_REQUIRED'], null);
    if (round === 1 && referencePrice) {
      const min = new Decimal(referencePrice).mul(FIRST_ROUND_MIN_STARTING_RATIO).toDecimalPlaces(2, Decimal.ROUND_UP);
      explain('starting', ['STARTING_PRICE_BELOW_70_PERCENT', 'STARTING_PRICE_POSITIVE'], t('bound.starting', { minimum: formatYuan(min), reference: formatYuan(referencePrice) }));
    } else if (round === 2) {
      explain('starting', ['STARTING_PRICE_POSITIVE'], t('bound.secondRound'));
    } else {
      explain('starting', ['STARTING_PRICE_POSITIVE'], t('bound.sellOff'));
    }
    if (starting && starting.gt(0)) {
      const dmin = starting.mul(DEPOSIT_MIN_RATIO).toDecimalPlaces(2, Decimal.ROUND_UP);
      const dmax = starting.mul(DEPOSIT_MAX_RATIO).toDecimalPlaces(2, Decimal.ROUND_DOWN);
      explain('deposit', ['DEPOSIT_OUT_OF_RANGE'], t('bound.deposit', { minimum: formatYuan(dmin), maximum: formatYuan(dmax) }));
      explain('increment', ['BID_INCREMENT_POSITIVE', 'BID_INCREMENT_TOO_LARGE'], t('bound.increment', { maximum: formatYuan(starting) }));
    } else {
      explain('deposit', ['DEPOSIT_OUT_OF_RANGE'], null);
      explain('increment', ['BID_INCREMENT_POSITIVE', 'BID_INCREMENT_TOO_LARGE'], null);
    }
    explain('period', ['BIDDING_PERIOD_TOO_SHORT', 'BIDDING_PERIOD_TOO_LONG'], t('bound.period'));
    const annDays = announcementDays(asset.kind, round);
    explain('announcement', ['ANNOUNCEMENT_PERIOD_TOO_SHORT', 'START_IN_PAST'],
      annDays === null ? t('bound.startFuture') : t('bound.announcement', { days: annDays, kind: kindLabel(t, asset.kind), date: earliestDateAfterPeriod(now, annDays), article: round === 1 ? 'A12' : 'A26' }));
    explain('balance', ['BALANCE_DUE_DAYS_OUT_OF_RANGE'], t('bound.balance', { max: MAX_BALANCE_DUE_DAYS }));
    return { fieldErrors, violations, bounds, ready, startsIso, endsIso, money, round, days };
  }, [draft, referencePrice, asset.kind, t]);

  const blocked = !check.ready || check.violations.length > 0;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (blocked) return;
    setBusy(true);
    setServerError(null);
    try {
      const lot = await api<LotView>('/lots', {
        body: {
          assetId: asset.id,
          round: check.round,
          startingPrice: new Decimal(check.money.startingPrice!).toFixed(2),
          bidIncrement: new Decimal(check.money.bidIncrement!).toFixed(2),
          deposit: new Decimal(check.money.deposit!).toFixed(2),
          startsAt: check.startsIso,
          endsAt: check.endsIso,
          balanceDueDays: check.days,
          ...(draft.announcement.trim() ? { announcement: draft.announcement.trim() } : {}),
        },
      });
      onCreated(lot);
    } catch (err) {
      setServerError(err);
    } finally {
      setBusy(false);
    }
  };

  const fid = (k: string) => `lot-${asset.id}-${k}`;
  const serverViolations = serverError instanceof ApiError ? violationsOf(serverError) : [];
  const fieldError = (k: keyof Draft) => check.fieldErrors[k] && <span className="hint hint-error" id={`${fid(k)}-err`}>{check.fieldErrors[k]}</span>;
  return (
    <form className="form lot-form" onSubmit={onSubmit} noValidate aria-labelledby={fid('title')}>
      <div className="card-head">
        <h4 id={fid('title')}>{t('court.newLot')}</h4>
        <button type="button" className="btn btn-light btn-small" onClick={() => setDraft((d) => suggestedDraft(asset.kind, referencePrice, d.round, new Date(serverNow()), d.announcement))}>
          {t('court.useSuggested')}
        </button>
      </div>
      <p className="small muted">
        {referencePrice ? t('court.referenceFor', { price: formatYuan(referencePrice) }) : t('court.noReference')} {t('court.suggestedNote')}
      </p>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={fid('round')}>{t('court.round')}</label>
          <select id={fid('round')} value={draft.round} onChange={(e) => setDraft((d) => ({ ...d, round: e.target.value as Draft['round'] }))}>
            <option value="1">{t('round.1')}</option>
            <option value="2">{t('round.2')}</option>
            <option value="sell_off">{t('round.sell_off')}</option>
          </select>
        </div>
        <MoneyField id={fid('startingPrice')} label={t('lot.startingPrice')} value={draft.startingPrice} onChange={set('startingPrice')} error={fieldError('startingPrice')} />
        <MoneyField id={fid('bidIncrement')} label={t('lot.increment')} value={draft.bidIncrement} onChange={set('bidIncrement')} error={fieldError('bidIncrement')} />
        <MoneyField id={fid('deposit')} label={t('lot.deposit')} value={draft.deposit} onChange={set('deposit')} error={fieldError('deposit')} />
        <div className="field">
          <label htmlFor={fid('startsAt')}>{t('court.startsAt')}</label>
          <input id={fid('startsAt')} type="datetime-local" step={60} value={draft.startsAt} onChange={set('startsAt')} aria-invalid={!!check.fieldErrors.startsAt} />
          {fieldError('startsAt')}
        </div>
        <div className="field">
          <label htmlFor={fid('endsAt')}>{t('court.endsAt')}</label>
          <input id={fid('endsAt')} type="datetime-local" step={60} value={draft.endsAt} onChange={set('endsAt')} aria-invalid={!!check.fieldErrors.endsAt} />
          {fieldError('endsAt')}
        </div>
        <div className="field">
          <label htmlFor={fid('balanceDueDays')}>{t('court.balanceDueDays')}</label>
          <input id={fid('balanceDueDays')} inputMode="numeric" value={draft.balanceDueDays} onChange={set('balanceDueDays')} aria-invalid={!!check.fieldErrors.balanceDueDays} />
          {fieldError('balanceDueDays')}
        </div>
      </div>
      <div className="field">
        <label htmlFor={fid('announcement')}>{t('court.announcement')}</label>
        <textarea id={fid('announcement')} rows={3} value={draft.announcement} onChange={set('announcement')} maxLength={20000} />
      </div>
      <div className="bounds" aria-live="polite">
        <h5>{t('court.boundsTitle')}</h5>
        <ul>
          {check.bounds.map((b) => (
            <li key={b.key} className={b.ok ? 'bound-ok' : 'bound-bad'}>
              <span className="bound-mark" aria-hidden="true">{b.ok ? '✓' : '✗'}</span>
              <span>{b.text}<span className="visually-hidden"> — {b.ok ? t('court.boundOk') : t('court.boundBad')}</span></span>
            </li>
          ))}
        </ul>
        {check.startsIso && check.endsIso && (
          <p className="small muted">{t('court.periodPreview', { from: formatDateTime(check.startsIso), to: formatDateTime(check.endsIso) })}</p>
        )}
      </div>
      {serverError !== null && (
        <Alert tone="error" title={t('court.createRefused')}>
          {serverViolations.length > 0 ? (
            <ul className="rule-list">{serverViolations.map((v, i) => <li key={i}>{ruleText(v, t)}</li>)}</ul>
          ) : errorText(serverError, t, lang)}
        </Alert>
      )}
      <div className="btn-row">
        <button type="submit" className="btn btn-primary" disabled={busy || blocked}>
          {busy ? t('court.creating') : t('court.createLot')}
        </button>
        {blocked && <span className="small muted">{t('court.fixFirst')}</span>}
      </div>
    </form>
  );
}

function MoneyField({ id, label, value, onChange, error }: { id: string; label: string; value: string; onChange(e: { target: { value: string } }): void; error: ReactNode }) {
  const { lang } = useI18n();
  const clean = cleanMoney(value);
  const wan = lang === 'zh' && isMoneyString(clean) ? formatWanYi(clean) : null;
  const preview = isMoneyString(clean) ? `${formatYuan(clean)}${wan ? `（${wan}）` : ''}` : null;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="input-money">
        <span className="input-prefix" aria-hidden="true">¥</span>
        <input id={id} inputMode="decimal" value={value} onChange={onChange} aria-invalid={!!error} aria-describedby={`${id}-preview`} />
      </div>
      <span id={`${id}-preview`} className="hint">{preview}</span>
      {error}
    </div>
  );
}
