// What the page has learnt of the district's tree (from snapshots, heat cells and street lookups): names and
// parents, from which drill-down paths, places ("第2街道 · 第1社区 · 第1网格") and scope membership follow.
import { nameOf } from './i18n.js';

export const keyOf = (u) => `${u.scope}:${u.id}`;
export const same = (a, b) => Boolean(a && b && a.scope === b.scope && a.id === b.id);

export class Units {
  constructor() {
    this.map = new Map(); // "street:ID" -> { scope, id, name, nameEn, parent: "district:ID" }
  }

  get(key) {
    return this.map.get(key);
  }

  all() {
    return [...this.map.values()];
  }

  /** Learns a unit (and its parent, when given); what was known before stays unless replaced. */
  remember(unit, parent) {
    const known = this.map.get(keyOf(unit));
    this.map.set(keyOf(unit), { ...known, ...unit, parent: parent ? keyOf(parent) : known?.parent });
  }

  /** A unit's name with its parents below `below`: "第2街道 · 第1社区 · 第1网格" seen from the district. */
  placeOf(key, below) {
    const stop = below ? keyOf(below) : null;
    const names = [];
    for (let k = key; k && k !== stop; k = this.map.get(k)?.parent) {
      const u = this.map.get(k);
      if (!u) break;
      names.unshift(nameOf(u) || u.id);
    }
    return names.length ? names.join(' · ') : nameOf(this.map.get(key)) || key.slice(key.indexOf(':') + 1);
  }

  /** Is a unit inside a scope? Unknown ancestry counts as inside: better shown than lost. */
  within(key, scope, root) {
    if (!scope) return true;
    const target = keyOf(scope);
    for (let k = key; k; ) {
      if (k === target) return true;
      const u = this.map.get(k);
      if (!u || (!u.parent && !same(u, root))) return true;
      k = u.parent;
    }
    return false;
  }

  /** The path from `root` down to a unit, or null while a link is unknown. */
  pathTo(key, root) {
    const path = [];
    for (let k = key; k; k = this.map.get(k)?.parent) {
      const u = this.map.get(k);
      if (!u) break;
      path.unshift({ scope: u.scope, id: u.id, name: u.name, nameEn: u.nameEn });
      if (same(u, root)) return path;
    }
    return null;
  }
}
