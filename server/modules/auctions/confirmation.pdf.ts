import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { Decimal } from 'decimal.js';
import { formatYuan, toChineseCapital } from '../../../shared/money';
import { COURT_TZ_OFFSET_MS } from '../../../shared/rules';

/** The font shipped as an npm dependency (Noto Sans Hans), so the document looks the same on every machine. */
function packagedCjkFont(): string | undefined {
  try {
    const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
    const file = path.join(path.dirname(entry), '..', 'fonts', 'NotoSansHans-Regular.otf');
    return fs.existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/** Fonts with Chinese glyphs: the packaged one first, then the system's (Debian: fonts-noto-cjk) should it be missing. */
const PACKAGED_CJK_FONT = packagedCjkFont();
const CJK_FONTS: Array<{ path: string; family?: string }> = [
  ...(PACKAGED_CJK_FONT ? [{ path: PACKAGED_CJK_FONT }] : []),
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', family: 'NotoSerifCJKsc-Regular' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' },
];

/** Sets the first font with Chinese glyphs found; the returned function passes text through, or marks what no font can show. */
export function useCjkFont(doc: PDFKit.PDFDocument): (s: string) => string {
  const font = CJK_FONTS.find((c) => fs.existsSync(c.path));
  if (font?.family) doc.font(font.path, font.family);
  else if (font) doc.font(font.path);
  return (s: string) => (font ? s : s.replace(/[^\x20-\x7E]/g, '?'));
}

const cst = (d: Date) => `${new Date(d.getTime() + COURT_TZ_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ')} (UTC+8)`;

export interface ConfirmationFacts {
  lotId: string; court: string; caseNumber: string; assetTitle: string; assetKind: string; round: string;
  finalPrice: string; deposit: string; bidderCode: string; buyerName: string; buyerIdNumber: string;
  closedAt: Date; balanceDueAt: Date | null; bidLogHead: string; bidCount: number; generatedAt: Date;
}

/** The confirmation of sale (成交确认书, A22) as a PDF buffer. */
export function renderConfirmation(f: ConfirmationFacts): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `成交确认书 Confirmation of sale ${f.lotId}`, Author: f.court } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const text = useCjkFont(doc);
    doc.fontSize(20).text(text('网络司法拍卖成交确认书'), { align: 'center' });
    doc.fontSize(12).text('Confirmation of Sale by Online Judicial Auction', { align: 'center' }).moveDown(1.5);
    const balance = new Decimal(f.finalPrice).minus(f.deposit);
    const rows: Array<[string, string]> = [
      ['法院 Court', f.court],
      ['案号 Case number', f.caseNumber],
      ['标的物 Property', f.assetTitle],
      ['拍卖轮次 Round', f.round === 'sell_off' ? '变卖 Sell-off' : f.round === '2' ? '第二次拍卖 Second auction' : '第一次拍卖 First auction'],
      ['成交价 Final price', `${formatYuan(f.finalPrice)}  ${toChineseCapital(f.finalPrice)}`],
      ['买受人 Buyer', f.buyerName],
      ['身份证号码 ID number', f.buyerIdNumber],
      ['竞买号 Bidder code', f.bidderCode],
      ['成交时间 Sold at', cst(f.closedAt)],
      ['保证金抵作价款 Deposit applied', formatYuan(f.deposit)],
      ['余款 Balance due', `${formatYuan(balance)}${f.balanceDueAt ? `, by ${cst(f.balanceDueAt)}` : ''}`],
      ['出价次数 Bids', String(f.bidCount)],
      ['竞价记录哈希 Bid record head (SHA-256)', f.bidLogHead || '—'],
    ];
    for (const [label, value] of rows) {
      doc.fontSize(10).fillColor('#555').text(text(label));
      doc.fontSize(12).fillColor('#000').text(text(value)).moveDown(0.4);
    }
    doc.moveDown(1).fontSize(10).fillColor('#333').text(text(
      '买受人应在余款期限内将余款交付法院；逾期未付的，保证金不予退还，法院将重新拍卖（《最高人民法院关于人民法院网络司法拍卖若干问题的规定》第二十二、二十四、二十五条）。' +
      ' The buyer pays the balance to the court by the deadline; otherwise the deposit is forfeited and the property is re-auctioned (A22, A24, A25).',
    ));
    doc.moveDown(1).fontSize(9).fillColor('#777').text(`Lot ${f.lotId} · generated ${cst(f.generatedAt)}`);
    doc.end();
  });
}
