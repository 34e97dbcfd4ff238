// The year-end report (年度报告) of the district, a street, a community or a grid: the headline sentence, key
// figures, charts by month and category, rankings by composite score, and a print layout for a clean A4 PDF.
// Address: yearend.html#year=2025&level=street&id=s01&token=... (the token is kept and leaves the address bar).
import { getLang, setLang, onLangChange, nameOf, setZone } from './i18n.js';
import { readFragment, token, setToken, claims, getJson, HttpError } from './session.js';
import { s, int, date, dateTime, monthName } from './yearend/strings.js';
import { loadReport, counts, within, byVolume, BELOW } from './yearend/data.js';
import { renderHeadline } from './yearend/headline.js';
import { renderMonths, renderCategories } from './yearend/charts.js';
import { renderKeyFigures, renderRanking, renderSlices } from './yearend/tables.js';

const $ = (sel) => document.querySelector(sel);
const LEVELS = ['district', 'street', 'community', 'grid'];
const state = { year: null, level: null, id: null, report: null, seq: 0 };

// ---- address --------------------------------------------------------------------------------------------

const defaultYear = () => new Date().getFullYear() - 1; // a year-end report is of a finished year

function fromAddress() {
  const p = new URLSearchParams(location.hash.replace(/^#/, ''));
  const year = Number(p.get('year'));
  const level = p.get('level');
  return {
    year: Number.isInteger(year) && year > 2000 && year < 3000 ? year : null,
    level: LEVELS.includes(level) ? level : null,
    id: p.get('id'),
    district: p.get('district'),
  };
}

function toAddress() {
  const hash = `#year=${state.year}&level=${state.level}&id=${encodeURIComponent(state.id)}`;
  if (location.hash !== hash) history.replaceState(null, '', location.pathname + location.search + hash);
}

/** Where the report starts without level and id: the caller's scope, else the (only or named) district. */
async function startingUnit(district) {
  const scope = claims().scope;
  if (typeof scope === 'string' && scope.includes(':')) {
    const [level, id] = scope.split(':');
    return { level, id };
  }
  if (district) return { level: 'district', id: district };
  const districts = await getJson('/api/districts');
  if (districts.length === 0) throw new Error('no district');
  return { level: 'district', id: districts[0].id };
}

// ---- loading and rendering ------------------------------------------------------------------------------

async function show(year, level, id) {
  Object.assign(state, { year, level, id });
  toAddress();
  const seq = ++state.seq;
  document.body.dataset.state = 'loading';
  showError('');
  try {
    const report = await loadReport(year, level, id);
    if (seq !== state.seq) return;
    state.report = report;
    await render(seq);
  } catch (e) {
    if (seq !== state.seq) return;
    document.body.dataset.state = 'failed';
    if (e instanceof HttpError && e.status === 401) showSignIn();
    else showError(s('failed') + (e?.message ?? e));
  }
}

/** Draws the whole report; the page is "ready" once the charts have finished and the fonts are in. */
async function render(seq = state.seq) {
  const report = state.report;
  if (!report) return;
  document.body.dataset.state = 'loading';
  const { detail } = report;
  const unit = detail.unit;
  const header = detail.header;
  const district = { name: header.districtName, nameEn: header.districtNameEn };
  setZone(header.timeZone); // every date in the district's zone, as the header serves it
  const unitName = unit.level === 'district' ? nameOf(district) : `${nameOf(district)} · ${placeOf(unit)}`;

  labels();
  document.title = s('pageTitle', header.year, unit.level === 'district' ? nameOf(district) : nameOf(unit));
  $('[data-testid=report-title]').textContent = s('reportTitle', header.year);
  $('[data-testid=unit-line]').textContent = unitName;
  renderHeadline($('[data-testid=headline]'), header.year, unit, counts(report));
  $('[data-testid=period]').textContent = `${s('period', monthName(header.fromMonth), monthName(header.toMonth))} · ${s('readAt', dateTime(header.readAt))}`;
  renderClosed(header);
  renderKeyFigures($('[data-testid=key-figures]'), unit);

  const months = (detail.byMonth ?? []).map((m) => ({ ...m, month: Number(m.key) }));
  renderSlices($('#months-table'), 'months-table', s('month'), months, (m) => monthName(m.month), { name: s('total'), figures: unit.figures });
  renderSlices($('#categories-table'), 'categories-table', s('category'), byVolume(detail.byCategory), sliceName);
  renderSlices($('#channels-table'), 'channels-table', s('channel'), byVolume(detail.byChannel), sliceName);
  renderRankings(report);
  renderNotes(header);
  renderPickers(report);
  $('.report').hidden = false;

  await Promise.all([renderMonths($('#chart-months'), months), renderCategories($('#chart-categories'), detail.byCategory ?? [])]);
  await document.fonts.ready;
  if (seq === state.seq) document.body.dataset.state = 'ready';
}

const sliceName = (x) => (getLang() === 'en' ? x.nameEn || x.name : x.name || x.nameEn);

/** A unit's name with its street (and community) above it: "第2街道 · 第1社区". */
function placeOf(u) {
  const lists = state.report?.lists ?? {};
  const find = (level, id) => lists[level]?.units.find((x) => x.id === id);
  const chain = [];
  if (u.level === 'community' || u.level === 'grid') chain.push(find('street', u.streetId));
  if (u.level === 'grid') chain.push(find('community', u.communityId));
  return [...chain.filter(Boolean).map(nameOf), nameOf(u)].join(' · ');
}

/** "已封账 / closed on ..." once the year is closed (a field newer hosts send; older ones leave it out). */
function renderClosed(header) {
  const el = $('[data-testid=closed]');
  const closed = header.closed;
  el.hidden = closed === undefined;
  el.dataset.closed = String(Boolean(closed));
  el.classList.toggle('is-closed', Boolean(closed));
  if (closed) el.textContent = s('closed', closed.closedAt ? date(closed.closedAt) : '') + (closed.closedBy ? ` · ${closed.closedBy}` : '');
  else el.textContent = s('open');
}

function renderRankings(report) {
  const unit = report.detail.unit;
  const levels = BELOW[unit.level];
  ['#ranking-1', '#ranking-2'].forEach((sel, i) => {
    const section = $(sel);
    const level = levels[i];
    const list = level ? report.lists[level] : null;
    section.hidden = !list;
    if (!list) return;
    section.querySelector('h2').textContent = s(`rankingTitle.${level}`);
    const units = list.units.filter((u) => within(unit, u));
    // The column above each row: a community's street in a district report, a grid's community in a street report.
    const above = level === 'community' && unit.level === 'district' ? 'street' : level === 'grid' && unit.level !== 'community' ? 'community' : null;
    const nameIn = (lvl, id) => nameOf(report.lists[lvl]?.units.find((x) => x.id === id)) || id;
    renderRanking(section.querySelector('.ranking-body'), level, units, list.header.minimumDecidedToRank,
      (u) => (above === 'street' ? nameIn('street', u.streetId) : above === 'community' ? nameIn('community', u.communityId) : null),
      above ? s(above === 'street' ? 'streetCol' : 'communityCol') : null);
  });
}

function renderNotes(header) {
  // The formula with the weights the figures were scored with: a closed year's frozen ones, else the configured ones.
  const formula = header.weights ? s('rankedBy', header.weights) : '';
  for (const p of document.querySelectorAll('[data-ranked-by]')) p.textContent = formula;
  const items = [s('minimum', int(header.minimumDecidedToRank)), ...(formula ? [formula] : []), ...s('notes')];
  $('[data-testid=notes] ul').replaceChildren(...items.map((text) => Object.assign(document.createElement('li'), { textContent: text })));
}

// ---- pickers --------------------------------------------------------------------------------------------

function option(value, text, selected) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text;
  o.selected = selected;
  return o;
}

function renderPickers(report) {
  const thisYear = new Date().getFullYear();
  const years = [...new Set([thisYear, ...Array.from({ length: 5 }, (_, i) => thisYear - 1 - i), state.year])].sort((a, b) => b - a);
  $('#pick-year').replaceChildren(...years.map((y) => option(y, getLang() === 'en' ? String(y) : `${y}年`, y === state.year)));

  const unit = report.detail.unit;
  const { street: streets, community: communities, grid: grids } = report.lists;
  const scope = claims().scope;
  const scopeLevel = typeof scope === 'string' ? scope.split(':')[0] : null;
  const streetId = unit.level === 'district' ? '' : unit.streetId;
  const communityId = unit.level === 'community' || unit.level === 'grid' ? unit.communityId : '';

  const street = $('#pick-street');
  street.hidden = !streets || scopeLevel === 'community';
  street.replaceChildren(...(scopeLevel ? [] : [option('', s('allStreets'), streetId === '')]),
    ...(streets?.units ?? []).map((u) => option(u.id, nameOf(u), u.id === streetId)));

  const community = $('#pick-community');
  const inStreet = (communities?.units ?? []).filter((c) => c.streetId === streetId);
  community.hidden = !streetId || inStreet.length === 0;
  community.replaceChildren(...(scopeLevel === 'community' ? [] : [option('', s('allCommunities'), communityId === '')]),
    ...inStreet.map((u) => option(u.id, nameOf(u), u.id === communityId)));

  const grid = $('#pick-grid');
  const inCommunity = (grids?.units ?? []).filter((g) => g.communityId === communityId);
  grid.hidden = !communityId || inCommunity.length === 0;
  grid.replaceChildren(option('', s('allGrids'), unit.level !== 'grid'),
    ...inCommunity.map((u) => option(u.id, nameOf(u), unit.level === 'grid' && u.id === unit.id)));
}

function labels() {
  for (const e of document.querySelectorAll('[data-s]')) e.textContent = s(e.dataset.s);
  $('#lang').textContent = s('langToggle');
}

function showError(message) {
  $('#error').textContent = message;
  $('#error').hidden = !message;
}

function showSignIn() {
  const dialog = $('#signin');
  if (!dialog.open) dialog.showModal();
}

function wire() {
  $('#lang').addEventListener('click', () => setLang(getLang() === 'zh' ? 'en' : 'zh'));
  onLangChange(() => {
    labels();
    render();
  });
  $('#print').addEventListener('click', () => window.print());
  $('#pick-year').addEventListener('change', (e) => show(Number(e.target.value), state.level, state.id));
  $('#pick-street').addEventListener('change', (e) => (e.target.value ? show(state.year, 'street', e.target.value) : show(state.year, 'district', state.report.detail.header.districtId)));
  $('#pick-community').addEventListener('change', (e) => show(state.year, e.target.value ? 'community' : 'street', e.target.value || $('#pick-street').value));
  $('#pick-grid').addEventListener('change', (e) => show(state.year, e.target.value ? 'grid' : 'community', e.target.value || $('#pick-community').value));
  window.addEventListener('hashchange', () => {
    const a = fromAddress();
    if (a.level && a.id && (a.year !== state.year || a.level !== state.level || a.id !== state.id)) show(a.year ?? state.year, a.level, a.id);
  });
  $('#signin form').addEventListener('submit', (e) => {
    e.preventDefault();
    const value = $('#signin-token').value;
    if (!value.trim()) return;
    setToken(value);
    $('#signin').close();
    begin();
  });
}

async function begin() {
  const a = fromAddress();
  try {
    const unit = a.level && a.id ? { level: a.level, id: a.id } : await startingUnit(a.district);
    await show(a.year ?? defaultYear(), unit.level, unit.id);
  } catch (e) {
    document.body.dataset.state = 'failed';
    if (e instanceof HttpError && e.status === 401) showSignIn();
    else showError(s('failed') + (e?.message ?? e));
  }
}

wire();
readFragment();
labels();
if (token()) begin();
else showSignIn();
