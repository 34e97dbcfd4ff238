// The deputy workbench: my issues by due time, live; details, history and actions of one issue.
import { readFragment, token, setToken, signOut, claims } from './session.js';
import { createLive } from './live.js';
import { m, mOf, category, when, translateStatic, problemOf, el, getLang, setZone, loadCategories } from './mobile-i18n.js';

window.__gridgovLoadId ??= Math.random().toString(36).slice(2);
readFragment();

const $ = (id) => document.getElementById(id);
const list = document.querySelector('[data-testid=issue-list]');
const cards = new Map(); // id -> DeputyCard
let loaded = false; // the first snapshot arrived: later unknown ids are new assignments
let openId = null;
const fresh = new Set();

/** Which actions each status allows a deputy (IssueTransitions); the server has the last word. */
const ACTIONS = {
  assigned: ['respond', 'close', 'suspend'],
  responded: ['start', 'resolve', 'close', 'suspend'],
  inProgress: ['resolve', 'close', 'suspend'],
  suspended: ['resume'],
};
const NEEDS_NOTE = new Set(['resolve', 'close', 'suspend', 'resume']);

// ---- place names: the grid (GET /api/grids/{id}) and its street and community (the public structure) ----

const places = new Map(); // gridId -> { street, community, grid } rows of /api/public, or null while loading
const districts = new Map(); // districtId -> Promise of its public grids

function placeOf(gridId) {
  if (!places.has(gridId)) {
    places.set(gridId, null);
    fetchPlace(gridId).then((row) => {
      places.set(gridId, row);
      renderList();
      if (openId) document.querySelectorAll(`[data-place='${CSS.escape(gridId)}']`).forEach((e) => (e.textContent = placeText(gridId)));
    }).catch(() => {});
  }
  return places.get(gridId);
}

async function fetchPlace(gridId) {
  const grid = await api(`/api/grids/${encodeURIComponent(gridId)}`);
  if (!districts.has(grid.districtId)) {
    districts.set(grid.districtId, fetch(`/api/public/districts/${encodeURIComponent(grid.districtId)}/grids`).then((r) => (r.ok ? r.json() : [])));
  }
  const rows = await districts.get(grid.districtId);
  return rows.find((r) => r.gridId === gridId) ?? { gridName: grid.name, gridNameEn: grid.nameEn };
}

function placeText(gridId) {
  const p = placeOf(gridId);
  if (!p) return gridId;
  const en = getLang() === 'en';
  const pick = (level) => (en ? p[`${level}NameEn`] || p[`${level}Name`] : p[`${level}Name`]);
  return [pick('street'), pick('community'), pick('grid')].filter(Boolean).join(en ? ', ' : ' ');
}

function showError(text) {
  $('error').textContent = text ?? '';
  $('error').hidden = !text;
}

let noticed = null;
function notice(text, id) {
  $('notice').textContent = text;
  $('notice').hidden = false;
  noticed = id;
}
$('notice').addEventListener('click', () => {
  $('notice').hidden = true;
  if (noticed && cards.has(noticed)) openIssue(noticed);
});

const byDue = (a, b) => (a.dueAt ? Date.parse(a.dueAt) : Infinity) - (b.dueAt ? Date.parse(b.dueAt) : Infinity) || a.id.localeCompare(b.id);

function renderList() {
  const items = [...cards.values()].sort(byDue);
  document.querySelector('[data-testid=issue-count]').textContent = String(items.length);
  list.replaceChildren(
    ...(items.length === 0
      ? [el('li', { class: 'empty', 'data-testid': 'no-issues' }, m('noIssues'))]
      : items.map((c) =>
          el('li', {
            class: `card${c.overdue ? ' overdue' : ''}${fresh.has(c.id) ? ' fresh' : ''}`,
            'data-testid': 'issue-item', 'data-id': c.id, 'data-status': c.status, 'data-overdue': String(!!c.overdue),
            tabindex: 0, role: 'button', onclick: () => openIssue(c.id), onkeydown: (e) => e.key === 'Enter' && openIssue(c.id),
          },
          el('div', { class: 't' }, c.title),
          el('div', { class: 'meta' },
            el('span', { class: 'badge', 'data-testid': 'issue-status' }, mOf('statuses', c.status)),
            el('span', {}, category(c.category)),
            el('span', { 'data-testid': 'issue-place' }, placeText(c.gridId)),
            el('span', {}, c.dueAt ? `${m('due')} ${when(c.dueAt)}` : m('noDue')),
            c.overdue ? el('span', { class: 'badge bad', 'data-testid': 'overdue-flag' }, m('overdueFlag')) : null)))),
  );
}

function apply(changed, removed = []) {
  for (const c of changed) {
    const known = cards.get(c.id);
    if (known && known.version > c.version) continue; // an older push arriving late
    if (!known && loaded) {
      fresh.add(c.id);
      setTimeout(() => fresh.delete(c.id), 3000);
      notice(m('newIssue', c.title), c.id);
    }
    cards.set(c.id, c);
  }
  for (const id of removed) cards.delete(id);
  renderList();
}

// ---- one issue ----

async function api(path, init = {}) {
  const response = await fetch(path, {
    ...init,
    headers: { Authorization: `Bearer ${token()}`, Accept: 'application/json', ...(init.body ? { 'Content-Type': 'application/json' } : {}) },
  });
  if (!response.ok) throw new Error(await problemOf(response));
  return response.json();
}

async function openIssue(id) {
  openId = id;
  showError('');
  $('done').hidden = true;
  $('note').value = '';
  $('list-view').hidden = true;
  $('detail-view').hidden = false;
  $('detail').replaceChildren(el('p', {}, m('loading')));
  document.querySelector('[data-testid=history]').replaceChildren();
  window.scrollTo(0, 0);
  await loadIssue(id);
}

async function loadIssue(id) {
  try {
    const [issue, history] = await Promise.all([api(`/api/issues/${encodeURIComponent(id)}`), api(`/api/issues/${encodeURIComponent(id)}/history`)]);
    if (openId !== id) return;
    renderIssue(issue, history);
  } catch (e) {
    showError(e.message);
  }
}

function renderIssue(issue, history) {
  const row = (label, value, testid) => (value ? [el('dt', {}, m(label)), el('dd', { 'data-testid': testid }, value)] : []);
  const contact = issue.contact ? [issue.contact.name, issue.contact.phone].filter(Boolean).join(' ') : '';
  $('detail').replaceChildren(
    el('p', { class: 't', 'data-testid': 'detail-title' }, el('b', {}, issue.title)),
    el('dl', {},
      row('status', mOf('statuses', issue.status), 'detail-status'),
      row('category', category(issue.category), 'detail-category'),
      row('grid', placeText(issue.gridId), 'detail-grid'),
      row('received', when(issue.receivedAt), 'detail-received'),
      row('due', issue.dueAt ? when(issue.dueAt) + (issue.overdue ? ` · ${m('overdueFlag')}` : '') : '', 'detail-due'),
      row('description', issue.description, 'detail-description'),
      row('contact', contact, 'detail-contact'),
      row('outcome', issue.outcome, 'detail-outcome')),
  );
  $('detail').dataset.status = issue.status;
  document.querySelector('[data-testid=detail-grid]')?.setAttribute('data-place', issue.gridId);
  const possible = ACTIONS[issue.status] ?? [];
  $('note-box').hidden = possible.length === 0;
  $('actions').replaceChildren(
    ...possible.map((a) =>
      el('button', { type: 'button', class: a === 'close' || a === 'suspend' ? 'secondary' : null, 'data-testid': `action-${a}`, onclick: () => act(issue.id, a) },
        mOf('actions', a))),
  );
  document.querySelector('[data-testid=history]').replaceChildren(
    ...history.map((h) =>
      el('li', { 'data-testid': 'history-item', 'data-action': h.action },
        el('span', { class: 'at' }, when(h.at)), mOf('steps_', h.action), ' → ', mOf('statuses', h.to),
        h.note ? el('span', { class: 'note' }, h.note) : null)),
  );
}

async function act(id, action) {
  showError('');
  $('done').hidden = true;
  const note = $('note').value.trim();
  if (NEEDS_NOTE.has(action) && !note) {
    showError(m('noteRequired'));
    $('note').focus();
    return;
  }
  const buttons = [...$('actions').querySelectorAll('button')];
  buttons.forEach((b) => (b.disabled = true));
  try {
    const acted = await api(`/api/issues/${encodeURIComponent(id)}/${action}`, { method: 'POST', body: JSON.stringify({ note: note || null }) });
    const i = acted.issue;
    const known = cards.get(id);
    if (known) apply([{ ...known, status: i.status, dueAt: i.dueAt, overdue: i.overdue, version: i.version }]);
    $('note').value = '';
    $('done').textContent = m('done', mOf('actions', action));
    $('done').hidden = false;
    await loadIssue(id);
  } catch (e) {
    showError(e.message);
  } finally {
    buttons.forEach((b) => (b.disabled = false));
  }
}

function backToList() {
  openId = null;
  $('detail-view').hidden = true;
  $('list-view').hidden = false;
  renderList();
}

// ---- live ----

const conn = document.querySelector('[data-testid=connection-state]');
const setState = (state) => {
  conn.dataset.state = state;
  conn.querySelector('b').textContent = m(state);
};

const live = createLive({
  token,
  onState: setState,
  onReconnected: subscribe,
  handlers: { DeputyIssues: (msg) => apply(msg.changed ?? [], msg.removed ?? []) },
});

/** The list is the source of truth: every (re)subscription replaces it. */
async function subscribe() {
  try {
    const snapshot = await live.invoke('SubscribeMyIssues');
    // After a reconnect, ids the old list did not have were assigned meanwhile: they get the notice too.
    const added = loaded ? snapshot.filter((c) => !cards.has(c.id)) : [];
    cards.clear();
    for (const c of snapshot) if (!added.includes(c)) cards.set(c.id, c);
    loaded = true;
    apply(added);
  } catch (e) {
    showError(/deputies/i.test(String(e?.message)) ? m('notDeputy') : String(e?.message ?? e));
  }
}

function askToken() {
  const dialog = $('signin');
  if (!dialog.open) dialog.showModal();
  dialog.querySelector('form').onsubmit = (e) => {
    e.preventDefault();
    setToken($('signin-token').value);
    location.reload();
  };
}

live.onUnauthorized(askToken);
$('back').addEventListener('click', backToList);
$('signout').addEventListener('click', () => {
  signOut();
  location.reload();
});
translateStatic($('lang'), () => {
  setState(conn.dataset.state);
  renderList();
  if (openId) loadIssue(openId);
});

/** Before the list shows: the district's time zone (served with the deputy's view) and the category catalogue. */
const prepare = () => Promise.all([
  api(`/api/deputies/${encodeURIComponent(claims().deputy ?? '')}`).then((d) => setZone(d.timeZone)).catch(() => {}),
  loadCategories().catch(() => {}),
]);

if (!token()) askToken();
else prepare().then(() => live.start()).then(subscribe).catch(() => {});
