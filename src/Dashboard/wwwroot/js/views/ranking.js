// Ranking of the children of the scope in view, by resolution rate or composite score; click drills down.
import { t, nameOf, formatRate, formatInt } from '../i18n.js';

/**
 * @param {HTMLElement} el the list container
 * @param {object} stats StatsChanged of the scope in view
 * @param {'resolution'|'composite'} by
 * @param {(child: object) => void} onPick
 */
export function renderRanking(el, stats, by, onPick) {
  el.replaceChildren();
  if (!stats) return; // still loading
  const children = stats.children;
  if (children.length === 0) {
    el.append(note(t('noChildren')));
    return;
  }
  const value = (c) => c.rates[by]?.value;
  const ranked = children
    .filter((c) => c.ranked)
    .sort((a, b) => (value(b) ?? -1) - (value(a) ?? -1) || a.name.localeCompare(b.name, 'zh-CN'));
  const unranked = children.filter((c) => !c.ranked).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));

  ranked.forEach((c, i) => el.append(row(c, i + 1, by, 'rank-row', onPick)));
  if (unranked.length > 0) {
    const head = document.createElement('div');
    head.className = 'rank-apart';
    head.dataset.testid = 'too-few-to-rank';
    head.textContent = `${t('tooFew')} (${formatInt(unranked.length)})`;
    el.append(head);
    unranked.forEach((c) => el.append(row(c, null, by, 'rank-row-unranked', onPick)));
  }
}

function row(child, rank, by, testid, onPick) {
  const r = document.createElement('button');
  r.type = 'button';
  r.className = 'rank-row' + (rank === null ? ' unranked' : '');
  r.dataset.testid = testid;
  r.dataset.id = child.id;
  const rate = child.rates[by];
  const pct = Math.max(0, Math.min(100, (rate?.value ?? 0) * 100));
  r.innerHTML = `<span class="rank-no"></span><span class="rank-name"></span>
    <span class="rank-bar"><span class="rank-fill"></span></span><span class="rank-value"></span><span class="rank-decided"></span>`;
  r.querySelector('.rank-no').textContent = rank === null ? '–' : String(rank);
  r.querySelector('.rank-name').textContent = nameOf(child);
  r.querySelector('.rank-fill').style.width = `${pct}%`;
  r.querySelector('.rank-value').textContent = formatRate(rate);
  r.querySelector('.rank-decided').textContent = t('decided', formatInt(child.totals.decided));
  r.addEventListener('click', () => onPick(child));
  return r;
}

function note(text) {
  const n = document.createElement('div');
  n.className = 'note';
  n.textContent = text;
  return n;
}
