// The headline sentence in the style of the district's reviews:
// "2025年，全区322名代表进驻132个社区903个网格，受理群众反映问题2,652件，解决率98.6%，满意率99.6%。"
import { getLang, nameOf } from '../i18n.js';
import { s, int, rate } from './strings.js';

/** Text and numbers as a list of parts; numbers are spans a test (and a reader's eye) can find. */
function part(testid, text) {
  const b = document.createElement('b');
  b.dataset.testid = `headline-${testid}`;
  b.textContent = text;
  return b;
}

/** A rate, and its amended value beside it when the closed year was amended. */
function rated(testid, published, amended) {
  const parts = [part(testid, rate(published))];
  if (amended && amended.display !== published?.display) parts.push(getLang() === 'en' ? ` (${s('amended')} ` : `（${s('amended')} `, part(`${testid}-amended`, rate(amended)), getLang() === 'en' ? ')' : '）');
  return parts;
}

export function renderHeadline(el, year, unit, counts) {
  const f = unit.figures;
  const a = unit.amended ?? null;
  const name = nameOf(unit);
  const res = rated('resolution', f.resolution, a?.resolution);
  const sat = rated('satisfaction', f.satisfaction, a?.satisfaction);
  const accepted = part('accepted', int(f.accepted));
  const deputies = counts.deputies === null ? null : part('deputies', int(counts.deputies));
  const communities = part('communities', int(counts.communities));
  const grids = part('grids', int(counts.grids));
  let parts;
  if (getLang() === 'en') {
    const many = (n, one, more) => (n === 1 ? one : more);
    const whose = unit.level === 'district' ? "the district's " : `${name}'s `;
    const placed = unit.level === 'grid' ? [name] : unit.level === 'community' ? [whose, grids, many(counts.grids, ' grid', ' grids')]
      : [whose, communities, many(counts.communities, ' community and ', ' communities and '), grids, many(counts.grids, ' grid', ' grids')];
    const who = deputies ? [deputies, many(counts.deputies, ' deputy placed in ', ' deputies placed in '), ...placed] : placed;
    parts = [`In ${year}, `, ...who, ' accepted ', accepted, many(f.accepted, ' issue raised', ' issues raised'), ' by residents; resolution rate ', ...res, ', satisfaction rate ', ...sat, '.'];
  } else {
    const where = unit.level === 'district' ? '全区' : name;
    const placed = unit.level === 'grid' ? ['本网格'] : unit.level === 'community' ? [grids, '个网格'] : [communities, '个社区', grids, '个网格'];
    const who = deputies ? [deputies, '名代表进驻', ...placed, '，'] : unit.level === 'grid' ? ['共'] : [...placed, '共'];
    parts = [`${year}年，${where}`, ...who,
      '受理群众反映问题', accepted, '件，解决率', ...res, '，满意率', ...sat, '。'];
  }
  el.replaceChildren(...parts);
}
