// Every grid of the scope as a cell, grouped by community, coloured by resolution rate or open count.
import { t, nameOf, formatRate, formatInt } from '../i18n.js';

export class HeatView {
  /**
   * @param {HTMLElement} el @param {HTMLElement} legend
   * @param {(cell: object) => void} onPick a click on a grid
   * @param {(communityId: string) => string} groupName a community's label
   * @param {(communityId: string) => ({ id: string, name: string } | null)} streetOf a community's street when the view spans streets
   */
  constructor(el, legend, onPick, groupName, streetOf) {
    this.el = el;
    this.legend = legend;
    this.onPick = onPick;
    this.groupName = groupName;
    this.streetOf = streetOf;
    this.cells = new Map(); // gridId -> HeatCell
    this.nodes = new Map(); // gridId -> element
    this.by = 'resolution';
    this.selected = null;
  }

  /** A full snapshot (SubscribeHeat). */
  reset(cells) {
    this.cells = new Map(cells.map((c) => [c.gridId, c]));
    this.render();
  }

  /** Grids that moved: newer versions replace older ones. */
  update(cells) {
    let added = false;
    for (const c of cells) {
      const old = this.cells.get(c.gridId);
      if (old && old.version > c.version) continue;
      if (!old) added = true;
      this.cells.set(c.gridId, c);
      if (!added) this.paint(c);
    }
    if (added) this.render();
  }


  setMode(by) {
    this.by = by;
    this.render();
  }

  select(gridId) {
    this.selected = gridId;
    for (const [id, node] of this.nodes) node.classList.toggle('selected', id === gridId);
  }

  render() {
    this.el.replaceChildren();
    this.el.classList.remove('by-street');
    this.nodes.clear();
    const groups = new Map();
    for (const c of this.cells.values()) (groups.get(c.communityId) ?? groups.set(c.communityId, []).get(c.communityId)).push(c);
    if (groups.size === 0) {
      const n = document.createElement('div');
      n.className = 'note';
      n.textContent = t('heatEmpty');
      this.el.append(n);
    }
    this.el.classList.toggle('compact', this.cells.size > 160);
    this.el.classList.toggle('dense', this.cells.size > 400);
    this.maxOpen = Math.max(1, ...[...this.cells.values()].map((c) => c.open));
    const sorted = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }));
    // A district's view: communities inside a block per street, named by the street (communities in tooltips).
    const streets = new Map();
    const blockOf = (communityId) => {
      const street = this.streetOf(communityId);
      if (!street) return this.el;
      if (!streets.has(street.id)) {
        const block = document.createElement('section');
        block.className = 'heat-street';
        block.dataset.testid = 'heat-street';
        block.dataset.id = street.id;
        const name = document.createElement('div');
        name.className = 'heat-street-name';
        name.textContent = street.name;
        const body = document.createElement('div');
        body.className = 'heat-street-body';
        block.append(name, body);
        this.el.append(block);
        this.el.classList.add('by-street');
        streets.set(street.id, body);
      }
      return streets.get(street.id);
    };
    for (const [communityId, cells] of sorted) {
      const group = document.createElement('div');
      group.className = 'heat-group';
      group.dataset.testid = 'heat-group';
      group.dataset.id = communityId;
      const label = document.createElement('div');
      label.className = 'heat-group-name';
      label.textContent = this.groupName(communityId);
      label.title = label.textContent;
      const box = document.createElement('div');
      box.className = 'heat-cells';
      cells.sort((a, b) => a.gridId.localeCompare(b.gridId, undefined, { numeric: true }));
      for (const c of cells) {
        const node = document.createElement('button');
        node.type = 'button';
        node.className = 'heat-cell';
        node.dataset.testid = 'heat-cell';
        node.dataset.grid = c.gridId;
        node.addEventListener('click', () => this.onPick(this.cells.get(c.gridId)));
        this.nodes.set(c.gridId, node);
        box.append(node);
        this.paint(c);
      }
      group.title = label.textContent;
      group.append(label, box);
      blockOf(communityId).append(group);
    }
    this.legend.textContent = this.by === 'open' ? t('heatLegendOpen') : t('heatLegendResolution');
    this.legend.className = `heat-legend ${this.by}`;
    this.select(this.selected);
  }

  paint(c) {
    const node = this.nodes.get(c.gridId);
    if (!node) return;
    const value = this.by === 'open' ? formatInt(c.open) : formatRate(c.resolutionRate);
    node.style.background = this.by === 'open' ? openColour(c.open, this.maxOpen) : rateColour(c.resolutionRate?.value);
    if (this.el.classList.contains('compact')) node.replaceChildren();
    else {
      // "秋港社区第1网格" under the heading "秋港社区" reads as "第1网格".
      const community = this.groupName(c.communityId);
      const name = nameOf(c).startsWith(community) && nameOf(c).length > community.length ? nameOf(c).slice(community.length).trim() : nameOf(c);
      const n = document.createElement('span');
      n.className = 'heat-cell-name';
      n.textContent = name;
      const v = document.createElement('span');
      v.className = 'heat-cell-value';
      v.textContent = value;
      node.replaceChildren(n, v);
    }
    node.title = `${nameOf(c)} · ${t('resolution')} ${formatRate(c.resolutionRate)} · ${t('open')} ${formatInt(c.open)} · ${t('overdue')} ${formatInt(c.openOverdue)}`;
    node.classList.toggle('overdue', c.openOverdue > 0);
  }
}

/** Red under 50 %, through amber, to green at 100 %; grey for no data. */
export function rateColour(v) {
  if (v === null || v === undefined) return '#3a4658';
  const hue = Math.max(0, Math.min(1, (v - 0.5) / 0.5)) * 120;
  return `hsl(${hue.toFixed(0)} 68% 40%)`;
}

/** Dark blue for none, through amber, to red for the most open issues in view. */
export function openColour(open, max) {
  if (!open) return '#1c3550';
  const x = Math.min(1, open / max);
  const hue = 45 - 45 * x;
  return `hsl(${hue.toFixed(0)} 80% ${(48 - 8 * x).toFixed(0)}%)`;
}
