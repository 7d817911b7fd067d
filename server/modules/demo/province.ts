/**
 * A province-year of finished auctions, for statistics at scale (benchmarks, tests, a large demo).
 *
 * Deterministic: every figure comes from a seeded PRNG (mulberry32), so one seed gives the same courts,
 * prices, outcomes and bids on every run and engine. Only identifiers (row ids, emails, ID numbers, payment
 * references) depend on the `namespace` as well, so two province-years can share one database.
 *
 * The model, per asset: a first auction at 70% of the reference price (A10); if unsold, a second at 80% of
 * the first's start (A26); if that fails, a sell-off at the second's price, or a creditor takeover (以物抵债)
 * that leaves the failed lot unsold. A defaulted sale is re-auctioned in the same round. Sold lots carry
 * their registrations (the winner's deposit applied, the losers' released) and their bids, each chained by
 * the platform's own bid hash, so `npm run audit:verify` holds over the generated rows. Lots carry no audit
 * log entries (their audit head is empty, count 0), and no ledger postings: deposits are online holds,
 * captured for the winner and cancelled for the losers, which leave nothing on the ledger once settled.
 *
 * Rows are written in large set-based inserts (one JSON document per batch, expanded by
 * json_populate_recordset), inside one transaction: a failed run leaves nothing behind.
 */
import crypto from 'node:crypto';
import { Decimal } from 'decimal.js';
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index';
import { inTransaction } from '../../platform/db/index';
import { bidHash } from '../audit/audit.service';
import { newPaymentReference } from '../payments/payment-reference';
import { withResidentIdCheckDigit, ANTI_SNIPING_WINDOW_MS } from '../../../shared/rules';
import type { AssetKind } from '../../../shared/rules';
import { toRateString, type StatsFigures } from '../../../shared/stats';
import { seededRandom } from '../../platform/seeded-random';


class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  float(): number {
    return this.next();
  }
  int(lo: number, hiExclusive: number): number {
    return lo + Math.floor(this.next() * (hiExclusive - lo));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  /** Standard normal by Box–Muller. */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  /** Log-normal with the given median and shape. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [x, w] of items) {
      r -= w;
      if (r < 0) return x;
    }
    return items[items.length - 1][0];
  }
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = Math.floor(this.next() * 256);
    return out;
  }
}

/* ------------------------------------------------------------------ courts */

interface CityCourts { city: string; code: string; weight: number; units: string[] }

/** Zhejiang: the high court, eleven intermediate courts, the basic courts of every district, county and county-level city, and specialised courts. */
const ZHEJIANG: CityCourts[] = [
  { city: '杭州', code: '01', weight: 10, units: ['上城区', '拱墅区', '西湖区', '滨江区', '萧山区', '余杭区', '临平区', '钱塘区', '富阳区', '临安区', '桐庐县', '淳安县', '建德市'] },
  { city: '宁波', code: '02', weight: 8, units: ['海曙区', '江北区', '北仑区', '镇海区', '鄞州区', '奉化区', '余姚市', '慈溪市', '宁海县', '象山县'] },
  { city: '温州', code: '03', weight: 7, units: ['鹿城区', '龙湾区', '瓯海区', '洞头区', '瑞安市', '乐清市', '龙港市', '永嘉县', '平阳县', '苍南县', '文成县', '泰顺县'] },
  { city: '嘉兴', code: '04', weight: 4, units: ['南湖区', '秀洲区', '海宁市', '平湖市', '桐乡市', '嘉善县', '海盐县'] },
  { city: '湖州', code: '05', weight: 3, units: ['吴兴区', '南浔区', '德清县', '长兴县', '安吉县'] },
  { city: '绍兴', code: '06', weight: 5, units: ['越城区', '柯桥区', '上虞区', '诸暨市', '嵊州市', '新昌县'] },
  { city: '金华', code: '07', weight: 5, units: ['婺城区', '金东区', '兰溪市', '义乌市', '东阳市', '永康市', '武义县', '浦江县', '磐安县'] },
  { city: '衢州', code: '08', weight: 2, units: ['柯城区', '衢江区', '江山市', '常山县', '开化县', '龙游县'] },
  { city: '舟山', code: '09', weight: 1, units: ['定海区', '普陀区', '岱山县', '嵊泗县'] },
  { city: '台州', code: '10', weight: 5, units: ['椒江区', '黄岩区', '路桥区', '临海市', '温岭市', '玉环市', '三门县', '天台县', '仙居县'] },
  { city: '丽水', code: '11', weight: 2, units: ['莲都区', '龙泉市', '青田县', '缙云县', '遂昌县', '松阳县', '云和县', '庆元县', '景宁畲族自治县'] },
];
/** Beyond Zhejiang's courts (a larger `courts` option), the neighbouring province's. */
const JIANGSU: CityCourts[] = [
  { city: '南京', code: '01', weight: 9, units: ['玄武区', '秦淮区', '建邺区', '鼓楼区', '浦口区', '栖霞区', '雨花台区', '江宁区', '六合区', '溧水区', '高淳区'] },
  { city: '苏州', code: '05', weight: 9, units: ['姑苏区', '虎丘区', '吴中区', '相城区', '吴江区', '常熟市', '张家港市', '昆山市', '太仓市'] },
  { city: '无锡', code: '02', weight: 6, units: ['梁溪区', '锡山区', '惠山区', '滨湖区', '新吴区', '江阴市', '宜兴市'] },
  { city: '常州', code: '04', weight: 5, units: ['天宁区', '钟楼区', '新北区', '武进区', '金坛区', '溧阳市'] },
  { city: '南通', code: '06', weight: 5, units: ['崇川区', '通州区', '海门区', '如东县', '启东市', '如皋市', '海安市'] },
  { city: '扬州', code: '10', weight: 3, units: ['广陵区', '邗江区', '江都区', '宝应县', '仪征市', '高邮市'] },
  { city: '镇江', code: '11', weight: 2, units: ['京口区', '润州区', '丹徒区', '丹阳市', '扬中市', '句容市'] },
];

export interface Court { name: string; abbr: string; code: string; weight: number }

/** Basic-court name as courts call themselves: 杭州市西湖区人民法院, 建德市人民法院, 桐庐县人民法院. */
function basicCourtName(city: string, unit: string): string {
  return unit.endsWith('区') ? `${city}市${unit}人民法院` : `${unit}人民法院`;
}

function provinceCourts(abbr: string, province: string, cities: CityCourts[], extra: Array<[string, string, number]>): Court[] {
  const out: Court[] = [{ name: `${province}高级人民法院`, abbr, code: '', weight: 0.3 }];
  for (const c of cities) {
    out.push({ name: `${c.city}市中级人民法院`, abbr, code: c.code, weight: c.weight * 0.25 });
    c.units.forEach((u, i) => out.push({ name: basicCourtName(c.city, u), abbr, code: `${c.code}${String(i + 2).padStart(2, '0')}`, weight: c.weight / Math.sqrt(c.units.length) }));
  }
  for (const [name, code, weight] of extra) out.push({ name, abbr, code, weight });
  return out;
}

const ALL_COURTS: Court[] = [
  ...provinceCourts('浙', '浙江省', ZHEJIANG, [['宁波海事法院', '72', 0.6], ['杭州互联网法院', '0192', 0.4], ['杭州铁路运输法院', '7101', 0.2]]),
  ...provinceCourts('苏', '江苏省', JIANGSU, [['南京海事法院', '72', 0.5]]),
];
export const MAX_COURTS = ALL_COURTS.length;

/* ------------------------------------------------------------------ assets */

interface AssetProfile {
  kind: AssetKind;
  weight: number;
  /** Reference price: log-normal median (yuan) and shape. */
  median: number;
  sigma: number;
  min: number;
  /** Popularity: the chance a first auction sells, and how keen the bidding is. */
  sells: number;
  keen: number;
  titles: (r: Rng, place: string) => string;
}

const ESTATES = ['锦绣花园', '阳光城', '金色家园', '翠苑', '绿城桂花园', '滨江花园', '万科城', '东方名苑', '湖畔居', '世纪新城', '春江花月', '龙湖天街', '和平里', '香樟园', '紫金港'];
const CAR_MODELS = ['丰田凯美瑞', '本田雅阁', '大众帕萨特', '别克君威', '奥迪A6L', '宝马5系', '奔驰E级', '比亚迪汉', '特斯拉Model 3', '日产天籁', '吉利博越', '五菱宏光'];
const COMPANY_WORDS = ['联和贸易', '恒信实业', '天宇科技', '宏达建设', '新丰纺织', '海联物流', '金辉置业', '华安机械', '永盛化工', '瑞丰食品'];

const PROFILES: AssetProfile[] = [
  { kind: 'immovable', weight: 52, median: 1_300_000, sigma: 0.75, min: 60_000, sells: 0.64, keen: 1.2,
    titles: (r, p) => `${p}${r.pick(ESTATES)}${r.int(1, 30)}幢${r.int(1, 33)}${String(r.int(1, 4)).padStart(2, '0')}室住宅` },
  { kind: 'immovable', weight: 14, median: 3_500_000, sigma: 1.35, min: 200_000, sells: 0.42, keen: 0.8,
    titles: (r, p) => `${p}${r.pick(['商铺', '写字楼', '厂房及土地使用权', '仓库', '酒店'])}${r.int(1, 30)}号` },
  { kind: 'immovable', weight: 6, median: 180_000, sigma: 0.7, min: 20_000, sells: 0.5, keen: 1,
    titles: (r, p) => `${p}${r.pick(ESTATES)}地下车位${r.int(1, 600)}号` },
  { kind: 'movable', weight: 13, median: 85_000, sigma: 0.8, min: 3_000, sells: 0.66, keen: 1.1,
    titles: (r) => `${2012 + r.int(0, 12)}年${r.pick(CAR_MODELS)}轿车` },
  { kind: 'movable', weight: 6, median: 40_000, sigma: 1.3, min: 1_000, sells: 0.48, keen: 0.9,
    titles: (r) => r.pick(['机器设备一批', '库存货物一批', '黄金饰品一批', '名表一块', '红木家具一批', '字画一幅']) },
  { kind: 'property_right', weight: 7, median: 1_200_000, sigma: 1.7, min: 10_000, sells: 0.35, keen: 0.7,
    titles: (r, p) => `${p}${r.pick(COMPANY_WORDS)}有限公司${r.int(5, 100)}%股权` },
  { kind: 'property_right', weight: 2, median: 250_000, sigma: 1.4, min: 5_000, sells: 0.3, keen: 0.6,
    titles: (r, p) => `${p}${r.pick(COMPANY_WORDS)}有限公司${r.pick(['债权', '租赁权', '商标专用权'])}` },
];
const PROFILE_WEIGHTS = PROFILES.map((p) => [p, p.weight] as const);
/** How many increments a bid raises the price by: mostly one, sometimes a bidder jumps ahead. */
const JUMPS = [[1, 60], [2, 15], [3, 8], [5, 10], [10, 7]] as const;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志强永红海燕文斌鹏飞宇浩俊峰春梅晓东玉兰丹慧琳欣怡子涵梓轩';
const CODE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const REGION_PREFIXES = ['33', '32', '34', '36', '35', '31', '41', '42', '43', '44', '37', '51'];

/* ------------------------------------------------------------------ money */

const HUNDRED = new Decimal(100);
const FIRST_ROUND_RATIO = new Decimal('0.7');
const SECOND_ROUND_RATIO = new Decimal('0.8');
const DEPOSIT_RATIO = new Decimal('0.1');

/** A bid increment as courts set them: about 1% of the start, rounded down to 1, 2 or 5 times a power of ten, at least 100. */
function increment(start: Decimal): Decimal {
  const target = start.div(HUNDRED);
  if (target.lt(100)) return new Decimal(100);
  const exp = target.floor().toFixed(0).length - 1;
  const unit = new Decimal(10).pow(exp);
  const lead = target.div(unit).floor().toNumber();
  const step = lead >= 5 ? 5 : lead >= 2 ? 2 : 1;
  return unit.times(step);
}

/** A reference price as valuers give them: whole yuan, two or three significant figures. */
function roundReference(yuan: number): Decimal {
  const digits = Math.max(0, Math.floor(Math.log10(yuan)) - (yuan >= 1_000_000 ? 2 : 1));
  const unit = new Decimal(10).pow(digits);
  return new Decimal(Math.round(yuan)).div(unit).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).times(unit);
}

/* ------------------------------------------------------------------ options and rows */

export interface ProvinceOptions {
  lots: number;
  courts: number;
  year: number;
  /**
   * Instead of the calendar year: the 365 days before this instant (ms, exclusive; a midnight in UTC+8),
   * with every date of the history (closes, payments, refunds, takeovers) before it. `year` then only
   * dates the case numbers.
   */
  until?: number;
  seed: number;
  /** Makes identifiers (ids, emails, ID numbers, references) unique to this generation; figures do not depend on it. */
  namespace?: string;
  /** Put before every court name, so that a province can be told apart in a shared database (tests). */
  courtPrefix?: string;
  /** Case serials start after this number in every court (to add a province to a database that has one). */
  caseSerialStart?: number;
  /** Synthetic bidders, reused across lots; default one per ten lots (at least 200). */
  bidders?: number;
  /** Lots per insert batch. */
  batchLots?: number;
  onProgress?: (lotsWritten: number) => void;
}

export interface ProvinceResult {
  courts: string[];
  cases: number;
  assets: number;
  lots: number;
  byStatus: Record<'sold' | 'unsold' | 'defaulted', number>;
  byRound: Record<'1' | '2' | 'sell_off', number>;
  creditorTakeovers: number;
  registrations: number;
  bids: number;
  users: number;
  ms: number;
}

type Row = Record<string, unknown>;

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
const MINUTE = 60 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

function hashNamespace(namespace: string): string {
  return crypto.createHash('sha256').update(namespace).digest('hex');
}

/** Writes rows of one table as a single statement: the rows travel as one JSON document (used for the few users, whose roles are an array). */
async function insertJson(db: Db, table: string, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const json = JSON.stringify(rows);
  await reported(table, rows.length, () => db.execute(sql`insert into ${sql.identifier(table)} select * from json_populate_recordset(null::${sql.identifier(table)}, ${json}::json)`));
}

/** The column types each bulk-written table takes, in the order of its rows' keys. */
const COLUMNS: Record<string, Record<string, string>> = {
  cases: { id: 'text', case_number: 'text', court: 'text', applicant: 'text', respondent: 'text', claim_amount: 'numeric', created_by: 'text', created_at: 'timestamptz' },
  assets: { id: 'text', case_id: 'text', title: 'text', kind: 'text', description: 'text', seized_at: 'timestamptz', created_at: 'timestamptz' },
  lots: {
    id: 'text', asset_id: 'text', round: 'text', status: 'text', starting_price: 'numeric', bid_increment: 'numeric', deposit: 'numeric', reference_price: 'numeric',
    starts_at: 'timestamptz', ends_at: 'timestamptz', scheduled_ends_at: 'timestamptz', balance_due_days: 'int', announcement: 'text', announced_at: 'timestamptz',
    notices_sent_at: 'timestamptz', current_price: 'numeric', leading_registration_id: 'text', bid_count: 'int', extension_count: 'int', final_price: 'numeric',
    winner_registration_id: 'text', closed_at: 'timestamptz', seq: 'int', previous_lot_id: 'text', window_ends_at: 'timestamptz', balance_due_at: 'timestamptz',
    balance_paid_at: 'timestamptz', balance_bank_reference: 'text', balance_reference: 'text', defaulted_at: 'timestamptz', creditor_takeover: 'jsonb',
    bid_head: 'text', created_by: 'text', created_at: 'timestamptz', updated_at: 'timestamptz',
  },
  registrations: {
    id: 'text', lot_id: 'text', user_id: 'text', bidder_code: 'text', deposit_status: 'text', deposit_amount: 'numeric', payment_reference: 'text',
    deposit_method: 'text', confirmed_at: 'timestamptz', settled_at: 'timestamptz', created_at: 'timestamptz',
  },
  bids: {
    id: 'text', lot_id: 'text', seq: 'int', registration_id: 'text', user_id: 'text', amount: 'numeric', client_bid_id: 'text', at: 'timestamptz',
    ends_at_after: 'timestamptz', extended: 'boolean', prev_hash: 'text', hash: 'text',
  },
};

/** One element of a PostgreSQL array literal. */
function arrayElement(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * Writes rows of one table as a single statement: each column travels as one array literal and the rows
 * are rebuilt by unnest(). Columns the rows leave out take their defaults.
 */
async function insertRows(db: Db, table: string, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(COLUMNS[table]);
  const arrays = columns.map(([name, type]) => {
    const parts = new Array<string>(rows.length);
    for (let i = 0; i < rows.length; i++) parts[i] = arrayElement(rows[i][name]);
    return sql`${`{${parts.join(',')}}`}::${sql.raw(type)}[]`;
  });
  const names = sql.join(columns.map(([name]) => sql.identifier(name)), sql`, `);
  await reported(table, rows.length, () => db.execute(sql`insert into ${sql.identifier(table)} (${names}) select * from unnest(${sql.join(arrays, sql`, `)})`));
}

async function reported(table: string, count: number, write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (err) {
    // The driver's error carries the whole batch as its parameters: report the cause alone.
    const cause = (err as { cause?: { message?: string; detail?: string } }).cause;
    throw new Error(`writing ${count} ${table} rows failed: ${cause?.message ?? (err as Error).message}${cause?.detail ? ` (${cause.detail})` : ''}`);
  }
}

/* ------------------------------------------------------------------ generator */

interface LotPlan {
  round: '1' | '2' | 'sell_off';
  start: Decimal;
  outcome: 'sold' | 'unsold' | 'defaulted';
  takeover: boolean;
  /** Days from the asset's first close to this lot's close. */
  closeDay: number;
  previous: number | null;
}

export async function generateProvince(db: Db, options: ProvinceOptions): Promise<ProvinceResult> {
  const t0 = performance.now();
  const totalLots = Math.max(1, Math.floor(options.lots));
  const courtCount = Math.max(1, Math.min(MAX_COURTS, Math.floor(options.courts)));
  const namespace = options.namespace ?? `province-${options.seed}-${options.year}`;
  const nsHex = hashNamespace(namespace);
  const rng = new Rng(options.seed);
  // Identifiers draw from their own stream so that the figures depend on the seed only.
  const idRng = new Rng(parseInt(nsHex.slice(8, 16), 16) ^ options.seed);
  const prefix = options.courtPrefix ?? '';
  const batchLots = Math.max(100, options.batchLots ?? 5000);
  const poolSize = Math.max(200, options.bidders ?? Math.ceil(totalLots / 10));

  let counter = 0;
  /** A UUID (version 4 layout) unique to this namespace and row: the namespace's hash, a table tag, a counter. */
  const uuid = (tag: string) => `${nsHex.slice(0, 8)}-${tag}-4${nsHex.slice(8, 11)}-8${nsHex.slice(11, 14)}-${(counter++).toString(16).padStart(12, '0')}`;
  const usedRefs = new Set<string>();
  const reference = (kind: 'deposit' | 'balance') => {
    for (;;) {
      const r = newPaymentReference(kind, (n) => idRng.bytes(n));
      if (!usedRefs.has(r)) {
        usedRefs.add(r);
        return r;
      }
    }
  };

  const yearStart = options.until !== undefined ? options.until - 365 * DAY : Date.UTC(options.year, 0, 1) - 8 * HOUR; // 00:00 on 1 January, UTC+8
  const yearDays = options.until !== undefined ? 365 : Math.round((Date.UTC(options.year + 1, 0, 1) - Date.UTC(options.year, 0, 1)) / DAY);
  /** No date of the history reaches the end of the window (a rolling window ends now, and nothing is in the future). */
  const latest = options.until !== undefined ? options.until - MINUTE : Number.POSITIVE_INFINITY;
  const upTo = (ms: number) => Math.min(ms, latest);

  // Courts: the high court and intermediate courts first, then basic courts, in list order.
  const courts = ALL_COURTS.slice(0, courtCount).map((c) => ({ ...c, name: `${prefix}${c.name}`, weight: c.weight * Math.exp(0.5 * rng.normal()) }));
  const courtWeights = courts.map((c) => [c, c.weight] as const);
  const caseSerial = new Map<string, number>();

  const result: ProvinceResult = {
    courts: courts.map((c) => c.name), cases: 0, assets: 0, lots: 0, byStatus: { sold: 0, unsold: 0, defaulted: 0 },
    byRound: { '1': 0, '2': 0, sell_off: 0 }, creditorTakeovers: 0, registrations: 0, bids: 0, users: 0, ms: 0,
  };

  await inTransaction(db, async (tx) => {
    // Staff who created the cases and lots, and the pool of verified bidders.
    const staffId = uuid('0001');
    const createdAt = iso(yearStart - 400 * DAY);
    const users: Row[] = [{
      id: staffId, email: `court-staff-${nsHex.slice(0, 12)}@province.court`, name: `${prefix}执行局 Enforcement staff`, password_hash: '!', roles: '{court_staff}',
      real_name: null, id_number: null, identity_verified_at: null, created_at: createdAt,
    }];
    const regionBase = parseInt(nsHex.slice(16, 20), 16) % 10000;
    const pool: Array<{ id: string }> = [];
    for (let i = 0; i < poolSize; i++) {
      const id = uuid('0002');
      const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[idRng.int(0, GIVEN.length)]}${idRng.chance(0.6) ? GIVEN[idRng.int(0, GIVEN.length)] : ''}`;
      const region = `${REGION_PREFIXES[Math.floor(i / 36500) % REGION_PREFIXES.length]}${String((regionBase + Math.floor(i / (36500 * REGION_PREFIXES.length))) % 10000).padStart(4, '0')}`;
      const birth = new Date(Date.UTC(1955, 0, 1) + (i % 36500 % 18250) * DAY).toISOString().slice(0, 10).replace(/-/g, '');
      const seq = String(Math.floor((i % 36500) / 18250) * 500 + idRng.int(0, 500)).padStart(3, '0');
      users.push({
        id, email: `bidder-${nsHex.slice(0, 12)}-${i}@province.example`, name, password_hash: '!', roles: '{bidder}',
        real_name: name, id_number: withResidentIdCheckDigit(`${region}${birth}${seq}`), identity_verified_at: createdAt, created_at: createdAt,
      });
      pool.push({ id });
    }
    for (let i = 0; i < users.length; i += 10_000) await insertJson(tx, 'users', users.slice(i, i + 10_000));
    result.users = users.length;

    let caseRows: Row[] = [];
    let assetRows: Row[] = [];
    let lotRows: Row[] = [];
    let regRows: Row[] = [];
    let bidRows: Row[] = [];
    const flush = async () => {
      await insertRows(tx, 'cases', caseRows);
      await insertRows(tx, 'assets', assetRows);
      await insertRows(tx, 'lots', lotRows);
      for (let i = 0; i < regRows.length; i += 20_000) await insertRows(tx, 'registrations', regRows.slice(i, i + 20_000));
      for (let i = 0; i < bidRows.length; i += 20_000) await insertRows(tx, 'bids', bidRows.slice(i, i + 20_000));
      caseRows = [];
      assetRows = [];
      lotRows = [];
      regRows = [];
      bidRows = [];
      options.onProgress?.(result.lots);
    };

    while (result.lots < totalLots) {
      // A case: one court, one judgment debtor, one to three seized assets.
      const court = rng.weighted(courtWeights);
      const serial = (caseSerial.get(court.name) ?? options.caseSerialStart ?? 0) + rng.int(1, 4);
      caseSerial.set(court.name, serial);
      const caseId = uuid('00ca');
      const debtor = rng.chance(0.55) ? `${rng.pick([...SURNAMES])}某` : `${court.name.slice(prefix.length, prefix.length + 2)}${rng.pick(COMPANY_WORDS)}有限公司`;
      const assetsInCase = rng.weighted([[1, 70], [2, 20], [3, 10]] as const);
      const place = court.name.slice(prefix.length).replace(/(人民法院|中级|高级|海事法院|互联网法院|铁路运输法院)+$/u, '');
      let claim = new Decimal(0);
      const caseStartRow = caseRows.length;
      caseRows.push({
        id: caseId, case_number: `(${options.year - (rng.chance(0.7) ? 1 : 2)})${court.abbr}${court.code}执${serial}号`, court: court.name,
        applicant: rng.pick(['中国工商银行股份有限公司', '中国建设银行股份有限公司', '中国农业银行股份有限公司', '杭州银行股份有限公司', '宁波银行股份有限公司', '某小额贷款有限公司', '某融资租赁有限公司']) + `${place}支行`,
        respondent: debtor, claim_amount: '0', created_by: staffId, created_at: iso(yearStart - 300 * DAY),
      });
      result.cases++;
      for (let a = 0; a < assetsInCase && result.lots < totalLots; a++) {
        const profile = rng.weighted(PROFILE_WEIGHTS);
        const ref = roundReference(Math.max(profile.min, rng.logNormal(profile.median, profile.sigma)));
        claim = claim.plus(ref.times('0.9').toDecimalPlaces(0));
        const assetId = uuid('00a5');
        assetRows.push({
          id: assetId, case_id: caseId, title: profile.titles(rng, place), kind: profile.kind, description: '详见拍卖公告及标的物调查情况表。',
          preserved: false, appraisal_mandatory: false, seized_at: iso(yearStart - 200 * DAY), created_at: iso(yearStart - 200 * DAY),
          valuation_audit_head: '', valuation_audit_count: 0,
        });
        result.assets++;

        // The asset's rounds, decided before any date: the span must fit in the year.
        const plans: LotPlan[] = [];
        const r1 = ref.times(FIRST_ROUND_RATIO).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
        const r2 = r1.times(SECOND_ROUND_RATIO).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
        const gapR2 = (profile.kind === 'movable' ? 8 : 16) + rng.int(1, 14);
        const plan = (round: LotPlan['round'], start: Decimal, sellChance: number, day: number) => {
          let d = day;
          for (;;) {
            const r = rng.float();
            const outcome = r < 0.015 ? 'defaulted' : r < 0.015 + sellChance ? 'sold' : 'unsold';
            plans.push({ round, start, outcome, takeover: false, closeDay: d, previous: plans.length ? plans.length - 1 : null });
            if (outcome !== 'defaulted' || plans.length + result.lots >= totalLots) return outcome;
            d += 25 + rng.int(0, 20); // the re-auction after a buyer's default (A24)
          }
        };
        let outcome = plan('1', r1, profile.sells, 0);
        if (outcome === 'unsold' && rng.chance(0.88) && plans.length + result.lots < totalLots) {
          outcome = plan('2', r2, profile.sells * 0.72, plans[plans.length - 1].closeDay + gapR2);
          if (outcome === 'unsold') {
            if (rng.chance(0.09)) plans[plans.length - 1].takeover = true;
            else if (rng.chance(0.8) && plans.length + result.lots < totalLots) {
              outcome = plan('sell_off', r2, profile.sells * 0.45, plans[plans.length - 1].closeDay + 5 + 60);
              if (outcome === 'unsold' && rng.chance(0.12)) plans[plans.length - 1].takeover = true;
            }
          }
        }
        const span = plans[plans.length - 1].closeDay;
        // In a window that ends now, closes reach yesterday, and a buyer's default (declared 10 days after
        // the close) must fall inside the window too.
        const firstDay = options.until === undefined
          ? rng.int(0, Math.max(1, yearDays - span - 1))
          : rng.int(0, Math.max(1, yearDays - Math.max(span, ...plans.filter((p) => p.outcome === 'defaulted').map((p) => p.closeDay + 11))));
        const lotIds: string[] = [];
        for (const p of plans) {
          if (result.lots >= totalLots) break;
          lotIds.push(writeLot(p, profile, assetId, ref, firstDay, lotIds));
        }
      }
      caseRows[caseStartRow].claim_amount = claim.toFixed(2);
      if (lotRows.length >= batchLots) await flush();
    }
    await flush();

    /** One lot of the plan: its dates, its bidding (registrations and chained bids), its outcome. */
    function writeLot(p: LotPlan, profile: AssetProfile, assetId: string, ref: Decimal, firstDay: number, lotIds: string[]): string {
      const lotId = uuid('0101');
      const start = p.start;
      const inc = increment(start);
      const deposit = Decimal.max(start.times(DEPOSIT_RATIO).div(HUNDRED).floor().times(HUNDRED), new Decimal(1));
      const endHour = rng.pick([10, 10, 10, 14, 15, 16]); // UTC+8
      const scheduledEnd = yearStart + (firstDay + p.closeDay) * DAY + endHour * HOUR;
      const sellOff = p.round === 'sell_off';
      const announceDays = p.round === '1' ? (profile.kind === 'movable' ? 15 : 30) : p.round === '2' ? (profile.kind === 'movable' ? 7 : 15) : 7;
      const sold = p.outcome !== 'unsold';
      // A sell-off's 60-day window opens with its announcement; the first bid opens a 24-hour round in it.
      const windowStart = !sellOff ? null : sold ? scheduledEnd - DAY - rng.int(1, 50) * DAY : scheduledEnd - 60 * DAY;

      // Bidders: one in three sales has a single bidder at the start; popular lots draw dozens.
      let bidders = 0;
      let bidTotal = 0;
      if (sold) {
        const single = sellOff ? 0.7 : p.round === '2' ? 0.45 : 0.35;
        bidders = rng.chance(single) ? 1 : Math.min(60, 2 + Math.floor(rng.logNormal(2 * profile.keen, 0.85)));
        bidTotal = bidders === 1 ? 1 : Math.min(400, bidders + Math.floor(rng.logNormal(2 * bidders * profile.keen, 0.8)));
      }
      const roundStart = sellOff ? (sold ? scheduledEnd - DAY : windowStart!) : scheduledEnd - DAY;
      const startsAt = sellOff ? windowStart! : scheduledEnd - DAY;
      const announcedAt = startsAt - announceDays * DAY - rng.int(0, 3) * DAY;
      const registrants = sold ? bidders + (rng.chance(0.2) ? rng.int(1, 3) : 0) : (rng.chance(0.25) ? rng.int(1, 3) : 0);

      // Registrations: distinct users from the pool, distinct bidder codes on the lot.
      const users = new Set<number>();
      while (users.size < registrants) users.add(idRng.int(0, pool.length));
      const codes = new Set<string>();
      const regs: Array<{ id: string; userId: string; code: string }> = [];
      for (const u of users) {
        let code: string;
        do code = `${CODE_LETTERS[idRng.int(0, CODE_LETTERS.length)]}${idRng.int(1000, 10000)}`; while (codes.has(code));
        codes.add(code);
        regs.push({ id: uuid('0e60'), userId: pool[u].id, code });
      }

      // Bids: every bidder bids at least once; then the lead changes hands until the last bid wins.
      let price = start;
      let end = scheduledEnd;
      let extensions = 0;
      let head = '';
      let leader = -1;
      const extensionBids = bidTotal > 2 ? Math.min(bidTotal - 1, Math.floor(rng.logNormal(0.6 * Math.sqrt(bidTotal), 1))) : 0;
      const calm = bidTotal - extensionBids;
      const calmTimes: number[] = [];
      for (let i = 0; i < calm; i++) calmTimes.push(roundStart + HOUR + Math.floor(rng.float() * (scheduledEnd - roundStart - HOUR - ANTI_SNIPING_WINDOW_MS - MINUTE)));
      calmTimes.sort((x, y) => x - y);
      const order = Array.from({ length: bidders }, (_, i) => i);
      for (let i = order.length - 1; i > 0; i--) {
        const j = rng.int(0, i + 1);
        [order[i], order[j]] = [order[j], order[i]];
      }
      for (let s = 0; s < bidTotal; s++) {
        let who: number;
        if (s < bidders) who = order[s];
        else {
          who = rng.int(0, bidders - 1);
          if (who >= leader) who++;
        }
        if (s > 0) {
          const jump = rng.weighted(JUMPS);
          price = price.plus(inc.times(jump));
        }
        let at: number;
        let extended = false;
        if (s < calm) at = calmTimes[s];
        else {
          at = end - ANTI_SNIPING_WINDOW_MS + 1000 + rng.int(0, ANTI_SNIPING_WINDOW_MS - 2000);
          end = at + ANTI_SNIPING_WINDOW_MS;
          extended = true;
          extensions++;
        }
        const amount = price.toFixed(2);
        const bidAt = new Date(at);
        const hash = bidHash({ lotId, seq: s + 1, bidderCode: regs[who].code, amount, at: bidAt, prevHash: head });
        bidRows.push({
          id: uuid('0b1d'), lot_id: lotId, seq: s + 1, registration_id: regs[who].id, user_id: regs[who].userId, amount, client_bid_id: `province-${s + 1}`,
          at: bidAt.toISOString(), ends_at_after: iso(end), extended, priority_match: false, prev_hash: head, hash,
        });
        head = hash;
        leader = who;
      }
      const closedAt = sellOff && !sold ? scheduledEnd : end;
      const winner = sold ? regs[leader] : null;
      for (let i = 0; i < regs.length; i++) {
        const r = regs[i];
        const created = announcedAt + rng.int(1, Math.max(2, Math.floor((roundStart - announcedAt) / HOUR))) * HOUR;
        const isWinner = winner !== null && r.id === winner.id;
        const status = isWinner ? (p.outcome === 'defaulted' ? 'forfeited' : 'applied') : 'released';
        // A loser's online hold is cancelled at the close; a few cancellations wait for the provider's retries.
        const settled = upTo(isWinner ? closedAt + (p.outcome === 'defaulted' ? 10 * DAY : 0) : closedAt + (rng.chance(0.97) ? rng.int(1, 30) * MINUTE : rng.int(25, 72) * HOUR));
        regRows.push({
          id: r.id, lot_id: lotId, user_id: r.userId, bidder_code: r.code, deposit_status: status, deposit_amount: deposit.toFixed(2),
          payment_reference: reference('deposit'), deposit_method: 'online', bank_reference: null, payer_account: null,
          confirmed_at: iso(created + 5 * MINUTE), confirmed_by: null, settled_at: iso(settled), priority_rank: null, created_at: iso(created),
        });
      }
      result.registrations += regs.length;
      result.bids += bidTotal;

      const status = p.outcome;
      const finalPrice = sold ? price.toFixed(2) : null;
      const balanceDueAt = sold ? closedAt + 10 * DAY : null;
      lotRows.push({
        id: lotId, asset_id: assetId, valuation_id: null, round: p.round, status, starting_price: start.toFixed(2), bid_increment: inc.toFixed(2),
        deposit: deposit.toFixed(2), reference_price: ref.toFixed(2),
        starts_at: iso(startsAt), ends_at: iso(sellOff && !sold ? scheduledEnd : end), scheduled_ends_at: iso(scheduledEnd),
        balance_due_days: 10, announcement: '本院将在本平台公开拍卖下列财产，详见拍卖公告、竞买须知及标的物调查情况表。', announced_at: iso(announcedAt),
        notices_sent_at: iso(announcedAt - 4 * DAY), current_price: sold ? finalPrice : null, leading_registration_id: winner?.id ?? null,
        bid_count: bidTotal, extension_count: extensions, final_price: finalPrice, winner_registration_id: winner?.id ?? null, closed_at: iso(closedAt),
        seq: bidTotal + 3, suspended_at: null, suspended_remaining_ms: null, suspended_from_status: null, cancel_reason: null,
        previous_lot_id: p.previous === null ? null : lotIds[p.previous] ?? null, window_ends_at: sellOff ? iso(windowStart! + 60 * DAY) : null,
        balance_due_at: balanceDueAt === null ? null : iso(balanceDueAt),
        balance_paid_at: status === 'sold' ? iso(upTo(closedAt + rng.int(1, 10) * DAY)) : null,
        balance_bank_reference: status === 'sold' ? `PROV${nsHex.slice(0, 6).toUpperCase()}${counter.toString(36).toUpperCase()}` : null,
        balance_reference: sold ? reference('balance') : null,
        defaulted_at: status === 'defaulted' ? iso(balanceDueAt! + HOUR) : null,
        creditor_takeover: p.takeover ? { creditor: '申请执行人', price: start.toFixed(2), note: '申请执行人同意以流拍价以物抵债', at: iso(upTo(closedAt + rng.int(3, 20) * DAY)), by: staffId } : null,
        bid_head: head, audit_head: '', audit_count: 0, created_by: staffId, created_at: iso(announcedAt - DAY), updated_at: iso(closedAt),
      });
      result.lots++;
      result.byStatus[status]++;
      result.byRound[p.round]++;
      if (p.takeover) result.creditorTakeovers++;
      return lotId;
    }
  });
  // The planner's statistics of the written tables are stale until autovacuum gets to them (the embedded
  // engine has none): without fresh ones, reads of these lots (the statistics rollup's refresh among them)
  // choose plans for tables a thousandth of their size and take minutes instead of seconds.
  await db.execute(sql`analyze users, cases, assets, lots, registrations, bids`);
  result.ms = Math.round(performance.now() - t0);
  return result;
}

/* ------------------------------------------------------------------ brute force */

export interface BruteForceQuery {
  from: Date;
  to: Date;
  court?: string;
  groupBy?: 'court' | 'month';
  /** Also count losers' deposits and those released within 24 h (slower: two more subqueries per lot). */
  deposits?: boolean;
}

export interface BruteForceRow {
  key: string;
  finished: number;
  sold: number;
  defaulted: number;
  turnover: string;
  starting: string;
  reference: string;
  /** Σ per-lot C29 commission, rounded once to two places. */
  commission: string;
  /** Σ per-lot C29 commission, exact. */
  commissionExact: string;
  finishedByRound: Record<'1' | '2' | 'sell_off', number>;
  unsoldByRound: Record<'1' | '2' | 'sell_off', number>;
  bidders: number;
  bids: number;
  extensions: number;
  losers: number | null;
  losersRefunded24h: number | null;
}

/**
 * The statistics by brute force: one SQL statement over every finished lot in the period, joining lots,
 * assets and cases, with the C29 commission of each sold lot by its bands and the bidders of each lot
 * counted from its bids. It reads no rollup; it is what the statistics module must agree with.
 */
export async function bruteForceStats(db: Db, q: BruteForceQuery): Promise<BruteForceRow[]> {
  const key = q.groupBy === 'court' ? sql`c.court` : q.groupBy === 'month' ? sql`to_char((l.closed_at at time zone 'UTC') + interval '8 hours', 'YYYY-MM')` : sql`''`;
  const p = sql`l.final_price`;
  const c29 = sql`(least(${p}, 2000000) * 0.05 + greatest(least(${p}, 10000000) - 2000000, 0) * 0.03 + greatest(least(${p}, 50000000) - 10000000, 0) * 0.02
    + greatest(least(${p}, 100000000) - 50000000, 0) * 0.01 + greatest(${p} - 100000000, 0) * 0.005)`;
  const deposits = q.deposits
    ? sql`, coalesce(sum((select count(*) from registrations r where r.lot_id = l.id and r.deposit_status = 'released' and r.id is distinct from l.winner_registration_id)), 0)::int as losers,
        coalesce(sum((select count(*) from registrations r where r.lot_id = l.id and r.deposit_status = 'released' and r.id is distinct from l.winner_registration_id
          and coalesce((select max(rf.sent_at) from refunds rf where rf.registration_id = r.id and rf.kind = 'deposit_release'), r.settled_at) <= l.closed_at + interval '24 hours')), 0)::int as refunded`
    : sql``;
  const court = q.court === undefined ? sql`` : sql`and c.court = ${q.court}`;
  const res = await db.execute(sql`
    select ${key} as key,
      count(*)::int as finished,
      count(*) filter (where l.status = 'sold')::int as sold,
      count(*) filter (where l.status = 'defaulted')::int as defaulted,
      coalesce(sum(l.final_price) filter (where l.status = 'sold'), 0)::text as turnover,
      coalesce(sum(l.starting_price) filter (where l.status = 'sold'), 0)::text as starting,
      coalesce(sum(coalesce(l.reference_price, 0)) filter (where l.status = 'sold'), 0)::text as reference,
      coalesce(sum(${c29}) filter (where l.status = 'sold'), 0)::text as commission,
      count(*) filter (where l.round = '1')::int as f1, count(*) filter (where l.round = '1' and l.status = 'unsold')::int as u1,
      count(*) filter (where l.round = '2')::int as f2, count(*) filter (where l.round = '2' and l.status = 'unsold')::int as u2,
      count(*) filter (where l.round = 'sell_off')::int as fs, count(*) filter (where l.round = 'sell_off' and l.status = 'unsold')::int as us,
      coalesce(sum(bd.n), 0)::int as bidders,
      coalesce(sum(l.bid_count), 0)::int as bids,
      coalesce(sum(l.extension_count), 0)::int as extensions
      ${deposits}
    from lots l
      join assets a on a.id = l.asset_id
      join cases c on c.id = a.case_id
      left join lateral (select count(distinct b.registration_id) as n from bids b where b.lot_id = l.id) bd on true
    where l.status in ('sold', 'unsold', 'defaulted') and l.closed_at is not null
      and l.closed_at >= ${q.from.toISOString()} and l.closed_at < ${q.to.toISOString()} ${court}
    group by 1 order by 1`);
  const rows = (res as unknown as { rows: Array<Record<string, unknown>> }).rows;
  return rows.map((r) => ({
    key: String(r.key), finished: Number(r.finished), sold: Number(r.sold), defaulted: Number(r.defaulted),
    turnover: new Decimal(String(r.turnover)).toFixed(2), starting: new Decimal(String(r.starting)).toFixed(2), reference: new Decimal(String(r.reference)).toFixed(2),
    commission: new Decimal(String(r.commission)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2), commissionExact: String(r.commission),
    finishedByRound: { '1': Number(r.f1), '2': Number(r.f2), sell_off: Number(r.fs) },
    unsoldByRound: { '1': Number(r.u1), '2': Number(r.u2), sell_off: Number(r.us) },
    bidders: Number(r.bidders), bids: Number(r.bids), extensions: Number(r.extensions),
    losers: r.losers === undefined ? null : Number(r.losers), losersRefunded24h: r.refunded === undefined ? null : Number(r.refunded),
  }));
}

/** The published figures from a brute-force row (the deposit share only when it was counted). */
export function bruteForceFigures(r: BruteForceRow): Omit<StatsFigures, 'loserDepositsRefundedWithin24hShare'> & { loserDepositsRefundedWithin24hShare?: string } {
  const d = (x: string | number) => new Decimal(x);
  const turnover = d(r.turnover), starting = d(r.starting), reference = d(r.reference);
  const out = {
    lotsFinished: r.finished,
    lotsSold: r.sold,
    lotsDefaulted: r.defaulted,
    successRate: toRateString(d(r.sold), d(r.finished)),
    turnover: r.turnover,
    startingTotal: r.starting,
    referenceTotal: r.reference,
    premiumOverStarting: toRateString(turnover.minus(starting), starting),
    premiumOverReference: toRateString(turnover.minus(reference), reference),
    realisationRate: toRateString(turnover, reference),
    commissionSaved: r.commission,
    commissionShareOfTurnover: toRateString(d(r.commissionExact), turnover),
    unsoldRateByRound: {
      '1': toRateString(d(r.unsoldByRound['1']), d(r.finishedByRound['1'])),
      '2': toRateString(d(r.unsoldByRound['2']), d(r.finishedByRound['2'])),
      sell_off: toRateString(d(r.unsoldByRound.sell_off), d(r.finishedByRound.sell_off)),
    },
    biddersPerLot: toRateString(d(r.bidders), d(r.finished)),
    bidsPerLot: toRateString(d(r.bids), d(r.finished)),
    extensionsPerLot: toRateString(d(r.extensions), d(r.finished)),
  };
  return r.losers === null ? out : { ...out, loserDepositsRefundedWithin24hShare: toRateString(d(r.losersRefunded24h ?? 0), d(r.losers)) };
}
