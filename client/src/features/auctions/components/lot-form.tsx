import { Decimal } from 'decimal.js';
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import type { LotView } from '../../../../../shared/api';
import { formatWanYi, formatYuan, isMoneyString } from '../../../../../shared/money';
import {
  announcementDays, checkAnnouncementPeriod, checkLotTerms, DEFAULT_BALANCE_DUE_DAYS, DEPOSIT_MAX_RATIO, DEPOSIT_MIN_RATIO,
  cstDate, earliestDateAfterPeriod, FIRST_ROUND_MIN_STARTING_RATIO, MAX_BALANCE_DUE_DAYS, NOTICE_BEFORE_ANNOUNCEMENT_DAYS, SECOND_ROUND_MAX_CUT_RATIO, SECOND_ROUND_WITHIN_DAYS,
  SELL_OFF_WINDOW_DAYS, type AssetKind, type Round,
} from '../../../../../shared/rules';
import { ApiError, api } from '../../../api';
import { errorText, violationsOf } from '../../../error-text';
import { formatDateTime, fromCstInput, toCstInput } from '../../../format';
import { kindLabel, roundLabel, useI18n, type MessageKey } from '../../../i18n';
import { ruleText, type PreviewViolation } from '../../../rule-text';
import { serverNow } from '../../../server-clock';
import { Alert } from '../../../ui/alert';
import type { AssetView } from '../../court/types';

/**
 * How the form was opened: a first auction of a fresh asset; a second auction after a failed first (A26);
 * a sell-off after a failed second (A26, C23–25); or a first auction again after the buyer defaulted (A24).
 */
export type LotFormMode = 'first' | 'second_round' | 'sell_off' | 're_auction';

type RoundValue = '1' | '2' | 'sell_off';

interface Draft {
  startingPrice: string;
  bidIncrement: string;
  deposit: string;
  startsAt: string;
  endsAt: string;
  balanceDueDays: string;
  announcement: string;
}

const DAY = 86_400_000;
const SELL_OFF_WINDOW_MS = SELL_OFF_WINDOW_DAYS * DAY;

export function roundOfMode(mode: LotFormMode): RoundValue {
  return mode === 'second_round' ? '2' : mode === 'sell_off' ? 'sell_off' : '1';
}

function toRound(v: RoundValue): Round {
  return v === 'sell_off' ? 'sell_off' : (Number(v) as 1 | 2);
}

/** Two significant figures, e.g. 840 → 840, 20020 → 20000, at least ¥1. */
function roundIncrement(v: Decimal): Decimal {
  if (v.lt(1)) return new Decimal(1);
  const digits = v.floor().toFixed(0).length;
  const unit = new Decimal(10).pow(Math.max(0, digits - 2));
  return v.div(unit).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).mul(unit);
}

/** A26: the lowest lawful starting price of a second auction, 80% of the previous starting price (rounded up to the fen). */
export function secondRoundFloor(previousStartingPrice: string): Decimal {
  return new Decimal(previousStartingPrice).mul(new Decimal(1).minus(SECOND_ROUND_MAX_CUT_RATIO)).toDecimalPlaces(2, Decimal.ROUND_UP);
}

/** A26: the second auction starts within 30 days of the failed first one's close. */
export function secondRoundLatestStart(previous: LotView): Date {
  return new Date(Date.parse(previous.closedAt ?? previous.endsAt) + SECOND_ROUND_WITHIN_DAYS * DAY);
}

/** The start as an <input> value: 10:00 UTC+8 on a CST date. */
function tenOClock(date: string): Date {
  return new Date(`${date}T10:00:00+08:00`);
}

/**
 * A16: a new draft is published three clear days after the parties are notified, at the earliest. Notified today,
 * the announcement may go out on this CST date; the announcement period (A12/A26) runs from there.
 */
export function earliestPublishDate(now: Date): string {
  return earliestDateAfterPeriod(now, NOTICE_BEFORE_ANNOUNCEMENT_DAYS);
}

/** The first lawful start date for a lot created now: after the notice (A16), then the announcement period, if any. */
function earliestStartDate(kind: AssetKind, round: Round, now: Date): string {
  const publishAt = new Date(`${earliestPublishDate(now)}T09:00:00+08:00`);
  const days = announcementDays(kind, round);
  return earliestDateAfterPeriod(publishAt, days ?? 0);
}

/**
 * Values that satisfy the rules for the mode: the lowest lawful starting price (70% of the reference, A10;
 * 80% of the previous start, A26; the second auction's price for a sell-off), deposit 10% (A17),
 * increment about 1%, start after the announcement period (A12/A26), 24 hours of bidding (A20).
 */
export function suggestedDraft(kind: AssetKind, mode: LotFormMode, referencePrice: string | null, previous: LotView | null, now: Date, announcement: string): Draft {
  let starting: Decimal | null = null;
  if (mode === 'second_round' && previous) starting = secondRoundFloor(previous.startingPrice).toDecimalPlaces(0, Decimal.ROUND_UP);
  else if (mode === 'sell_off' && previous) starting = new Decimal(previous.startingPrice);
  else if (referencePrice) starting = new Decimal(referencePrice).mul(FIRST_ROUND_MIN_STARTING_RATIO).toDecimalPlaces(0, Decimal.ROUND_UP);
  const startsAt = tenOClock(earliestStartDate(kind, toRound(roundOfMode(mode)), now));
  const endsAt = new Date(startsAt.getTime() + (mode === 'sell_off' ? SELL_OFF_WINDOW_MS : DAY));
  return {
    startingPrice: starting ? starting.toFixed(2) : '',
    bidIncrement: starting ? roundIncrement(starting.mul('0.01')).toFixed(2) : '',
    deposit: starting ? starting.mul('0.10').toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(2) : '',
    startsAt: toCstInput(startsAt),
    endsAt: toCstInput(endsAt),
    balanceDueDays: String(DEFAULT_BALANCE_DUE_DAYS),
    announcement,
  };
}

function cleanMoney(raw: string): string {
  return raw.replace(/[¥,，\s]/g, '');
}

interface Bound { key: string; ok: boolean; text: string }

const TITLE_KEY: Record<LotFormMode, MessageKey> = {
  first: 'court.newLot',
  second_round: 'lotForm.titleSecond',
  sell_off: 'lotForm.titleSellOff',
  re_auction: 'lotForm.titleReAuction',
};
const NOTE_KEY: Record<LotFormMode, MessageKey> = {
  first: 'court.suggestedNote',
  second_round: 'lotForm.noteSecond',
  sell_off: 'lotForm.noteSellOff',
  re_auction: 'lotForm.noteReAuction',
};

export function LotForm({ asset, referencePrice, mode = 'first', previous = null, onCreated, onCancel }: {
  asset: AssetView;
  /** The asset's effective reference price (first auction and re-auction). Later rounds use the previous lot's. */
  referencePrice: string | null;
  mode?: LotFormMode;
  /** The lot this one follows (required for second_round, sell_off and re_auction). */
  previous?: LotView | null;
  onCreated(lot: LotView): void;
  onCancel?(): void;
}) {
  const { t, lang } = useI18n();
  const roundValue = roundOfMode(mode);
  const round = toRound(roundValue);
  const reference = mode === 'second_round' || mode === 'sell_off' ? previous?.referencePrice ?? null : referencePrice;
  const [draft, setDraft] = useState<Draft>(() => suggestedDraft(asset.kind, mode, reference, previous, new Date(serverNow()), t('court.defaultAnnouncement')));
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<unknown>(null);
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => setDraft((d) => {
    const next = { ...d, [k]: e.target.value };
    // A sell-off's window is fixed: it ends 60 days after the start, whatever is typed (the server sets it).
    if (mode === 'sell_off' && k === 'startsAt') {
      const iso = fromCstInput(e.target.value);
      if (iso) next.endsAt = toCstInput(new Date(Date.parse(iso) + SELL_OFF_WINDOW_MS));
    }
    return next;
  });

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
    let endsIso = fromCstInput(draft.endsAt);
    if (mode === 'sell_off' && startsIso) endsIso = new Date(Date.parse(startsIso) + SELL_OFF_WINDOW_MS).toISOString();
    if (!startsIso) fieldErrors.startsAt = t('court.dateInvalid');
    if (!endsIso) fieldErrors.endsAt = t('court.dateInvalid');
    const days = Number(draft.balanceDueDays);
    if (!/^\d+$/.test(draft.balanceDueDays.trim())) fieldErrors.balanceDueDays = t('court.daysInvalid', { max: MAX_BALANCE_DUE_DAYS });
    let violations: PreviewViolation[] = [];
    const ready = money.startingPrice !== null && money.bidIncrement !== null && money.deposit !== null && startsIso !== null && endsIso !== null && !fieldErrors.balanceDueDays;
    const starting = money.startingPrice ? new Decimal(money.startingPrice) : null;
    if (ready) {
      violations = [
        ...checkLotTerms({
          round, startingPrice: money.startingPrice!, bidIncrement: money.bidIncrement!, deposit: money.deposit!,
          startsAt: new Date(startsIso!), endsAt: new Date(endsIso!), balanceDueDays: days, referencePrice: reference,
        }, now).filter((v) => !(mode === 'sell_off' && v.rule === 'BIDDING_PERIOD_TOO_LONG')),
      ];
      // A16 then A12/A26: notified today, published three clear days later, then the announcement period.
      const publishDate = earliestPublishDate(now);
      for (const v of checkAnnouncementPeriod(asset.kind, round, new Date(`${publishDate}T09:00:00+08:00`), new Date(startsIso!))) {
        violations.push({ ...v, rule: 'ANNOUNCEMENT_AFTER_NOTICE', params: { ...v.params, publishDate } });
      }
      if (announcementDays(asset.kind, round) === null && cstDate(new Date(startsIso!)) <= publishDate && Date.parse(startsIso!) > now.getTime()) {
        violations.push({ rule: 'START_AFTER_NOTICE', article: 'A16', message: '', params: { publishDate } });
      }
      // The bounds that depend on the previous lot, as the server checks them (A26).
      if (mode === 'second_round' && previous) {
        const floor = secondRoundFloor(previous.startingPrice);
        if (starting!.lt(floor)) {
          violations.push({ rule: 'SECOND_ROUND_CUT_OVER_20_PERCENT', article: 'A26', message: '', params: { minimum: floor.toFixed(2) } });
        }
        const latest = secondRoundLatestStart(previous);
        if (Date.parse(startsIso!) > latest.getTime()) {
          violations.push({ rule: 'SECOND_ROUND_TOO_LATE', article: 'A26', message: '', params: { latestStartsAt: latest.toISOString() } });
        }
      }
      if (mode === 'sell_off' && previous && !starting!.eq(previous.startingPrice)) {
        violations.push({ rule: 'SELL_OFF_PRICE', article: 'A26', message: '', params: { required: new Decimal(previous.startingPrice).toFixed(2) } });
      }
    }
    // Each bound, satisfied or not, explained before submit.
    const has = (...rules: string[]) => violations.filter((v) => rules.includes(v.rule));
    const bounds: Bound[] = [];
    const explain = (key: string, rules: string[], okText: string | null) => {
      const broken = has(...rules);
      if (broken.length) for (const v of broken) bounds.push({ key: `${key}-${v.rule}`, ok: false, text: ruleText(v, t) });
      else if (okText) bounds.push({ key, ok: true, text: okText });
    };
    explain('reference', ['REFERENCE_PRICE_REQUIRED'], null);
    if (mode === 'second_round' && previous) {
      const floor = secondRoundFloor(previous.startingPrice);
      explain('starting', ['SECOND_ROUND_CUT_OVER_20_PERCENT', 'STARTING_PRICE_POSITIVE'],
        t('bound.secondRoundFloor', { minimum: formatYuan(floor), previous: formatYuan(previous.startingPrice) }));
      const latest = secondRoundLatestStart(previous);
      explain('within30', ['SECOND_ROUND_TOO_LATE'], t('bound.secondRoundWithin', { latest: formatDateTime(latest) }));
    } else if (mode === 'sell_off' && previous) {
      explain('starting', ['SELL_OFF_PRICE', 'STARTING_PRICE_POSITIVE'], t('bound.sellOffPrice', { price: formatYuan(previous.startingPrice) }));
    } else if (reference) {
      const min = new Decimal(reference).mul(FIRST_ROUND_MIN_STARTING_RATIO).toDecimalPlaces(2, Decimal.ROUND_UP);
      explain('starting', ['STARTING_PRICE_BELOW_70_PERCENT', 'STARTING_PRICE_POSITIVE'], t('bound.starting', { minimum: formatYuan(min), reference: formatYuan(reference) }));
    } else {
      explain('starting', ['STARTING_PRICE_POSITIVE'], null);
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
    if (mode === 'sell_off') {
      explain('period', ['BIDDING_PERIOD_TOO_SHORT'], t('bound.sellOffWindow', { days: SELL_OFF_WINDOW_DAYS, end: endsIso ? formatDateTime(endsIso) : '—' }));
    } else {
      explain('period', ['BIDDING_PERIOD_TOO_SHORT', 'BIDDING_PERIOD_TOO_LONG'], t('bound.period'));
    }
    const annDays = announcementDays(asset.kind, round);
    const publishDate = earliestPublishDate(now);
    explain('announcement', ['ANNOUNCEMENT_AFTER_NOTICE', 'START_AFTER_NOTICE', 'START_IN_PAST'],
      annDays === null
        ? t('bound.sellOffNoAnnouncement', { publish: publishDate })
        : t('bound.announcementNotice', { publish: publishDate, days: annDays, kind: kindLabel(t, asset.kind), date: earliestStartDate(asset.kind, round, now), article: round === 1 ? 'A12' : 'A26' }));
    explain('balance', ['BALANCE_DUE_DAYS_OUT_OF_RANGE'], t('bound.balance', { max: MAX_BALANCE_DUE_DAYS }));
    if (mode === 're_auction') bounds.push({ key: 'defaulter', ok: true, text: t('bound.defaulterBarred') });
    return { fieldErrors, violations, bounds, ready, startsIso, endsIso, money, days };
  }, [draft, reference, asset.kind, t, mode, previous, round]);

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
          round,
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
  const modeRounds: RoundValue[] = ['1', '2', 'sell_off'];
  return (
    <form className="form lot-form" onSubmit={onSubmit} noValidate aria-labelledby={fid('title')} data-mode={mode}>
      <div className="card-head">
        <h4 id={fid('title')}>{t(TITLE_KEY[mode])}</h4>
        <button type="button" className="btn btn-light btn-small" onClick={() => setDraft((d) => suggestedDraft(asset.kind, mode, reference, previous, new Date(serverNow()), d.announcement))}>
          {t('court.useSuggested')}
        </button>
      </div>
      {previous && mode !== 'first' && (
        <p className="small previous-lot">
          {t('lotForm.follows', { round: roundLabel(t, previous.round), status: t(`status.${previous.status}`), price: formatYuan(previous.startingPrice), closed: previous.closedAt ? formatDateTime(previous.closedAt) : '—' })}
        </p>
      )}
      <p className="small muted">
        {reference ? t('court.referenceFor', { price: formatYuan(reference) }) : t('court.noReference')} {t(NOTE_KEY[mode])}
      </p>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={fid('round')}>{t('court.round')}</label>
          <select id={fid('round')} data-testid="lot-form-round" value={roundValue} onChange={() => undefined} aria-describedby={`${fid('round')}-hint`}>
            {modeRounds.map((r) => (
              <option key={r} value={r} disabled={r !== roundValue}>{t(`round.${r}`)}</option>
            ))}
          </select>
          <span id={`${fid('round')}-hint`} className="hint">{t(mode === 'first' ? 'lotForm.roundHintFirst' : 'lotForm.roundHintFixed')}</span>
        </div>
        <MoneyField id={fid('startingPrice')} testId="lot-form-starting-price" label={t('lot.startingPrice')} value={draft.startingPrice} onChange={set('startingPrice')} error={fieldError('startingPrice')} />
        <MoneyField id={fid('bidIncrement')} testId="lot-form-increment" label={t('lot.increment')} value={draft.bidIncrement} onChange={set('bidIncrement')} error={fieldError('bidIncrement')} />
        <MoneyField id={fid('deposit')} testId="lot-form-deposit" label={t('lot.deposit')} value={draft.deposit} onChange={set('deposit')} error={fieldError('deposit')} />
        <div className="field">
          <label htmlFor={fid('startsAt')}>{mode === 'sell_off' ? t('lotForm.windowStarts') : t('court.startsAt')}</label>
          <input id={fid('startsAt')} data-testid="lot-form-starts-at" type="datetime-local" step={60} value={draft.startsAt} onChange={set('startsAt')} aria-invalid={!!check.fieldErrors.startsAt} />
          {fieldError('startsAt')}
        </div>
        <div className="field">
          <label htmlFor={fid('endsAt')}>{mode === 'sell_off' ? t('lotForm.windowEnds') : t('court.endsAt')}</label>
          <input
            id={fid('endsAt')}
            data-testid="lot-form-ends-at"
            type="datetime-local"
            step={60}
            value={mode === 'sell_off' && check.endsIso ? toCstInput(new Date(check.endsIso)) : draft.endsAt}
            onChange={set('endsAt')}
            aria-invalid={!!check.fieldErrors.endsAt}
            aria-describedby={mode === 'sell_off' ? `${fid('endsAt')}-hint` : undefined}
          />
          {mode === 'sell_off' && <span id={`${fid('endsAt')}-hint`} className="hint">{t('lotForm.windowEndsHint', { days: SELL_OFF_WINDOW_DAYS })}</span>}
          {fieldError('endsAt')}
        </div>
        <div className="field">
          <label htmlFor={fid('balanceDueDays')}>{t('court.balanceDueDays')}</label>
          <input id={fid('balanceDueDays')} data-testid="lot-form-balance-days" inputMode="numeric" value={draft.balanceDueDays} onChange={set('balanceDueDays')} aria-invalid={!!check.fieldErrors.balanceDueDays} />
          {fieldError('balanceDueDays')}
        </div>
      </div>
      <div className="field">
        <label htmlFor={fid('announcement')}>{t('court.announcement')}</label>
        <textarea id={fid('announcement')} rows={3} value={draft.announcement} onChange={set('announcement')} maxLength={20000} />
      </div>
      <div className="bounds" aria-live="polite">
        <h5>{t(mode === 'sell_off' ? 'lotForm.boundsSellOff' : 'court.boundsTitle')}</h5>
        <ul data-testid="lot-form-violations" data-violations={check.violations.length}>
          {check.bounds.map((b) => (
            <li key={b.key} className={b.ok ? 'bound-ok' : 'bound-bad'} data-ok={b.ok ? 'true' : 'false'}>
              <span className="bound-mark" aria-hidden="true">{b.ok ? '✓' : '✗'}</span>
              <span>{b.text}<span className="visually-hidden"> — {b.ok ? t('court.boundOk') : t('court.boundBad')}</span></span>
            </li>
          ))}
        </ul>
        {check.startsIso && check.endsIso && (
          <p className="small muted">
            {mode === 'sell_off'
              ? t('lotForm.sellOffPreview', { from: formatDateTime(check.startsIso), to: formatDateTime(check.endsIso) })
              : t('court.periodPreview', { from: formatDateTime(check.startsIso), to: formatDateTime(check.endsIso) })}
          </p>
        )}
      </div>
      {serverError !== null && (
        <Alert tone="error" title={t('court.createRefused')} testId="lot-form-server-error">
          {serverViolations.length > 0 ? (
            <ul className="rule-list">{serverViolations.map((v, i) => <li key={i}>{ruleText(v, t)}</li>)}</ul>
          ) : errorText(serverError, t, lang)}
          <p className="small">{t('lotForm.serverFix')}</p>
        </Alert>
      )}
      <div className="btn-row">
        <button type="submit" className="btn btn-primary" data-testid="lot-form-submit" disabled={busy || blocked}>
          {busy ? t('court.creating') : t('court.createLot')}
        </button>
        {onCancel && <button type="button" className="btn btn-light" onClick={onCancel}>{t('common.cancel')}</button>}
        {blocked && <span className="small muted">{t('court.fixFirst')}</span>}
      </div>
      {mode === 'sell_off' && <p className="small muted">{t('lotForm.sellOffRule')}</p>}
    </form>
  );
}

function MoneyField({ id, testId, label, value, onChange, error }: { id: string; testId: string; label: string; value: string; onChange(e: { target: { value: string } }): void; error: ReactNode }) {
  const { lang } = useI18n();
  const clean = cleanMoney(value);
  const wan = lang === 'zh' && isMoneyString(clean) ? formatWanYi(clean) : null;
  const preview = isMoneyString(clean) ? `${formatYuan(clean)}${wan ? `（${wan}）` : ''}` : null;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="input-money">
        <span className="input-prefix" aria-hidden="true">¥</span>
        <input id={id} data-testid={testId} inputMode="decimal" value={value} onChange={onChange} aria-invalid={!!error} aria-describedby={`${id}-preview`} />
      </div>
      <span id={`${id}-preview`} className="hint">{preview}</span>
      {error}
    </div>
  );
}
