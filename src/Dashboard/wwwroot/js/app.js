// The command center: signs in, follows one scope live (district -> street -> community -> grid), and
// keeps tiles, ranking, heat view, trend, feed and alerts current from /hubs/live.
import { t, tOf, nameOf, getLang, setLang, onLangChange } from './i18n.js';
import { readFragment, token, setToken, signOut, getJson } from './session.js';
import { startingScope, roles, prepare } from './start.js';
import { createLive } from './live.js';
import { renderTiles } from './views/tiles.js';
import { renderRanking } from './views/ranking.js';
import { renderBreadcrumb } from './views/breadcrumb.js';
import { HeatView } from './views/heat.js';
import { FeedView } from './views/feed.js';
import { TrendView } from './views/trend.js';
import { loadOpenIssues } from './views/issues.js';
import { Units, keyOf, same } from './units.js';

// A page-load marker: tests check that live updates never reload the page.
window.__gridgovLoadId ??= `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

const $ = (sel) => document.querySelector(sel);
const CHILD = { district: 'street', street: 'community', community: 'grid' };

const state = {
  path: [], // [{ scope, id, name, nameEn }], root first
  stats: null, // the StatsChanged shown
  version: -1, // its version: older messages are ignored
  heatScope: null, // the scope whose grids the heat view shows
  nav: 0, // bumps on every navigation; late answers of an older one are dropped
  rankBy: localStorage.getItem('gridgov.rankBy') === 'composite' ? 'composite' : 'resolution',
  connection: 'connecting',
  units: new Units(), // names and parents learnt so far: what drill-down paths are built from
  streetsLoaded: new Set(),
  districtId: null, // whose alert board the alerts list shows
};

const heat = new HeatView(
  $('[data-testid=heat]'),
  $('.heat-legend'),
  (cell) => drillTo(`grid:${cell.gridId}`),
  (communityId) => nameOf(state.units.get(`community:${communityId}`)) || communityId,
  (communityId) => {
    if (state.heatScope?.scope !== 'district') return null;
    const street = state.units.get(state.units.get(`community:${communityId}`)?.parent);
    return street ? { id: street.id, name: nameOf(street) || street.id } : null;
  },
);
heat.by = localStorage.getItem('gridgov.heatBy') === 'open' ? 'open' : 'resolution';
const feed = new FeedView(
  $('[data-testid=feed]'),
  $('[data-testid=alerts]'),
  (gridId) => placeOf(`grid:${gridId}`, current()),
  (gridId) => within(`grid:${gridId}`, current()),
  null,
);
const trend = new TrendView($('[data-testid=trend]'));
let live = null;
let startAt = null;

const current = () => state.path[state.path.length - 1];

// ---- rendering -------------------------------------------------------------------------------------------

function renderLabels() {
  document.title = t('title');
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  $('#lang').textContent = t('langToggle');
  for (const b of document.querySelectorAll('#rank-by button')) b.classList.toggle('on', b.dataset.by === state.rankBy);
  for (const b of document.querySelectorAll('#heat-by button')) b.classList.toggle('on', b.dataset.by === heat.by);
  renderConnection();
}

function renderConnection() {
  const el = $('[data-testid=connection-state]');
  el.dataset.state = state.connection;
  el.querySelector('b').textContent = t(state.connection);
}

function renderScope() {
  const cur = current();
  const s = state.stats;
  renderBreadcrumb($('[data-testid=breadcrumb]'), state.path, (i) => go(state.path.slice(0, i + 1)));
  $('[data-testid=scope-name]').textContent = cur ? `${tOf('levels', cur.scope)} · ${nameOf(cur) || cur.id}` : '';
  $('[data-testid=period]').textContent = s ? t('period', s.period) : '';
  // The year-end report opens on the unit being watched (the report page reads level and id from its address).
  $('[data-testid=yearend-link]').href = cur ? `yearend.html#level=${cur.scope}&id=${encodeURIComponent(cur.id)}` : 'yearend.html';
  renderTiles($('[data-testid=tiles]'), s);
  const isGrid = cur?.scope === 'grid';
  $('#ranking-title').textContent = isGrid ? t('openIssues') : tOf('rankingOf', cur?.scope);
  $('#rank-by').hidden = isGrid;
  $('[data-testid=ranking]').hidden = isGrid;
  $('[data-testid=open-issues]').hidden = !isGrid;
  if (!isGrid) renderRanking($('[data-testid=ranking]'), s, state.rankBy, (child) => go([...state.path, unitOf(CHILD[cur.scope], child)]));
  trend.render(s?.trend ?? []);
}

function showError(message) {
  const el = $('#error');
  el.textContent = message;
  el.hidden = !message;
}

// ---- live messages ---------------------------------------------------------------------------------------

function onStats(msg) {
  const cur = current();
  if (!cur || msg.scope !== cur.scope || msg.id !== cur.id) return;
  if (msg.version < state.version) return; // a full state: an older one adds nothing
  state.version = msg.version;
  state.stats = msg;
  cur.name = msg.name;
  cur.nameEn = msg.nameEn;
  remember(cur, state.path[state.path.length - 2]);
  for (const child of msg.children) remember(unitOf(CHILD[msg.scope], child), cur);
  renderScope();
}

function onHeat(msg) {
  if (!same(state.heatScope, msg)) return;
  rememberGrids(msg.cells);
  heat.update(msg.cells);
}

function rememberGrids(cells) {
  for (const c of cells) remember(unitOf('grid', c), { scope: 'community', id: c.communityId });
}

let issuesRefresh = null;
function onEvent(e) {
  feed.event(e);
  const cur = current();
  if (cur?.scope === 'grid' && e.gridId === cur.id) {
    clearTimeout(issuesRefresh);
    issuesRefresh = setTimeout(showOpenIssues, 300);
  }
}

// ---- navigation ------------------------------------------------------------------------------------------

function unitOf(scope, u) {
  return { scope, id: u.id ?? u.gridId, name: u.name ?? '', nameEn: u.nameEn ?? '' };
}

const remember = (unit, parent) => state.units.remember(unit, parent);
const placeOf = (key, below) => state.units.placeOf(key, below);
const within = (key, scope) => state.units.within(key, scope, state.path[0]);

async function drillTo(key) {
  const path = state.units.pathTo(key, state.path[0]);
  if (path) return go(path);
  // Names not learnt yet: ask the API where the grid is, and let the snapshots fill in the names.
  const id = key.slice('grid:'.length);
  try {
    const grid = await getJson(`/api/grids/${encodeURIComponent(id)}`);
    const root = state.path[0];
    const chain = [
      { scope: 'district', id: grid.districtId },
      { scope: 'street', id: grid.streetId },
      { scope: 'community', id: grid.communityId },
      { scope: 'grid', id: grid.id, name: grid.name, nameEn: grid.nameEn },
    ];
    const from = chain.findIndex((u) => same(u, root));
    if (from < 0) return;
    return go([root, ...chain.slice(from + 1).map((u) => ({ name: '', nameEn: '', ...state.units.get(keyOf(u)), ...u }))]);
  } catch (e) {
    showError(String(e?.message ?? e));
  }
}

async function go(path) {
  const nav = ++state.nav;
  const old = current();
  state.path = path.map((u) => ({ ...u }));
  const cur = current();
  if (!same(old, cur)) {
    state.stats = null;
    state.version = -1;
    if (old) live.invoke('Unsubscribe', old.scope, old.id).catch(() => {});
  }
  renderScope();
  feed.render(); // the feed and alerts of the new scope only
  await subscribe(nav);
}

/** Subscribe to the scope in view and its heat view; on a reconnect too (every Subscribe answers with a fresh snapshot). */
async function subscribe(nav, fresh = false) {
  const cur = current();
  if (!cur || !live) return;
  if (fresh) {
    state.version = -1;
    state.heatScope = null;
  }
  showError('');
  try {
    const snapshot = await live.invoke('Subscribe', cur.scope, cur.id);
    if (nav !== state.nav) return;
    onStats(snapshot);
  } catch (e) {
    if (nav === state.nav) showError(t('scopeError') + (e?.message ?? e));
    return;
  }
  const heatAt = cur.scope === 'grid' ? state.path[state.path.length - 2] : cur;
  if (heatAt && !same(state.heatScope, heatAt)) {
    const previous = state.heatScope;
    state.heatScope = { scope: heatAt.scope, id: heatAt.id };
    if (previous) live.invoke('UnsubscribeHeat', previous.scope, previous.id).catch(() => {});
    try {
      const snapshot = await live.invoke('SubscribeHeat', heatAt.scope, heatAt.id);
      if (same(state.heatScope, snapshot)) {
        rememberGrids(snapshot.cells);
        heat.reset(snapshot.cells);
      }
    } catch (e) {
      showError(t('scopeError') + (e?.message ?? e));
    }
    loadCommunityNames(heatAt);
  }
  heat.select(cur.scope === 'grid' ? cur.id : null);
  if (cur.scope === 'grid') showOpenIssues();
  loadAlerts();
}

/** The open alerts of the district (within the caller's scope), fresh on every subscribe; pushes keep them current. */
async function loadAlerts() {
  try {
    state.districtId ??= await districtOf(state.path[0]);
    if (!state.districtId) return;
    await feed.syncAlerts(() => live.invoke('Alerts', state.districtId));
  } catch {
    /* no alert board: pushed alerts still show */
  }
}

async function districtOf(root) {
  if (root.scope === 'district') return root.id;
  const grid = state.units.all().find((u) => u.scope === 'grid');
  return grid ? (await getJson(`/api/grids/${encodeURIComponent(grid.id)}`)).districtId : null;
}

async function acknowledge(alert) {
  try {
    if (await live.invoke('AcknowledgeAlert', state.districtId, alert.id)) feed.remove(alert.id);
    else feed.renderAlerts();
  } catch (e) {
    showError(String(e?.message ?? e));
    feed.renderAlerts();
  }
}

/** Community names (and their streets) for the heat view's groups; a district's come from its streets. */
async function loadCommunityNames(at) {
  if (at.scope === 'district') {
    const streets = state.units.all().filter((u) => u.scope === 'street' && u.parent === keyOf(at) && !state.streetsLoaded.has(u.id));
    await Promise.all(
      streets.map(async (street) => {
        try {
          const view = await getJson(`/api/streets/${encodeURIComponent(street.id)}`);
          state.streetsLoaded.add(street.id);
          for (const c of view.children) remember(unitOf('community', c), street);
        } catch {
          /* names stay ids */
        }
      }),
    );
  }
  heat.render();
}

function showOpenIssues() {
  const cur = current();
  if (cur?.scope !== 'grid') return;
  const nav = state.nav;
  loadOpenIssues($('[data-testid=open-issues]'), cur.id, () => nav === state.nav);
}

// ---- start -----------------------------------------------------------------------------------------------

async function connect() {
  live?.stop();
  state.districtId = null;
  feed.onAcknowledge = roles().some((r) => r === 'admin' || r === 'operator') ? acknowledge : null;
  live = createLive({
    token,
    onState: (s) => {
      state.connection = s;
      renderConnection();
    },
    onReconnected: () => subscribe(state.nav, true),
    handlers: { StatsChanged: onStats, HeatChanged: onHeat, IssueEvent: onEvent, Alert: (a) => feed.alert(a) },
  });
  live.onUnauthorized(() => showSignIn(t('signInFailed')));
  try {
    await live.start();
    const root = await startingScope(startAt);
    await prepare(root);
    remember(root, null);
    await go([root]);
  } catch (e) {
    if (e?.status === 401 || /\b401\b/.test(String(e?.message))) showSignIn(t('signInFailed'));
    else showError(String(e?.message ?? e));
  }
}

function showSignIn(message = '') {
  const dialog = $('#signin');
  $('#signin-error').textContent = message;
  if (!dialog.open) dialog.showModal();
}

function wire() {
  $('#lang').addEventListener('click', () => setLang(getLang() === 'zh' ? 'en' : 'zh'));
  onLangChange(() => {
    renderLabels();
    renderScope();
    heat.render();
    feed.render();
    showOpenIssues();
  });
  for (const b of document.querySelectorAll('#rank-by button'))
    b.addEventListener('click', () => {
      state.rankBy = b.dataset.by;
      localStorage.setItem('gridgov.rankBy', state.rankBy);
      renderLabels();
      renderScope();
    });
  for (const b of document.querySelectorAll('#heat-by button'))
    b.addEventListener('click', () => {
      heat.setMode(b.dataset.by);
      localStorage.setItem('gridgov.heatBy', heat.by);
      renderLabels();
    });
  $('#signout').addEventListener('click', () => {
    signOut();
    live?.stop();
    live = null;
    showSignIn();
  });
  $('#signin form').addEventListener('submit', (e) => {
    e.preventDefault();
    const value = $('#signin-token').value;
    if (!value.trim()) return;
    setToken(value);
    $('#signin-token').value = '';
    $('#signin').close();
    connect();
  });
}

wire();
startAt = readFragment().district;
renderLabels();
renderScope();
feed.render();
if (token()) connect();
else showSignIn();
