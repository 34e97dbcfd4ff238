// Where the command center starts (the caller's scope, else a district), and what it needs before it shows anything:
// the district's time zone, served with the scope's view, and the category catalogue.
import { setZone } from './i18n.js';
import { claims, getJson } from './session.js';
import { loadCategories } from './categories.js';

const PLURAL = { district: 'districts', street: 'streets', community: 'communities' };

/** The scope of the caller's token, else the district the address names, else the first district. */
export async function startingScope(district) {
  const scope = claims().scope;
  if (typeof scope === 'string' && scope.includes(':')) {
    const [level, id] = scope.split(':');
    return { scope: level, id, name: '', nameEn: '' };
  }
  if (district) return { scope: 'district', id: district, name: '', nameEn: '' };
  const districts = await getJson('/api/districts');
  if (districts.length === 0) throw new Error('no district');
  return { scope: 'district', id: districts[0].id, name: districts[0].name, nameEn: districts[0].nameEn };
}

export function roles() {
  const role = claims().role;
  return Array.isArray(role) ? role : [role];
}

/** The root scope's time zone and the catalogue; what fails leaves the browser's zone and category ids. */
export async function prepare(root) {
  await Promise.all([
    getJson(`/api/${PLURAL[root.scope]}/${encodeURIComponent(root.id)}`).then((view) => setZone(view.timeZone)).catch(() => {}),
    loadCategories().catch(() => {}),
  ]);
}
