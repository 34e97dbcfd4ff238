// The year-end report's labels in Chinese (default) and English, and its number, rate and duration formats.
// The language itself (and its switch) is the dashboard's: i18n.js.
import { getLang, locale, getZone } from '../i18n.js';

/** A weight of the composite score as the rollup header gives it (0.1, 0.25). */
const weight = (v) => new Intl.NumberFormat(locale(), { maximumFractionDigits: 3 }).format(v);

const STRINGS = {
  zh: {
    pageTitle: (year, unit) => `${unit}${year}年度报告`,
    reportTitle: (year) => `${year}年度人大代表网格工作报告`,
    kicker: '年终答卷',
    langToggle: 'EN', print: '打印 / 导出PDF', year: '年度', unit: '单位',
    allStreets: '全区', allCommunities: '全街道', allGrids: '全社区',
    levels: { district: '区', street: '街道', community: '社区', grid: '网格' },
    closed: (at) => `已封账 · ${at}`, open: '未封账（数据仍可能变动）', amended: '修正后',
    readAt: (at) => `数据读取时间：${at}`, period: (from, to) => `统计期：${from}至${to}（按受理月份）`,
    noData: '暂无数据',
    sections: {
      overview: '总体情况', months: '月度受理与解决', categories: '问题分类', channels: '反映渠道',
      streets: '街道排名', communities: '社区排名', grids: '网格排名', notes: '说明',
    },
    figures: {
      received: '收到', accepted: '受理', resolved: '解决', closedUnresolved: '办结未解决', open: '在办',
      decided: '已决', reopened: '重新办理', rated: '已评价',
      resolution: '解决率', response: '响应率', satisfaction: '满意率', weightedSatisfaction: '加权满意率', composite: '综合得分',
      meanToResolve: '平均办结时长', p90ToResolve: '90%办结时长', meanToRespond: '平均响应时长',
    },
    unitCol: '名称', rankCol: '全区排名', streetCol: '所属街道', communityCol: '所属社区', category: '类别', channel: '渠道', month: '月份',
    chartMonths: '月度受理与解决（按受理月份）', chartCategories: '各类问题受理与解决',
    accepted: '受理', resolved: '解决', resolutionLine: '解决率',
    tooFew: (n) => `样本不足，不参与排名（已决少于${n}件）`,
    rankedBy: (w) => `按综合得分排名；综合得分 = ${weight(w.response)}×响应率 + ${weight(w.resolution)}×解决率 + ${weight(w.satisfaction)}×加权满意率。`,
    none: '暂无单位', noSlices: '本年度暂无数据',
    monthShort: (m) => `${m}月`,
    failed: '报告加载失败：', signIn: '登录', tokenLabel: '访问令牌', tokenHint: '粘贴管理员、值班员或大屏令牌（只需一次）',
    commandCenter: '指挥中心', total: '合计', whole: (unit) => unit,
    rankingTitle: { street: '街道排名', community: '社区排名', grid: '网格排名' },
    minimum: (n) => `已决事项不少于${n}件的单位参与排名。`,
    notes: [
      '问题的办理结果计入其受理月份（按区所在时区）。',
      '在办、超期在办为读取时的数值，而非期末数值。',
      '90%办结时长取其所在统计区间的上限，至多为实际值的两倍。',
      '报告按区的现行组织结构汇总，已撤销的单位不计入。',
    ],
    duration: { min: (v) => `${v}分钟`, h: (v) => `${v}小时`, d: (v) => `${v}天`, more: (s) => `${s}以上` },
  },
  en: {
    pageTitle: (year, unit) => `${unit}: ${year} annual report`,
    reportTitle: (year) => `Deputies in the community grids: ${year} annual report`,
    kicker: 'Year-end review',
    langToggle: '中文', print: 'Print / PDF', year: 'Year', unit: 'Unit',
    allStreets: 'Whole district', allCommunities: 'Whole street', allGrids: 'Whole community',
    levels: { district: 'District', street: 'Street', community: 'Community', grid: 'Grid' },
    closed: (at) => `Closed on ${at}`, open: 'Not closed (figures may still change)', amended: 'amended',
    readAt: (at) => `Figures read at ${at}`, period: (from, to) => `Period: ${from} to ${to} (by month of acceptance)`,
    noData: 'no data',
    sections: {
      overview: 'Overview', months: 'Month by month', categories: 'By category', channels: 'By channel',
      streets: 'Streets ranking', communities: 'Communities ranking', grids: 'Grids ranking', notes: 'Notes',
    },
    figures: {
      received: 'Received', accepted: 'Accepted', resolved: 'Resolved', closedUnresolved: 'Closed unresolved', open: 'Open',
      decided: 'Decided', reopened: 'Reopened', rated: 'Rated',
      resolution: 'Resolution', response: 'Response', satisfaction: 'Satisfaction', weightedSatisfaction: 'Weighted satisfaction',
      composite: 'Composite', meanToResolve: 'Mean time to resolve', p90ToResolve: 'P90 time to resolve', meanToRespond: 'Mean time to respond',
    },
    unitCol: 'Name', rankCol: 'District rank', streetCol: 'Street', communityCol: 'Community', category: 'Category', channel: 'Channel', month: 'Month',
    chartMonths: 'Accepted and resolved by month (of acceptance)', chartCategories: 'Accepted and resolved by category',
    accepted: 'Accepted', resolved: 'Resolved', resolutionLine: 'Resolution rate',
    tooFew: (n) => `Too few to rank (fewer than ${n} decided cases)`,
    rankedBy: (w) => `Ranked by composite score = ${weight(w.response)} x response + ${weight(w.resolution)} x resolution + ${weight(w.satisfaction)} x weighted satisfaction.`,
    none: 'No units', noSlices: 'No figures this year',
    monthShort: (m) => new Intl.DateTimeFormat('en-US', { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, m - 1, 1))),
    failed: 'The report could not be loaded: ', signIn: 'Sign in', tokenLabel: 'Access token', tokenHint: 'Paste an admin, operator or display token (once)',
    commandCenter: 'Command center', total: 'Total', whole: (unit) => unit,
    rankingTitle: { street: 'Streets ranking', community: 'Communities ranking', grid: 'Grids ranking' },
    minimum: (n) => `Units with at least ${n} decided cases are ranked.`,
    notes: [
      "Outcomes count in the month their issue was accepted, in the district's time zone.",
      'Open and open past due are read at the time of reading, not at the end of the period.',
      'The 90th percentile is the upper bound of its histogram bucket (at most twice the true value).',
      "Figures follow the district's current structure; retired units are not included.",
    ],
    duration: { min: (v) => `${v} min`, h: (v) => `${v} h`, d: (v) => `${v} d`, more: (s) => `> ${s}` },
  },
};

/** A label (a function label is called with the arguments); a dotted key reads a nested table. */
export function s(key, ...args) {
  const find = (table) => key.split('.').reduce((v, k) => v?.[k], table);
  const v = find(STRINGS[getLang()]) ?? find(STRINGS.zh) ?? key;
  return typeof v === 'function' ? v(...args) : v;
}

export const int = (n) => new Intl.NumberFormat(locale(), { maximumFractionDigits: 0 }).format(n ?? 0);

/** A rate as the API shows it ("98.6%"), or "暂无数据" / "no data". */
export const rate = (r) => (r && r.value !== null && r.value !== undefined ? r.display : s('noData'));

/** A duration from its minutes: minutes under an hour, hours under two days, else days; one decimal. */
export function duration(d) {
  if (!d || d.minutes === null || d.minutes === undefined) return s('noData');
  const one = (v) => new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(v);
  const m = d.minutes;
  const text = m < 60 ? s('duration.min', one(m)) : m < 48 * 60 ? s('duration.h', one(m / 60)) : s('duration.d', one(m / 1440));
  return d.moreThan ? s('duration.more', text) : text;
}

/** A date (and time) in the district's time zone (the rollup header's, see setZone). */
export const dateTime = (iso) =>
  new Intl.DateTimeFormat(locale(), { timeZone: getZone(), dateStyle: 'long', timeStyle: 'short', hour12: false }).format(new Date(iso));
export const date = (iso) => new Intl.DateTimeFormat(locale(), { timeZone: getZone(), dateStyle: 'long' }).format(new Date(iso));

/** A month key (202503) as "2025年3月" / "March 2025". */
export const monthName = (key) =>
  new Intl.DateTimeFormat(locale(), { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(Math.floor(key / 100), (key % 100) - 1, 1)));
