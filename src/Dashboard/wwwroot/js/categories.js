// The category catalogue as the API serves it (GET /api/categories: id, Chinese and English names): the one list
// every page names categories from. Until it has loaded (or if it cannot be), a category shows as its id.
import { getLang } from './i18n.js';

let list = [];
let loading = null;

/** Loads the catalogue once per page; later calls share the first load. */
export function loadCategories() {
  loading ??= fetch('/api/categories', { headers: { Accept: 'application/json' } })
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`/api/categories: ${r.status}`))))
    .then((categories) => (list = categories))
    .catch((e) => {
      loading = null;
      throw e;
    });
  return loading;
}

/** The catalogue's categories in its order: [{ id, name, nameEn }]. */
export const categories = () => list;

/** A category's names ({ name, nameEn }), or nothing for an id the catalogue does not hold. */
export function namesOf(id) {
  const c = list.find((x) => x.id === id);
  return c ? { name: c.name, nameEn: c.nameEn } : {};
}

/** A category's name in the current language, else its id. */
export function categoryName(id) {
  const c = list.find((x) => x.id === id);
  if (!c) return id ?? '';
  return getLang() === 'en' ? c.nameEn || c.name : c.name || c.nameEn;
}
