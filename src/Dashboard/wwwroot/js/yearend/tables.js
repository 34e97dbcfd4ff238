// The report's figures and tables: key figures of the unit, rankings by composite score (units too few to rank
// listed apart), and slices (months, categories, channels). Amended figures of a closed year show beside the published.
import { nameOf } from '../i18n.js';
import { s, int, rate, duration } from './strings.js';

const el = (tag, className, text) => {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
};

/** A cell's text, with the amended value beside when it differs from the published one. */
function withAmended(cell, published, amended, format) {
  cell.append(el('span', 'published', format(published)));
  if (amended !== undefined && amended !== null && format(amended) !== format(published)) {
    const note = el('span', 'amended');
    note.append(el('i', null, s('amended')), ' ', format(amended));
    cell.append(note);
  }
  return cell;
}

const KEY_FIGURES = [
  ['received', (f) => int(f.received), 'count'],
  ['accepted', (f) => int(f.accepted), 'count'],
  ['resolved', (f) => int(f.resolved), 'count'],
  ['closedUnresolved', (f) => int(f.closedUnresolved), 'count'],
  ['resolution', (f) => rate(f.resolution), 'rate'],
  ['response', (f) => rate(f.response), 'rate'],
  ['satisfaction', (f) => rate(f.satisfaction), 'rate'],
  ['weightedSatisfaction', (f) => rate(f.weightedSatisfaction), 'rate'],
  ['composite', (f) => rate(f.composite), 'rate'],
  ['meanToResolve', (f) => duration(f.meanToResolve), 'time'],
  ['p90ToResolve', (f) => duration(f.p90ToResolve), 'time'],
  ['meanToRespond', (f) => duration(f.meanToRespond), 'time'],
];

export function renderKeyFigures(host, unit) {
  host.replaceChildren(
    ...KEY_FIGURES.map(([key, format, kind]) => {
      const box = el('div', `figure ${kind}`);
      box.dataset.testid = `figure-${key}`;
      box.append(el('div', 'figure-label', s(`figures.${key}`)));
      box.append(withAmended(el('div', 'figure-value'), unit.figures, unit.amended, (f) => (f ? format(f) : '')));
      return box;
    }),
  );
}

const RANK_COLUMNS = [
  ['accepted', (f) => int(f.accepted)],
  ['decided', (f) => int(f.decided)],
  ['resolution', (f) => rate(f.resolution)],
  ['response', (f) => rate(f.response)],
  ['satisfaction', (f) => rate(f.satisfaction)],
  ['weightedSatisfaction', (f) => rate(f.weightedSatisfaction)],
  ['composite', (f) => rate(f.composite)],
  ['meanToResolve', (f) => duration(f.meanToResolve)],
  ['p90ToResolve', (f) => duration(f.p90ToResolve)],
];

/**
 * A ranking of units of one level by composite score (the API's rank: district-wide, ties share it); units with a
 * null rank (fewer decided cases than the minimum, or no score) follow in a table of their own.
 * @param {(u: object) => string | null} placeOf the unit's street (or community) name, or null for no such column
 */
export function renderRanking(host, level, units, minimum, placeOf, placeLabel) {
  host.replaceChildren();
  if (units.length === 0) {
    host.append(el('p', 'note', s('none')));
    return;
  }
  const ranked = units.filter((u) => u.rank !== null && u.rank !== undefined).sort((a, b) => a.rank - b.rank);
  const apart = units.filter((u) => u.rank === null || u.rank === undefined);
  if (ranked.length) host.append(table(level, ranked, placeOf, placeLabel, 'ranked'));
  if (apart.length) {
    const head = el('h3', 'apart', s('tooFew', int(minimum)));
    head.dataset.testid = `${level}-too-few`;
    host.append(head, table(level, apart, placeOf, placeLabel, 'unranked'));
  }
}

function table(level, units, placeOf, placeLabel, kind) {
  const t = el('table', `ranking ${kind}`);
  t.dataset.testid = `${level}-ranking-${kind}`;
  const head = el('tr');
  head.append(el('th', 'num rank', kind === 'ranked' ? s('rankCol') : '–'), el('th', 'name', s('unitCol')));
  if (placeLabel) head.append(el('th', 'place', placeLabel));
  for (const [key] of RANK_COLUMNS) head.append(el('th', 'num', s(`figures.${key}`)));
  t.createTHead().append(head);
  const body = t.createTBody();
  for (const u of units) {
    const row = el('tr');
    row.dataset.id = u.id;
    row.dataset.testid = `${level}-row`;
    row.append(el('td', 'num rank', u.rank ?? '–'), el('td', 'name', nameOf(u)));
    if (placeLabel) row.append(el('td', 'place', placeOf(u) ?? ''));
    for (const [key, format] of RANK_COLUMNS) {
      const cell = withAmended(el('td', `num ${key}`), u.figures, u.amended, (f) => (f ? format(f) : ''));
      row.append(cell);
    }
    body.append(row);
  }
  return t;
}

const SLICE_COLUMNS = [
  ['received', (f) => int(f.received)],
  ['accepted', (f) => int(f.accepted)],
  ['resolved', (f) => int(f.resolved)],
  ['closedUnresolved', (f) => int(f.closedUnresolved)],
  ['resolution', (f) => rate(f.resolution)],
  ['response', (f) => rate(f.response)],
  ['satisfaction', (f) => rate(f.satisfaction)],
  ['meanToResolve', (f) => duration(f.meanToResolve)],
];

/** Months, categories or channels: one row each, with a total row from the unit itself. */
export function renderSlices(host, testid, label, slices, nameOfSlice, total) {
  const t = el('table', 'slices');
  t.dataset.testid = testid;
  const head = el('tr');
  head.append(el('th', 'name', label));
  for (const [key] of SLICE_COLUMNS) head.append(el('th', 'num', s(`figures.${key}`)));
  t.createTHead().append(head);
  const body = t.createTBody();
  const add = (name, figures, className) => {
    const row = el('tr', className);
    row.append(el('td', 'name', name));
    for (const [, format] of SLICE_COLUMNS) row.append(el('td', 'num', format(figures)));
    body.append(row);
  };
  for (const x of slices) add(nameOfSlice(x), x.figures);
  if (total) add(total.name, total.figures, 'total');
  host.replaceChildren(slices.length ? t : el('p', 'note', s('noSlices')));
}
