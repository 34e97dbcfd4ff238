// Labels in Chinese (default) and English, and locale-aware number and time formatting.

const STRINGS = {
  zh: {
    title: 'GridGov 人大代表网格指挥中心',
    langToggle: 'EN',
    signIn: '登录', signOut: '退出', yearEndReport: '年度报告', tokenLabel: '访问令牌', tokenHint: '粘贴管理员、值班员或大屏令牌（只需一次）',
    signInFailed: '令牌无效或已过期，请重新登录。',
    live: '实时', reconnecting: '重连中', offline: '离线', connecting: '连接中',
    period: (p) => `${p}年度 · 按受理时间`,
    acceptedToday: '今日受理', acceptedYear: '本年受理', open: '在办', overdue: '超期',
    resolution: '解决率', response: '响应率', satisfaction: '满意率', composite: '综合得分',
    noData: '无数据',
    rankingOf: { district: '街道排名', street: '社区排名', community: '网格排名' },
    byResolution: '按解决率', byComposite: '按综合得分',
    tooFew: '样本不足', decided: (n) => `已决 ${n} 件`, noChildren: '暂无下级单位',
    heat: '网格热力图', heatByResolution: '解决率', heatByOpen: '在办数',
    heatLegendResolution: '低 ← 解决率 → 高', heatLegendOpen: '少 ← 在办数 → 多', heatEmpty: '暂无网格数据',
    openIssues: '在办事项', noOpenIssues: '该网格暂无在办事项', staffOnly: '仅工作人员可查看事项列表。',
    issuesFailed: '事项列表加载失败。', due: '时限', overdueFlag: '已超期',
    feed: '实时动态', alerts: '预警', noEvents: '等待新动态…', noAlerts: '暂无预警',
    trendTitle: '近30天受理与解决（按受理日）', trendAccepted: '受理', trendResolved: '解决', trendRate: '解决率',
    levels: { district: '区', street: '街道', community: '社区', grid: '网格' },
    kinds: {
      accepted: '受理', assigned: '派单', resolved: '解决', closed: '办结（未解决）', reopened: '重新办理',
      ratedUnsatisfied: '不满意评价', overdue: '超期', lowResolution: '解决率低于阈值',
    },
    acknowledge: '确认',
    statuses: {
      received: '待受理', accepted: '已受理', assigned: '已派单', responded: '已联系', inProgress: '办理中', suspended: '挂起',
    },
    scopeError: '无法查看该范围：',
  },
  en: {
    title: 'GridGov Command Center',
    langToggle: '中文',
    signIn: 'Sign in', signOut: 'Sign out', yearEndReport: 'Year-end report', tokenLabel: 'Access token', tokenHint: 'Paste an admin, operator or display token (once)',
    signInFailed: 'The token is invalid or has expired; please sign in again.',
    live: 'Live', reconnecting: 'Reconnecting', offline: 'Offline', connecting: 'Connecting',
    period: (p) => `${p} to date · by acceptance`,
    acceptedToday: 'Accepted today', acceptedYear: 'Accepted this year', open: 'Open', overdue: 'Overdue',
    resolution: 'Resolution rate', response: 'Response rate', satisfaction: 'Satisfaction rate', composite: 'Composite score',
    noData: 'no data',
    rankingOf: { district: 'Streets ranking', street: 'Communities ranking', community: 'Grids ranking' },
    byResolution: 'By resolution', byComposite: 'By composite',
    tooFew: 'Too few to rank', decided: (n) => `${n} decided`, noChildren: 'No units below',
    heat: 'Grid heat', heatByResolution: 'Resolution', heatByOpen: 'Open',
    heatLegendResolution: 'low ← resolution → high', heatLegendOpen: 'few ← open → many', heatEmpty: 'No grid figures yet',
    openIssues: 'Open issues', noOpenIssues: 'This grid has no open issues', staffOnly: 'Only staff can list issues.',
    issuesFailed: 'Could not load the issues.', due: 'due', overdueFlag: 'overdue',
    feed: 'Live events', alerts: 'Alerts', noEvents: 'Waiting for events…', noAlerts: 'No alerts',
    trendTitle: 'Accepted vs resolved, last 30 days (by acceptance day)', trendAccepted: 'Accepted', trendResolved: 'Resolved', trendRate: 'Resolution rate',
    levels: { district: 'District', street: 'Street', community: 'Community', grid: 'Grid' },
    kinds: {
      accepted: 'accepted', assigned: 'assigned', resolved: 'resolved', closed: 'closed unresolved', reopened: 'reopened',
      ratedUnsatisfied: 'rated unsatisfied', overdue: 'overdue', lowResolution: 'resolution below threshold',
    },
    acknowledge: 'Acknowledge',
    statuses: {
      received: 'received', accepted: 'accepted', assigned: 'assigned', responded: 'responded', inProgress: 'in progress', suspended: 'suspended',
    },
    scopeError: 'Cannot show this scope: ',
  },
};

let lang = localStorage.getItem('gridgov.lang') === 'en' ? 'en' : 'zh';
const listeners = [];

export const getLang = () => lang;
export const locale = () => (lang === 'en' ? 'en-US' : 'zh-CN');

export function setLang(next) {
  lang = next === 'en' ? 'en' : 'zh';
  localStorage.setItem('gridgov.lang', lang);
  document.documentElement.lang = locale();
  listeners.forEach((f) => f(lang));
}

export const onLangChange = (f) => listeners.push(f);

/** A label; a function label is called with the arguments. */
export function t(key, ...args) {
  const v = STRINGS[lang][key] ?? STRINGS.zh[key] ?? key;
  return typeof v === 'function' ? v(...args) : v;
}

/** A label from a nested table (kinds, statuses, levels), falling back to the code itself. */
export const tOf = (table, code) => STRINGS[lang][table]?.[code] ?? code;

/** A unit's name in the current language. */
export const nameOf = (u) => (lang === 'en' ? u?.nameEn || u?.name : u?.name || u?.nameEn) ?? '';

export const formatInt = (n) => new Intl.NumberFormat(locale(), { maximumFractionDigits: 0 }).format(n ?? 0);

/** A rate as the server shows it ("98.6%"), or "no data" in the current language. */
export const formatRate = (rate) => (rate && rate.value !== null && rate.value !== undefined ? rate.display : t('noData'));

/** Times are shown in the district's time zone, as the API serves it with the district; until a page sets it, the browser's. */
let zone;
export function setZone(next) {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: next }); // an id the browser does not know leaves the zone as it was
    zone = next || zone;
  } catch {
    /* keep the zone */
  }
}
export const getZone = () => zone;
export const formatTime = (iso) =>
  new Intl.DateTimeFormat(locale(), { timeZone: zone, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(new Date(iso));
export const formatDateTime = (iso) =>
  new Intl.DateTimeFormat(locale(), { timeZone: zone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
/** A day key (20260310) as a short date. */
export function formatDay(day) {
  const d = new Date(Date.UTC(Math.floor(day / 10000), Math.floor(day / 100) % 100 - 1, day % 100));
  return new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', month: 'numeric', day: 'numeric' }).format(d);
}

document.documentElement.lang = locale();
