/**
 * The email of an alert, in Chinese with English below: the platform does not store a reader's language, and
 * the court's bidders read Chinese first. Figures come from the alert's params; nothing names a bidder.
 */
import type { NotificationKind } from '../../../shared/contract/notifications';
import { formatYuan } from '../../../shared/money';

type Params = Record<string, string | number | boolean | null>;

const yuan = (v: unknown) => formatYuan(String(v ?? '0'));
/** Times in the courts' zone, UTC+8, with the zone named. */
function at(v: unknown): string {
  const d = new Date(String(v));
  if (Number.isNaN(d.getTime())) return '';
  const local = new Date(d.getTime() + 8 * 3_600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)} (UTC+8)`;
}

const TEXT: Record<NotificationKind, { zh: (p: Params) => [string, string]; en: (p: Params) => [string, string] }> = {
  lot_starting: {
    zh: (p) => ['拍卖已开始', `您关注或报名的拍卖「${p.title}」已开始，结束时间 ${at(p.endsAt)}。`],
    en: (p) => ['Auction started', `The auction you watch or registered for, "${p.titleEn ?? p.title}", has started; it ends ${at(p.endsAt)}.`],
  },
  outbid: {
    zh: (p) => ['您的出价已被超过', `「${p.title}」当前价 ${yuan(p.currentPrice)}，您已不是最高出价者。${p.lastMinutes ? '拍卖已进入最后五分钟，' : ''}结束时间 ${at(p.endsAt)}。`],
    en: (p) => ['You have been outbid', `"${p.titleEn ?? p.title}" is now at ${yuan(p.currentPrice)} and you no longer lead.${p.lastMinutes ? ' The auction is in its last five minutes;' : ''} It ends ${at(p.endsAt)}.`],
  },
  end_extended: {
    zh: (p) => ['拍卖已延时', `「${p.title}」因最后五分钟内出价而延时，新的结束时间 ${at(p.endsAt)}。`],
    en: (p) => ['Auction extended', `"${p.titleEn ?? p.title}" was extended by a late bid; it now ends ${at(p.endsAt)}.`],
  },
  deposit_held: {
    zh: (p) => ['保证金已到账', `您为「${p.title}」交纳的保证金 ${yuan(p.amount)} 已确认，可以出价。`],
    en: (p) => ['Deposit received', `Your deposit of ${yuan(p.amount)} for "${p.titleEn ?? p.title}" is held; you can bid.`],
  },
  refund_sent: {
    zh: (p) => ['退款已发出', `${p.title ? `「${p.title}」的` : ''}退款 ${yuan(p.amount)} 已汇出，请留意到账。`],
    en: (p) => ['Refund sent', `A refund of ${yuan(p.amount)}${p.title ? ` for "${p.titleEn ?? p.title}"` : ''} has been sent to you.`],
  },
  lot_won: {
    zh: (p) => ['恭喜您竞得拍品', `您以 ${yuan(p.finalPrice)} 竞得「${p.title}」。`],
    en: (p) => ['You won the auction', `You won "${p.titleEn ?? p.title}" at ${yuan(p.finalPrice)}.`],
  },
  balance_due: {
    zh: (p) => ['请支付余款', `「${p.title}」余款 ${yuan(p.amount)}，请于 ${at(p.dueAt)} 前付清（保证金已抵作价款）。`],
    en: (p) => ['Balance due', `The balance of ${yuan(p.amount)} for "${p.titleEn ?? p.title}" is due by ${at(p.dueAt)} (your deposit counts towards the price).`],
  },
  balance_reminder: {
    zh: (p) => ['余款明日到期', `「${p.title}」余款 ${yuan(p.amount)} 尚未付清，付款期限为 ${at(p.dueAt)}；逾期未付将按悔拍处理，保证金不予退还。`],
    en: (p) => ['Balance due tomorrow', `The balance of ${yuan(p.amount)} for "${p.titleEn ?? p.title}" is still unpaid and due by ${at(p.dueAt)}; if it is not paid by then, the sale is treated as a default and the deposit is forfeited.`],
  },
};

export function mailContent(kind: NotificationKind, params: Params, link: string | null): { subject: string; text: string } {
  const t = TEXT[kind];
  const [zhTitle, zhBody] = t.zh(params);
  const [enTitle, enBody] = t.en(params);
  const more = link ? `\n\n查看 / View: ${link}` : '';
  return {
    subject: `${zhTitle} / ${enTitle}`,
    text: `${zhBody}\n\n${enBody}${more}\n\n— 司法拍卖平台 / Judicial auction platform`,
  };
}
