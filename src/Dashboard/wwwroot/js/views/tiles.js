// Headline tiles of the scope in view.
import { t, formatInt, formatRate } from '../i18n.js';

const TILES = [
  ['accepted-today', 'acceptedToday', (s) => formatInt(s.today.accepted)],
  ['accepted-year', 'acceptedYear', (s) => formatInt(s.totals.accepted)],
  ['open', 'open', (s) => formatInt(s.totals.open)],
  ['overdue', 'overdue', (s) => formatInt(s.totals.openOverdue), (s) => s.totals.openOverdue > 0],
  ['resolution', 'resolution', (s) => formatRate(s.rates.resolution)],
  ['response', 'response', (s) => formatRate(s.rates.response)],
  ['satisfaction', 'satisfaction', (s) => formatRate(s.rates.satisfaction)],
  ['composite', 'composite', (s) => formatRate(s.rates.composite)],
];

export function renderTiles(el, stats) {
  if (!el.firstChild) {
    for (const [id] of TILES) {
      const tile = document.createElement('div');
      tile.className = 'tile';
      tile.dataset.testid = `tile-${id}`;
      tile.innerHTML = '<div class="tile-label"></div><div class="tile-value"></div>';
      el.append(tile);
    }
  }
  TILES.forEach(([, label, value, warn], i) => {
    const tile = el.children[i];
    tile.querySelector('.tile-label').textContent = t(label);
    tile.querySelector('.tile-value').textContent = stats ? value(stats) : '–';
    tile.classList.toggle('warn', Boolean(stats && warn?.(stats)));
  });
}
