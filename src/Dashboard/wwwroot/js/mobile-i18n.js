// Labels of the mobile pages (deputy workbench, resident report and tracking), Chinese by default, English switchable.
// The language choice is shared with the command center (i18n.js keeps it in localStorage).
import { getLang, setLang, onLangChange, locale, getZone, setZone } from './i18n.js';
import { categoryName, categories, loadCategories } from './categories.js';

export { getLang, setLang, onLangChange, locale, setZone, categories, loadCategories };

const STRINGS = {
  zh: {
    langToggle: 'EN',
    workbenchTitle: '代表工作台', reportTitle: '我要反映', trackTitle: '办理进度',
    live: '实时', reconnecting: '重连中', offline: '离线', connecting: '连接中',
    signIn: '登录', signOut: '退出', tokenLabel: '代表令牌', tokenHint: '粘贴您的代表令牌（只需一次）',
    notDeputy: '此页面仅供人大代表使用，请使用代表令牌登录。',
    myIssues: '我的事项', noIssues: '暂无事项', due: '时限', overdueFlag: '已超期', noDue: '无时限',
    newIssue: (title) => `新派单：${title}`,
    back: '返回列表', details: '事项详情', history: '办理记录', loading: '加载中…',
    received: '受理时间', category: '类别', grid: '网格', description: '描述', contact: '联系方式', outcome: '结果',
    note: '说明', notePlaceholder: '办理说明或原因', noteRequired: '请填写说明或原因。',
    actions: { respond: '已联系', start: '开始办理', resolve: '办结（已解决）', close: '办结（未解决）', suspend: '挂起', resume: '恢复办理' },
    done: (a) => `已完成：${a}`,
    street: '街道', community: '社区', pick: '请选择', title: '标题', titlePlaceholder: '一句话说明问题',
    descriptionPlaceholder: '详细情况（可选）', contactName: '联系人（可选）', contactPhone: '电话（可选）',
    submit: '提交', submitted: '已提交，您的查询码：', trackLink: '查看办理进度', missing: '请完整填写街道、社区、网格、类别和标题。',
    codeLabel: '查询码', find: '查询', status: '状态', steps: '办理过程', rateTitle: '请评价办理结果', rate: '提交评价',
    ratedAs: (r) => `您的评价：${r}`, unknownCode: '未找到该查询码对应的事项。',
    ratings: { satisfied: '满意', basicallySatisfied: '基本满意', unsatisfied: '不满意' },
    statuses: {
      received: '待受理', declined: '不予受理', accepted: '已受理', assigned: '已派单', responded: '已联系', inProgress: '办理中',
      suspended: '挂起', resolved: '已解决', closedUnresolved: '办结（未解决）', voided: '已作废',
    },
    steps_: {
      submit: '提交', accept: '受理', reject: '不予受理', assign: '派单', reassign: '改派', respond: '联系群众', start: '开始办理',
      resolve: '办结（已解决）', close: '办结（未解决）', suspend: '挂起', resume: '恢复办理', reopen: '重新办理', overdue: '超期',
      'response-overdue': '响应超期', 'not-rated': '未评价', void: '作废',
      'rate:satisfied': '评价：满意', 'rate:basicallySatisfied': '评价：基本满意', 'rate:unsatisfied': '评价：不满意',
    },
  },
  en: {
    langToggle: '中文',
    workbenchTitle: 'Deputy workbench', reportTitle: 'Report an issue', trackTitle: 'Track your issue',
    live: 'Live', reconnecting: 'Reconnecting', offline: 'Offline', connecting: 'Connecting',
    signIn: 'Sign in', signOut: 'Sign out', tokenLabel: 'Deputy token', tokenHint: 'Paste your deputy token (once)',
    notDeputy: 'This page is for deputies: sign in with a deputy token.',
    myIssues: 'My issues', noIssues: 'No issues', due: 'due', overdueFlag: 'overdue', noDue: 'no deadline',
    newIssue: (title) => `Newly assigned: ${title}`,
    back: 'Back to the list', details: 'Details', history: 'History', loading: 'Loading…',
    received: 'Received', category: 'Category', grid: 'Grid', description: 'Description', contact: 'Contact', outcome: 'Outcome',
    note: 'Note', notePlaceholder: 'Note or reason', noteRequired: 'Please give a note or reason.',
    actions: { respond: 'Responded', start: 'Start', resolve: 'Resolve', close: 'Close unresolved', suspend: 'Suspend', resume: 'Resume' },
    done: (a) => `Done: ${a}`,
    street: 'Street', community: 'Community', pick: 'Choose', title: 'Title', titlePlaceholder: 'The problem in one line',
    descriptionPlaceholder: 'Details (optional)', contactName: 'Name (optional)', contactPhone: 'Phone (optional)',
    submit: 'Submit', submitted: 'Submitted. Your tracking code:', trackLink: 'Track its progress', missing: 'Please choose street, community, grid, category and a title.',
    codeLabel: 'Tracking code', find: 'Find', status: 'Status', steps: 'Steps', rateTitle: 'How was it handled?', rate: 'Send rating',
    ratedAs: (r) => `Your rating: ${r}`, unknownCode: 'No issue has this tracking code.',
    ratings: { satisfied: 'Satisfied', basicallySatisfied: 'Basically satisfied', unsatisfied: 'Unsatisfied' },
    statuses: {
      received: 'received', declined: 'declined', accepted: 'accepted', assigned: 'assigned', responded: 'responded', inProgress: 'in progress',
      suspended: 'suspended', resolved: 'resolved', closedUnresolved: 'closed unresolved', voided: 'voided',
    },
    steps_: {
      submit: 'submitted', accept: 'accepted', reject: 'declined', assign: 'assigned', reassign: 'reassigned', respond: 'responded',
      start: 'started', resolve: 'resolved', close: 'closed unresolved', suspend: 'suspended', resume: 'resumed', reopen: 'reopened',
      overdue: 'overdue', 'response-overdue': 'response overdue', 'not-rated': 'not rated', void: 'voided',
      'rate:satisfied': 'rated satisfied', 'rate:basicallySatisfied': 'rated basically satisfied', 'rate:unsatisfied': 'rated unsatisfied',
    },
  },
};

const lang = () => (getLang() === 'en' ? 'en' : 'zh');

export function m(key, ...args) {
  const v = STRINGS[lang()][key] ?? STRINGS.zh[key] ?? key;
  return typeof v === 'function' ? v(...args) : v;
}

export const mOf = (table, code) => STRINGS[lang()][table]?.[code] ?? code;
export const category = categoryName;

/** A time in the district's zone (setZone, from the API's answer). */
export const when = (iso) =>
  iso ? new Intl.DateTimeFormat(locale(), { timeZone: getZone(), month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso)) : '';

/** Fills [data-m] elements with their label and wires the language toggle. */
export function translateStatic(toggle, after) {
  const apply = () => {
    document.querySelectorAll('[data-m]').forEach((el) => (el.textContent = m(el.dataset.m)));
    document.querySelectorAll('[data-m-placeholder]').forEach((el) => (el.placeholder = m(el.dataset.mPlaceholder)));
    if (toggle) toggle.textContent = m('langToggle');
    after?.();
  };
  toggle?.addEventListener('click', () => setLang(getLang() === 'en' ? 'zh' : 'en'));
  onLangChange(apply);
  apply();
}

/** The message of a failed API call: the problem details' title, else the status. */
export async function problemOf(response) {
  try {
    const p = await response.json();
    return p.title || p.detail || `${response.status}`;
  } catch {
    return `${response.status} ${response.statusText}`;
  }
}

export const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
};
