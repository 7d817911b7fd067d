/**
 * The demo's pictures and documents: each lot gets a drawing of its kind of property (rendered to JPEG here,
 * no network) and a PDF summary of how its reference price was set, added through the files module like any
 * upload. The drawings are captioned as illustrations: they are not photographs of the property.
 */
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { formatYuan, toChineseCapital } from '../../../shared/money';
import { COURT_TZ_OFFSET_MS } from '../../../shared/rules';
import type { Platform } from '../../app';
import { useCjkFont } from '../auctions/confirmation.pdf';
import type { DemoItem } from './demo.content';

const W = 1200;
const H = 900;

/** A sky, a ground line and a soft shadow under whatever stands on it. */
const backdrop = (sky: [string, string], ground: string, groundY: number) => `
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${sky[0]}"/><stop offset="1" stop-color="${sky[1]}"/></linearGradient>
    <linearGradient id="metal" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#f4f6f8"/><stop offset="0.5" stop-color="#b9c0c7"/><stop offset="1" stop-color="#e6e9ec"/></linearGradient>
    <radialGradient id="shade" cx="0.5" cy="0.5" r="0.5"><stop offset="0" stop-color="#000" stop-opacity="0.28"/><stop offset="1" stop-color="#000" stop-opacity="0"/></radialGradient>
  </defs>
  <rect width="${W}" height="${H}" fill="url(#sky)"/>
  <rect y="${groundY}" width="${W}" height="${H - groundY}" fill="${ground}"/>`;

function grid(x0: number, y0: number, cols: number, rows: number, w: number, h: number, gx: number, gy: number, fill: (c: number, r: number) => string): string {
  let out = '';
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) {
    out += `<rect x="${x0 + c * (w + gx)}" y="${y0 + r * (h + gy)}" width="${w}" height="${h}" rx="2" fill="${fill(c, r)}"/>`;
  }
  return out;
}

const tree = (x: number, y: number, s: number) =>
  `<rect x="${x - 6 * s}" y="${y - 40 * s}" width="${12 * s}" height="${40 * s}" fill="#7a5a3a"/><circle cx="${x}" cy="${y - 70 * s}" r="${42 * s}" fill="#4f8a4b"/><circle cx="${x - 26 * s}" cy="${y - 52 * s}" r="${28 * s}" fill="#5d9a57"/><circle cx="${x + 28 * s}" cy="${y - 50 * s}" r="${26 * s}" fill="#467f43"/>`;

/** An eighteen-storey residential tower, the twelfth floor's flat marked. */
function flat(): string {
  const floors = 18;
  const top = 90;
  const floorH = 38;
  const bottom = top + floors * floorH;
  const windows = grid(392, top + 10, 6, floors, 52, 22, 18, floorH - 22, (c, r) => (floors - r === 12 && c >= 2 && c <= 3 ? '#f2c14e' : (c + r) % 5 === 0 ? '#a9c7de' : '#7fa6c4'));
  const balconies = Array.from({ length: floors }, (_, r) => `<rect x="384" y="${top + r * floorH + 32}" width="432" height="5" fill="#d8d2c6"/>`).join('');
  return `${backdrop(['#8ec5ea', '#dcefff'], '#9bbf85', bottom)}
    <rect x="150" y="${top + 260}" width="180" height="${bottom - top - 260}" fill="#c9c2b6"/>${grid(166, top + 276, 3, 10, 38, 20, 16, 20, () => '#90aec4')}
    <rect x="870" y="${top + 180}" width="200" height="${bottom - top - 180}" fill="#cfc8bc"/>${grid(888, top + 196, 3, 12, 42, 20, 20, 22, () => '#90aec4')}
    <rect x="370" y="${top - 20}" width="460" height="${bottom - top + 20}" fill="#ebe4d6"/>
    <rect x="360" y="${top - 32}" width="480" height="18" fill="#b9452f"/>
    ${windows}${balconies}
    <rect x="372" y="${top + (floors - 12) * floorH + 4}" width="456" height="${floorH - 4}" fill="none" stroke="#d9822b" stroke-width="4" stroke-dasharray="10 6"/>
    <rect x="560" y="${bottom - 70}" width="80" height="70" fill="#6b4e36"/><rect x="540" y="${bottom - 84}" width="120" height="14" fill="#b9452f"/>
    <rect y="${bottom}" width="${W}" height="30" fill="#b8b2a6"/>
    ${tree(110, bottom, 1.1)}${tree(330, bottom, 0.9)}${tree(900, bottom, 1)}${tree(1110, bottom, 1.2)}`;
}

/** A white saloon car from the side, parked. */
function car(): string {
  const y = 640;
  return `${backdrop(['#b9d7ee', '#eef5fb'], '#8d9399', y + 40)}
    <rect x="0" y="${y - 260}" width="${W}" height="260" fill="#d9dee3"/>${grid(40, y - 230, 9, 3, 90, 50, 40, 30, () => '#b6c5d1')}
    <rect y="${y + 40}" width="${W}" height="10" fill="#f0f0f0"/>${Array.from({ length: 6 }, (_, i) => `<rect x="${60 + i * 200}" y="${y + 140}" width="110" height="12" fill="#e8e8e8"/>`).join('')}
    <ellipse cx="600" cy="${y + 52}" rx="430" ry="26" fill="url(#shade)"/>
    <path d="M190 ${y} L190 ${y - 70} Q200 ${y - 110} 280 ${y - 120} L420 ${y - 135} Q500 ${y - 215} 640 ${y - 220} L760 ${y - 218} Q850 ${y - 210} 930 ${y - 130} L1010 ${y - 118} Q1040 ${y - 110} 1040 ${y - 70} L1040 ${y} Z" fill="#f7f7f5" stroke="#9aa0a6" stroke-width="4"/>
    <path d="M450 ${y - 135} Q520 ${y - 200} 630 ${y - 203} L630 ${y - 135} Z" fill="#5c7387"/>
    <path d="M650 ${y - 203} L760 ${y - 200} Q830 ${y - 190} 890 ${y - 135} L650 ${y - 135} Z" fill="#5c7387"/>
    <rect x="640" y="${y - 205}" width="10" height="70" fill="#f7f7f5"/>
    <path d="M200 ${y - 60} L1030 ${y - 60}" stroke="#c4c8cc" stroke-width="3"/>
    <rect x="600" y="${y - 118}" width="40" height="8" rx="4" fill="#9aa0a6"/><rect x="820" y="${y - 118}" width="40" height="8" rx="4" fill="#9aa0a6"/>
    <path d="M1010 ${y - 100} L1040 ${y - 96} L1040 ${y - 78} L1012 ${y - 80} Z" fill="#f2d27a"/>
    <path d="M190 ${y - 96} L214 ${y - 100} L214 ${y - 76} L190 ${y - 74} Z" fill="#c8453a"/>
    ${[330, 880].map((cx) => `<circle cx="${cx}" cy="${y}" r="74" fill="#2b2e33"/><circle cx="${cx}" cy="${y}" r="44" fill="url(#metal)"/><circle cx="${cx}" cy="${y}" r="12" fill="#6d737a"/>`).join('')}`;
}

/** A trading company's shop front: awning, shop window, door and sign board. */
function shop(): string {
  const y = 700;
  return `${backdrop(['#a7cbe6', '#e7f1f9'], '#b9b4aa', y)}
    <rect x="120" y="120" width="960" height="${y - 120}" fill="#e9e2d3"/>
    ${grid(170, 150, 6, 2, 120, 80, 30, 40, () => '#9fbad0')}
    <rect x="120" y="380" width="960" height="70" fill="#1f4e79"/><rect x="150" y="398" width="900" height="34" rx="4" fill="#2f6aa0"/>
    ${Array.from({ length: 12 }, (_, i) => `<path d="M${120 + i * 80} 450 L${200 + i * 80} 450 L${190 + i * 80} 500 L${130 + i * 80} 500 Z" fill="${i % 2 ? '#f4f1ea' : '#c0392b'}"/>`).join('')}
    <rect x="170" y="520" width="420" height="180" fill="#cfe0ec" stroke="#6d6a63" stroke-width="8"/>
    <rect x="200" y="610" width="120" height="60" fill="#d98e3a"/><rect x="340" y="590" width="90" height="80" fill="#5a8f6a"/><rect x="450" y="620" width="110" height="50" fill="#b9452f"/>
    <rect x="640" y="520" width="160" height="180" fill="#5b4636"/><circle cx="780" cy="612" r="7" fill="#e0c070"/>
    <rect x="850" y="520" width="200" height="180" fill="#cfe0ec" stroke="#6d6a63" stroke-width="8"/>
    <rect y="${y}" width="${W}" height="20" fill="#8f8a80"/>
    ${tree(70, y + 10, 0.9)}${tree(1140, y + 10, 0.9)}`;
}

/** A diver's wristwatch, black dial and bezel, steel bracelet. */
function watch(): string {
  const cx = 600;
  const cy = 450;
  const ticks = Array.from({ length: 12 }, (_, i) => {
    const a = (i * Math.PI) / 6;
    const r1 = 150;
    const r2 = i % 3 === 0 ? 118 : 130;
    return `<line x1="${cx + r1 * Math.sin(a)}" y1="${cy - r1 * Math.cos(a)}" x2="${cx + r2 * Math.sin(a)}" y2="${cy - r2 * Math.cos(a)}" stroke="#f1f1e8" stroke-width="${i % 3 === 0 ? 14 : 9}" stroke-linecap="round"/>`;
  }).join('');
  const links = Array.from({ length: 5 }, (_, i) => `<rect x="470" y="${i * 56}" width="260" height="50" rx="6" fill="url(#metal)" stroke="#8d949b" stroke-width="2"/><rect x="470" y="${640 + i * 56}" width="260" height="50" rx="6" fill="url(#metal)" stroke="#8d949b" stroke-width="2"/>`).join('');
  return `${backdrop(['#3c3f44', '#1f2125'], '#2a2c30', H)}
    ${links}
    <ellipse cx="${cx + 12}" cy="${cy + 20}" rx="250" ry="250" fill="url(#shade)"/>
    <circle cx="${cx}" cy="${cy}" r="235" fill="url(#metal)" stroke="#7d848b" stroke-width="4"/>
    <circle cx="${cx}" cy="${cy}" r="212" fill="#15171a"/>
    <circle cx="${cx}" cy="${cy}" r="168" fill="#0c0d0f" stroke="#9aa0a6" stroke-width="4"/>
    <path d="M${cx} ${cy - 205} L${cx - 16} ${cy - 180} L${cx + 16} ${cy - 180} Z" fill="#f1f1e8"/>
    ${ticks}
    <line x1="${cx}" y1="${cy}" x2="${cx + 70}" y2="${cy - 70}" stroke="#e8e8e0" stroke-width="14" stroke-linecap="round"/>
    <line x1="${cx}" y1="${cy}" x2="${cx - 40}" y2="${cy - 130}" stroke="#e8e8e0" stroke-width="9" stroke-linecap="round"/>
    <line x1="${cx}" y1="${cy + 30}" x2="${cx + 110}" y2="${cy + 90}" stroke="#c9c9c0" stroke-width="3"/>
    <circle cx="${cx}" cy="${cy}" r="10" fill="#c9c9c0"/>
    <rect x="${cx + 228}" y="${cy - 22}" width="34" height="44" rx="6" fill="url(#metal)" stroke="#7d848b" stroke-width="2"/>`;
}

/** An open laptop on a desk. */
function laptop(): string {
  return `${backdrop(['#e9edf1', '#d5dbe1'], '#b38b62', 640)}
    <rect y="640" width="${W}" height="16" fill="#9c7651"/>
    <ellipse cx="600" cy="660" rx="420" ry="22" fill="url(#shade)"/>
    <rect x="300" y="210" width="600" height="390" rx="22" fill="#2e3035"/>
    <rect x="322" y="232" width="556" height="340" rx="6" fill="#1b2a3a"/>
    <rect x="322" y="232" width="556" height="340" rx="6" fill="#2d5b8a" opacity="0.55"/>
    <path d="M322 470 Q480 380 620 450 T878 400 L878 572 L322 572 Z" fill="#4b86b8" opacity="0.7"/>
    <rect x="560" y="214" width="80" height="10" rx="5" fill="#111"/>
    <path d="M230 640 L300 600 L900 600 L970 640 Z" fill="#3a3c41"/>
    <rect x="230" y="638" width="740" height="10" rx="5" fill="#26282c"/>
    ${grid(340, 606, 14, 2, 30, 10, 6, 4, () => '#26282c')}`;
}

/** Two cases of liquor and white bottles with red labels. */
function liquor(): string {
  const bottle = (x: number) => `<rect x="${x}" y="380" width="90" height="250" rx="18" fill="#f7f5ef" stroke="#cfc9bc" stroke-width="3"/>
    <rect x="${x + 30}" y="320" width="30" height="70" rx="6" fill="#f7f5ef" stroke="#cfc9bc" stroke-width="3"/><rect x="${x + 26}" y="300" width="38" height="34" rx="6" fill="#b3261e"/>
    <rect x="${x + 8}" y="460" width="74" height="100" rx="6" fill="#c0392b"/><rect x="${x + 18}" y="476" width="54" height="10" fill="#f2c14e"/><rect x="${x + 18}" y="530" width="54" height="8" fill="#f2c14e"/>`;
  return `${backdrop(['#f3efe7', '#e4ddcf'], '#8a6a4a', 630)}
    <ellipse cx="600" cy="640" rx="520" ry="24" fill="url(#shade)"/>
    <rect x="110" y="420" width="330" height="210" fill="#c49a6c" stroke="#8a6a4a" stroke-width="4"/><rect x="110" y="500" width="330" height="36" fill="#b3261e"/>
    <rect x="760" y="420" width="330" height="210" fill="#c49a6c" stroke="#8a6a4a" stroke-width="4"/><rect x="760" y="500" width="330" height="36" fill="#b3261e"/>
    ${bottle(470)}${bottle(640)}`;
}

const DRAWINGS: Record<string, { draw: () => string; zh: string; en: string }> = {
  flat: { draw: flat, zh: '住宅楼外观示意图（非实拍照片）', en: 'Illustration of the building, not a photograph' },
  car: { draw: car, zh: '车辆外观示意图（非实拍照片）', en: 'Illustration of the car, not a photograph' },
  equity: { draw: shop, zh: '公司门店示意图（非实拍照片）', en: 'Illustration of the company\'s shop, not a photograph' },
  watch: { draw: watch, zh: '腕表示意图（非实拍照片）', en: 'Illustration of the watch, not a photograph' },
  laptop: { draw: laptop, zh: '笔记本电脑示意图（非实拍照片）', en: 'Illustration of the laptop, not a photograph' },
  liquor: { draw: liquor, zh: '酒品示意图（非实拍照片）', en: 'Illustration of the liquor, not a photograph' },
};

/** The item's drawing as a JPEG, as a camera would upload it. */
export async function illustration(item: DemoItem): Promise<{ body: Buffer; title: string }> {
  const d = DRAWINGS[item.key] ?? DRAWINGS.car;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${d.draw()}</svg>`;
  const body = await sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
  return { body, title: `${d.zh} · ${d.en}` };
}

const cstDay = (d: Date) => new Date(d.getTime() + COURT_TZ_OFFSET_MS).toISOString().slice(0, 10);
const zhDate = (day: string) => `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

export interface ReferenceFacts { court: string; caseNumber: string; item: DemoItem; decidedAt: Date }

/** The summary of how the reference price was set (参考价确定情况说明), in Chinese with English headings. */
export function referenceSummary(f: ReferenceFacts): Promise<{ body: Buffer; title: string }> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `参考价确定情况说明 Reference price summary · ${f.item.title}`, Author: f.court } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve({ body: Buffer.concat(chunks), title: '参考价确定情况说明（议价） · Reference price summary (negotiated)' }));
    doc.on('error', reject);
    const text = useCjkFont(doc);
    const day = zhDate(cstDay(f.decidedAt));
    doc.fontSize(18).text(text(f.court), { align: 'center' });
    doc.fontSize(20).text(text('参考价确定情况说明'), { align: 'center' });
    doc.fontSize(11).fillColor('#555').text('Summary of how the reference price was set', { align: 'center' }).moveDown(1.5);
    const rows: Array<[string, string]> = [
      ['案号 Case number', f.caseNumber],
      ['标的物 Property', f.item.title],
      ['确定方式 Method', '当事人议价（《最高人民法院关于人民法院确定财产处置参考价若干问题的规定》第四条） Negotiated by the parties'],
      ['参考价 Reference price', `${formatYuan(f.item.reference)}  ${toChineseCapital(f.item.reference)}`],
      ['确定日期 Date', day],
    ];
    for (const [label, value] of rows) {
      doc.fontSize(10).fillColor('#555').text(text(label));
      doc.fontSize(12).fillColor('#000').text(text(value)).moveDown(0.5);
    }
    doc.moveDown(0.8).fontSize(11).fillColor('#222').text(text(
      `本案申请执行人与被执行人于${day}书面议定上述财产的价格，本院依法将议定价格作为参考价。` +
      '网络司法拍卖的起拍价由本院参照参考价确定，第一次拍卖的起拍价不低于参考价的百分之七十。' +
      '本说明为竞买人了解参考价确定情况而公开，不构成对标的物价值、品质或瑕疵的保证。',
    ), { lineGap: 4 });
    doc.moveDown(2).fontSize(11).text(text(f.court), { align: 'right' }).text(text(day), { align: 'right' });
    doc.moveDown(2).fontSize(8).fillColor('#888').text(text('演示平台生成的示例文件 · A sample document generated by the demo platform'));
    doc.end();
  });
}

export interface DemoMedia { photo: { body: Buffer; title: string }; summary: { body: Buffer; title: string } }

/** The item's illustration and reference price summary, rendered (the drawing by sharp, off the main thread). */
export async function renderDemoMedia(facts: ReferenceFacts): Promise<DemoMedia> {
  const [photo, summary] = await Promise.all([illustration(facts.item), referenceSummary(facts)]);
  return { photo, summary };
}

/** Adds rendered media to the asset, as court staff's uploads: the files module checks, sizes and stores them. */
export async function addDemoMedia(p: Platform, assetId: string, media: DemoMedia, staffId: string): Promise<void> {
  await p.services.files.add(assetId, media.photo, staffId);
  await p.services.files.add(assetId, media.summary, staffId);
}

/** Renders the item's illustration and reference price summary and adds them to the asset. */
export async function attachDemoMedia(p: Platform, assetId: string, facts: ReferenceFacts, staffId: string): Promise<void> {
  await addDemoMedia(p, assetId, await renderDemoMedia(facts), staffId);
}
