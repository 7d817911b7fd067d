/**
 * The demo's property, written as a Chinese court writes its announcements, with the English translation in
 * separate fields: a Chinese page shows only Chinese, an English page only English.
 */
import type { DisclosureInput } from '../../../shared/contract/disclosure';

export const DEMO_COURT = '杭州市西湖区人民法院';

export const DEMO_ANNOUNCEMENT = {
  zh: '杭州市西湖区人民法院将在本平台对下列财产进行网络司法拍卖。依照《最高人民法院关于人民法院网络司法拍卖若干问题的规定》，现公告如下：标的物以实物现状为准，竞买人报名前应仔细阅读竞买须知、瑕疵说明及权利负担情况，并可申请实地看样。',
  en: 'The Xihu District People\'s Court of Hangzhou will sell the property below by online judicial auction on this platform. Under the Provisions on Online Judicial Auctions, the court announces: the property is sold as it stands; before registering, read the bidder\'s notice, the known defects and the encumbrances, and ask to view the property if you wish.',
};

const BIDDERS_NOTICE = {
  biddersNotice: '一、竞买人应具备完全民事行为能力，以本人真实身份参与竞买，并在竞价开始前交纳保证金。\n二、标的物以实物现状为准，本院不承担瑕疵担保责任，竞买人应于竞买前自行查验。\n三、竞价结束前5分钟内有人出价的，竞价结束时间自该出价时点顺延5分钟。\n四、拍卖成交后，买受人应在公告规定的期限内将余款付至本院指定账户；买受人悔拍的，保证金不予退还。\n五、未成交竞买人交纳的保证金在竞价结束后24小时内退还或解冻。',
  biddersNoticeEn: '1. Bidders must have full civil capacity, bid under their own real identity and pay the deposit before bidding starts.\n2. The property is sold as it stands; the court gives no warranty against defects, and bidders should inspect it before bidding.\n3. A bid in the last 5 minutes moves the end to 5 minutes after that bid.\n4. The buyer pays the balance into the court\'s account within the period in this announcement; a buyer who defaults forfeits the deposit.\n5. Losing bidders\' deposits are refunded or unfrozen within 24 hours after bidding ends.',
};
const CONTACT = {
  viewingContact: '西湖区人民法院执行局 王法官，电话 0571-8888 0000（工作日 9:00–17:00）',
  viewingContactEn: 'Judge Wang, Enforcement Bureau, Xihu District People\'s Court, tel. 0571-8888 0000 (working days 9:00–17:00)',
};

export interface DemoItem {
  key: string;
  kind: 'movable' | 'immovable' | 'property_right';
  title: string; titleEn: string;
  description: string; descriptionEn: string;
  reference: string;
  disclosure: DisclosureInput;
}

const carPark = {
  viewingPlace: '杭州市西湖区文三路 100 号 西湖区人民法院停车场',
  viewingPlaceEn: 'Car park of the Xihu District People\'s Court, 100 Wensan Road, Xihu District, Hangzhou',
};
const custody = {
  viewingPlace: '西湖区人民法院执行局涉案财物保管室',
  viewingPlaceEn: 'The property store of the court\'s Enforcement Bureau',
};
const byAppointment = {
  viewingTime: '公告期内工作日 9:00–11:30、14:00–17:00，请提前一日电话预约',
  viewingTimeEn: 'Working days during the announcement, 9:00–11:30 and 14:00–17:00; book by phone a day ahead',
};

export const DEMO_ITEMS = {
  car: {
    key: 'car', kind: 'movable', reference: '120000.00',
    title: '2019款 丰田凯美瑞 2.5L 轿车（浙A·D1234）', titleEn: '2019 Toyota Camry 2.5L sedan (Zhe A·D1234)',
    description: '2019年6月初次登记，表显里程约6.8万公里，白色，自动挡。钥匙一把、机动车登记证书由本院保管。',
    descriptionEn: 'First registered June 2019, about 68,000 km on the odometer, white, automatic. One key and the registration certificate are held by the court.',
    disclosure: {
      knownDefects: '后保险杠有轻微划痕，左后车门有凹陷；未发现泡水、火烧痕迹，发动机及变速箱状况以现状为准。',
      knownDefectsEn: 'Light scratches on the rear bumper and a dent in the rear left door; no sign of flood or fire damage. Engine and gearbox as they stand.',
      encumbrances: '无抵押登记，无租赁；车辆已由本院扣押并停放于法院停车场，截至2026年11月1日无未处理交通违法记录。',
      encumbrancesEn: 'No registered mortgage and no lease; the car is seized and parked at the court. No unsettled traffic offences as of 1 November 2026.',
      taxesAndFees: '过户所需的税费及手续费由买受人承担；如有拍卖前的交通违法罚款，由被执行人承担。',
      taxesAndFeesEn: 'The buyer bears the transfer taxes and fees; any traffic fines from before the auction are borne by the debtor.',
      ...byAppointment, ...carPark, ...CONTACT, ...BIDDERS_NOTICE,
    },
  },
  flat: {
    key: 'flat', kind: 'immovable', reference: '2860000.00',
    title: '西溪花园3幢1202室住宅（建筑面积89.5平方米）', titleEn: 'Flat 1202, Building 3, Xixi Garden (89.5 m²)',
    description: '住宅，建筑面积89.5平方米，共18层第12层，2012年建成，三室一厅一卫，简装修。',
    descriptionEn: 'Residential flat of 89.5 m² on the 12th of 18 floors, built in 2012: three bedrooms, a living room and a bathroom, simply fitted.',
    disclosure: {
      knownDefects: '卫生间顶部有渗水痕迹，次卧墙面局部霉变；其他瑕疵以现状为准。',
      knownDefectsEn: 'Signs of leaking in the bathroom ceiling and some mould on a bedroom wall; otherwise as it stands.',
      encumbrances: '设有抵押，抵押权人为申请执行人，抵押登记于拍卖成交后由本院通知注销；现由被执行人居住使用，本院负责腾退后交付。',
      encumbrancesEn: 'Mortgaged to the applicant creditor; the court will have the mortgage cancelled after the sale. The debtor lives in the flat; the court will deliver it vacant.',
      taxesAndFees: '契税、印花税等买方税费由买受人承担；增值税、个人所得税等卖方税费由被执行人承担。物业费、水电燃气费截至交付之日的欠费由被执行人承担。',
      taxesAndFeesEn: 'The buyer bears the deed tax, stamp duty and other buyer\'s taxes; the seller\'s taxes (VAT, income tax) are borne by the debtor. Arrears of property management, water, power and gas up to delivery are borne by the debtor.',
      viewingTime: '2026年12月每周六 9:00–11:00，由法院组织集中看样',
      viewingTimeEn: 'Every Saturday in December 2026, 9:00–11:00, in a viewing the court organises',
      viewingPlace: '杭州市西湖区西溪花园3幢1202室（小区南门集合）',
      viewingPlaceEn: 'Flat 1202, Building 3, Xixi Garden, Xihu District, Hangzhou (meet at the south gate)',
      ...CONTACT, ...BIDDERS_NOTICE,
    },
  },
  equity: {
    key: 'equity', kind: 'property_right', reference: '1500000.00',
    title: '杭州联和贸易有限公司30%股权', titleEn: '30% equity in Hangzhou Lianhe Trading Co., Ltd.',
    description: '被执行人持有的杭州联和贸易有限公司30%股权，该公司注册资本500万元，主营日用品批发。',
    descriptionEn: 'The debtor\'s 30% share of Hangzhou Lianhe Trading Co., Ltd., registered capital 5,000,000 yuan, a wholesaler of household goods.',
    disclosure: {
      knownDefects: '该公司2025年度财务报表未经审计；本院未掌握公司全部负债情况，竞买人应自行了解公司经营状况。',
      knownDefectsEn: 'The company\'s 2025 accounts are unaudited; the court does not know all of its debts, and bidders should look into its business themselves.',
      encumbrances: '股权已被本院冻结，无质押；公司其他股东依法享有优先购买权。',
      encumbrancesEn: 'The shares are frozen by the court and not pledged; the other shareholders hold a statutory pre-emption right.',
      taxesAndFees: '股权变更登记所需费用及买方应缴税费由买受人承担。',
      taxesAndFeesEn: 'The buyer bears the costs of registering the change of shareholder and the buyer\'s taxes.',
      viewingTime: '公告期内工作日，可预约查阅公司章程、工商登记资料及财务报表',
      viewingTimeEn: 'Working days during the announcement: the articles, registration file and accounts may be read by appointment',
      viewingPlace: '西湖区人民法院执行局第三接待室',
      viewingPlaceEn: 'Reception room 3, Enforcement Bureau, Xihu District People\'s Court',
      ...CONTACT, ...BIDDERS_NOTICE,
    },
  },
  watch: {
    key: 'watch', kind: 'movable', reference: '68000.00',
    title: '劳力士潜航者型 126610LN 腕表', titleEn: 'Rolex Submariner 126610LN watch',
    description: '2021年购买，附原装表盒及保卡，经杭州市质量技术监督检测院鉴定为正品。',
    descriptionEn: 'Bought in 2021, with its box and warranty card; found genuine by the Hangzhou quality inspection institute.',
    disclosure: {
      knownDefects: '表壳及表带有日常佩戴的细微划痕；未做过走时精度检测。',
      knownDefectsEn: 'Fine scratches on the case and bracelet from daily wear; timekeeping has not been tested.',
      encumbrances: '无质押，由本院扣押保管。',
      encumbrancesEn: 'Not pledged; seized and held by the court.',
      taxesAndFees: '无过户税费；自行提取所需费用由买受人承担。',
      taxesAndFeesEn: 'No transfer taxes; the buyer bears the cost of collecting it.',
      ...byAppointment, ...custody, ...CONTACT, ...BIDDERS_NOTICE,
    },
  },
} satisfies Record<string, DemoItem>;

/** What the demo keeps putting up, in turn, so that a lot is always live (movable property: nothing to vacate). */
export const DEMO_ROTATION: DemoItem[] = [
  DEMO_ITEMS.car,
  {
    key: 'laptop', kind: 'movable', reference: '9000.00',
    title: '苹果 MacBook Pro 14英寸笔记本电脑（2023款）', titleEn: 'Apple MacBook Pro 14-inch laptop (2023)',
    description: 'M3 Pro 芯片，18GB 内存，512GB 存储，深空黑色，附原装电源适配器。',
    descriptionEn: 'M3 Pro chip, 18 GB memory, 512 GB storage, space black, with its original power adapter.',
    disclosure: {
      knownDefects: '屏幕右下角有一处亮点，电池循环次数约310次；数据已由本院清除。',
      knownDefectsEn: 'One bright pixel at the lower right of the screen; about 310 battery cycles. The court has erased the data.',
      encumbrances: '无质押，由本院扣押保管。',
      encumbrancesEn: 'Not pledged; seized and held by the court.',
      taxesAndFees: '无过户税费；邮寄费用由买受人承担。',
      taxesAndFeesEn: 'No transfer taxes; the buyer pays for postage.',
      ...byAppointment, ...custody, ...CONTACT, ...BIDDERS_NOTICE,
    },
  },
  {
    key: 'liquor', kind: 'movable', reference: '26000.00',
    title: '贵州茅台酒（53度，500毫升）12瓶', titleEn: 'Kweichow Moutai (53%, 500 ml), 12 bottles',
    description: '2020年生产，原箱包装两箱，每箱6瓶，附购买发票复印件。',
    descriptionEn: 'Made in 2020, two original cases of six bottles each, with a copy of the purchase invoice.',
    disclosure: {
      knownDefects: '其中一瓶外包装盒有破损；酒品真伪及品质未经鉴定，以现状为准。',
      knownDefectsEn: 'The outer box of one bottle is damaged; the liquor has not been authenticated and is sold as it stands.',
      encumbrances: '无质押，由本院扣押保管。',
      encumbrancesEn: 'Not pledged; seized and held by the court.',
      taxesAndFees: '无过户税费；提货运输费用由买受人承担。',
      taxesAndFeesEn: 'No transfer taxes; the buyer pays for collection and transport.',
      ...byAppointment, ...custody, ...CONTACT, ...BIDDERS_NOTICE,
    },
  },
  DEMO_ITEMS.watch,
];
