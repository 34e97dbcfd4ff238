// A resident follows their issue by its tracking code (#code=...), and rates it once it is closed.
import { m, mOf, category, when, translateStatic, problemOf, el, setZone, loadCategories } from './mobile-i18n.js';

const $ = (id) => document.getElementById(id);
let code = new URLSearchParams(location.hash.replace(/^#/, '') || location.search).get('code') ?? '';
let tracked = null;

function showError(text) {
  $('error').textContent = text ?? '';
  $('error').hidden = !text;
}

function render() {
  document.querySelectorAll('[data-rating]').forEach((s) => (s.textContent = mOf('ratings', s.dataset.rating)));
  if (!tracked) return;
  const i = tracked;
  $('issue').hidden = false;
  $('issue').dataset.status = i.status;
  document.querySelector('[data-testid=tracked-title]').textContent = i.title;
  document.querySelector('[data-testid=tracked-status]').textContent = mOf('statuses', i.status);
  document.querySelector('[data-testid=tracked-category]').textContent = category(i.category);
  document.querySelector('[data-testid=tracked-received]').textContent = when(i.receivedAt);
  document.querySelector('[data-testid=tracked-due]').textContent = i.dueAt ? when(i.dueAt) : '—';
  const rating = document.querySelector('[data-testid=rating]');
  rating.hidden = !i.rating;
  rating.dataset.rating = i.rating ?? '';
  rating.textContent = i.rating ? m('ratedAs', mOf('ratings', i.rating)) : '';
  $('rate').hidden = !i.canRate;
  $('steps-panel').hidden = false;
  document.querySelector('[data-testid=steps]').replaceChildren(
    ...i.steps.map((s) => el('li', { 'data-testid': 'step', 'data-action': s.action },
      el('span', { class: 'at' }, when(s.at)), mOf('steps_', s.action), ' → ', mOf('statuses', s.status))),
  );
}

async function load() {
  showError('');
  if (!code) return;
  $('code').value = code;
  try {
    const response = await fetch(`/api/track/${encodeURIComponent(code)}`, { headers: { Accept: 'application/json' } });
    if (response.status === 404) throw new Error(m('unknownCode'));
    if (!response.ok) throw new Error(await problemOf(response));
    tracked = await response.json();
    setZone(tracked.timeZone);
    await loadCategories().catch(() => {});
    render();
  } catch (e) {
    tracked = null;
    $('issue').hidden = true;
    $('rate').hidden = true;
    $('steps-panel').hidden = true;
    showError(e.message);
  }
}

$('find').addEventListener('submit', (e) => {
  e.preventDefault();
  code = $('code').value.trim();
  history.replaceState(null, '', `${location.pathname}#code=${encodeURIComponent(code)}`);
  load();
});

$('rate').addEventListener('submit', async (e) => {
  e.preventDefault();
  showError('');
  const rating = $('rate').querySelector('input[name=rating]:checked')?.value;
  if (!rating) return;
  const button = $('rate').querySelector('button');
  button.disabled = true;
  try {
    const response = await fetch(`/api/track/${encodeURIComponent(code)}/rate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ rating }),
    });
    if (!response.ok) throw new Error(await problemOf(response));
    tracked = await response.json();
    setZone(tracked.timeZone);
    render();
  } catch (err) {
    showError(err.message);
  } finally {
    button.disabled = false;
  }
});

// Coming back to the page (the resident switched apps) shows the latest status.
document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && load());

translateStatic($('lang'), render);
load();
