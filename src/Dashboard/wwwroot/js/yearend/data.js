// What the report reads: one unit's rollup (figures, by month, category and channel), the district's lists of
// streets, communities and grids for the rankings and the unit picker, and the structure for the headline's counts.
import { getJson, HttpError } from '../session.js';
import { loadCategories, namesOf } from '../categories.js';

export const PLURAL = { district: 'districts', street: 'streets', community: 'communities', grid: 'grids' };
export const BELOW = { district: ['street', 'community'], street: ['community', 'grid'], community: ['grid'], grid: [] };

const enc = encodeURIComponent;
const cache = new Map(); // "year|district|level" and "structure|district" -> promise

/** A resource outside the caller's scope or role (403, 404) is left out, not an error. */
async function optional(path) {
  try {
    return await getJson(path);
  } catch (e) {
    if (e instanceof HttpError && (e.status === 403 || e.status === 404)) return null;
    throw e;
  }
}

function once(key, load) {
  if (!cache.has(key)) cache.set(key, load().catch((e) => { cache.delete(key); throw e; }));
  return cache.get(key);
}

/** Is a unit of a list (with streetId, communityId) inside the unit in view? */
export function within(unit, x) {
  switch (unit.level) {
    case 'district': return true;
    case 'street': return x.streetId === unit.id;
    case 'community': return x.communityId === unit.id;
    default: return x.level === 'grid' && x.id === unit.id;
  }
}

/** Loads everything the report of one unit shows; lists and structure are shared between units of a year. */
export async function loadReport(year, level, id) {
  const [detail] = await Promise.all([getJson(`/api/rollups/${enc(year)}/${PLURAL[level]}/${enc(id)}`), loadCategories().catch(() => {})]);
  // Categories are named from the catalogue (GET /api/categories), as on every page.
  detail.byCategory = (detail.byCategory ?? []).map((x) => ({ ...x, ...namesOf(x.key) }));
  const district = detail.header.districtId;
  const list = (lvl) => once(`${year}|${district}|${lvl}`, () => optional(`/api/rollups/${enc(year)}?level=${lvl}&district=${enc(district)}`));
  const [streets, communities, grids, structure] = await Promise.all([
    list('street'), list('community'), list('grid'),
    once(`structure|${district}`, () => optional(`/api/structure/${enc(district)}`)),
  ]);
  return { detail, lists: { street: streets, community: communities, grid: grids }, structure };
}

/**
 * Deputies placed in the unit's grids, its communities and its grids: from the structure as imported (operators
 * and admins read it); for other callers from the rollup lists, and the deputies stay unknown (null).
 */
export function counts(report) {
  const unit = report.detail.unit;
  const structure = report.structure;
  if (structure) {
    const communities = structure.streets.flatMap((st) => st.communities.map((c) => ({ ...c, streetId: st.id, communityId: c.id })));
    const grids = communities.flatMap((c) => c.grids.map((g) => ({ ...g, level: 'grid', streetId: c.streetId, communityId: c.id })));
    const mine = grids.filter((g) => within(unit, g));
    return {
      deputies: new Set(mine.flatMap((g) => g.deputies ?? [])).size,
      communities: new Set(mine.map((g) => g.communityId)).size,
      grids: mine.length,
    };
  }
  const grids = (report.lists.grid?.units ?? []).filter((g) => within(unit, g));
  return { deputies: null, communities: new Set(grids.map((g) => g.communityId)).size, grids: grids.length };
}

/** Slices (categories, channels) with issues, most accepted first: the category chart and the tables agree. */
export const byVolume = (slices) =>
  (slices ?? []).filter((x) => x.figures.received > 0).sort((a, b) => b.figures.accepted - a.figures.accepted || b.figures.received - a.figures.received);
