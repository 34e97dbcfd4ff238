// A resident files an issue: street -> community -> grid, category, title, details, optional contact.
import { m, category, categories, loadCategories, translateStatic, problemOf, el, getLang } from './mobile-i18n.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.hash.replace(/^#/, '') || location.search);
const district = params.get('district') || 'demo';
let grids = []; // [{streetId, streetName, streetNameEn, communityId, ...}]

const name = (g, level) => (getLang() === 'en' ? g[`${level}NameEn`] || g[`${level}Name`] : g[`${level}Name`]);
const distinct = (rows, key) => [...new Map(rows.map((r) => [r[key], r])).values()];

function showError(text) {
  $('error').textContent = text ?? '';
  $('error').hidden = !text;
}

function fill(select, rows, idKey, level) {
  const keep = select.value;
  select.replaceChildren(el('option', { value: '' }, m('pick')), ...rows.map((r) => el('option', { value: r[idKey] }, name(r, level))));
  if (rows.some((r) => r[idKey] === keep)) select.value = keep;
  select.disabled = rows.length === 0;
}

function renderPickers() {
  fill($('street'), distinct(grids, 'streetId'), 'streetId', 'street');
  const inStreet = grids.filter((g) => g.streetId === $('street').value);
  fill($('community'), $('street').value ? distinct(inStreet, 'communityId') : [], 'communityId', 'community');
  const inCommunity = inStreet.filter((g) => g.communityId === $('community').value);
  fill($('grid'), $('community').value ? inCommunity : [], 'gridId', 'grid');
  const cat = $('category').value;
  $('category').replaceChildren(el('option', { value: '' }, m('pick')), ...categories().map((c) => el('option', { value: c.id }, category(c.id))));
  $('category').value = cat;
}

$('street').addEventListener('change', () => {
  $('community').value = '';
  $('grid').value = '';
  renderPickers();
});
$('community').addEventListener('change', () => {
  $('grid').value = '';
  renderPickers();
});

$('form').addEventListener('submit', async (e) => {
  e.preventDefault();
  showError('');
  const gridId = $('grid').value;
  const title = $('title').value.trim();
  const cat = $('category').value;
  if (!gridId || !cat || !title) {
    showError(m('missing'));
    return;
  }
  const contactName = $('contact-name').value.trim();
  const contactPhone = $('contact-phone').value.trim();
  $('submit').disabled = true;
  try {
    const response = await fetch('/api/issues', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': idempotencyKey },
      body: JSON.stringify({
        gridId, category: cat, channel: 'online', title,
        description: $('description').value.trim() || null,
        contact: contactName || contactPhone ? { name: contactName || null, phone: contactPhone || null } : null,
      }),
    });
    if (!response.ok) throw new Error(await problemOf(response));
    const issue = await response.json();
    document.querySelector('[data-testid=tracking-code]').textContent = issue.trackingCode;
    $('track-link').href = `track.html#code=${encodeURIComponent(issue.trackingCode)}`;
    $('form').hidden = true;
    $('result').hidden = false;
  } catch (err) {
    showError(err.message);
  } finally {
    $('submit').disabled = false;
  }
});

// One key per filled form: a double tap or a retry after a lost answer files the issue once.
const idempotencyKey = crypto.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;

translateStatic($('lang'), renderPickers);

try {
  const [response] = await Promise.all([
    fetch(`/api/public/districts/${encodeURIComponent(district)}/grids`, { headers: { Accept: 'application/json' } }),
    loadCategories(),
  ]);
  if (!response.ok) throw new Error(await problemOf(response));
  grids = await response.json();
  renderPickers();
  document.body.dataset.ready = 'true';
} catch (err) {
  showError(err.message);
}
