// The live event feed and the alerts list. Messages carry no personal data; none is shown.
import { t, tOf, formatTime } from '../i18n.js';
import { categoryName } from '../categories.js';

const MAX_EVENTS = 60;
const MAX_ALERTS = 100;

export class FeedView {
  /**
   * @param {HTMLElement} eventsEl @param {HTMLElement} alertsEl
   * @param {(gridId: string) => string} placeName where a grid is, as seen from the scope in view
   * @param {(gridId: string) => boolean} inView whether a grid is inside the scope in view (only those are listed)
   * @param {((alert: object) => void) | null} onAcknowledge null where the viewer may not acknowledge (displays)
   */
  constructor(eventsEl, alertsEl, placeName, inView, onAcknowledge) {
    this.eventsEl = eventsEl;
    this.alertsEl = alertsEl;
    this.placeName = placeName;
    this.inView = inView;
    this.onAcknowledge = onAcknowledge;
    this.events = [];
    this.alerts = [];
  }

  event(e) {
    this.events.unshift(e);
    this.events.length = Math.min(this.events.length, MAX_EVENTS);
    this.renderEvents();
  }

  /** A new alert, or an acknowledged one (acknowledgedBy set), which leaves the list. */
  alert(a) {
    this.pushedDuringSync?.set(a.id, a);
    this.alerts = this.alerts.filter((x) => x.id !== a.id);
    if (!a.acknowledgedBy) this.alerts.push(a);
    this.renderAlerts();
  }

  /**
   * Replaces the list with the district's open alerts (fresh on every subscribe). Alerts pushed while the list
   * was on its way are newer than it and win: raised ones stay, acknowledged ones stay gone.
   * @param {() => Promise<object[]>} fetchOpen
   */
  async syncAlerts(fetchOpen) {
    const pushed = new Map();
    this.pushedDuringSync = pushed;
    const list = await fetchOpen();
    if (this.pushedDuringSync !== pushed) return; // a newer sync began
    this.pushedDuringSync = null;
    const open = new Map(list.filter((a) => !a.acknowledgedBy).map((a) => [a.id, a]));
    for (const [id, a] of pushed) {
      if (a.acknowledgedBy) open.delete(id);
      else open.set(id, a);
    }
    this.alerts = [...open.values()];
    this.renderAlerts();
  }

  remove(alertId) {
    this.alerts = this.alerts.filter((x) => x.id !== alertId);
    this.renderAlerts();
  }

  render() {
    this.renderEvents();
    this.renderAlerts();
  }

  renderEvents() {
    const shown = this.events.filter((e) => this.inView(e.gridId));
    this.eventsEl.replaceChildren(...(shown.length ? shown.map((e) => this.item(e, 'event')) : [empty(t('noEvents'))]));
  }

  renderAlerts() {
    const newest = this.alerts
      .filter((a) => this.inView(a.gridId))
      .sort((a, b) => String(b.at).localeCompare(String(a.at)))
      .slice(0, MAX_ALERTS);
    this.alertsEl.replaceChildren(...(newest.length ? newest.map((a) => this.item(a, 'alert')) : [empty(t('noAlerts'))]));
  }

  item(m, type) {
    const li = document.createElement('li');
    li.className = `${type} kind-${m.kind}`;
    li.dataset.testid = type === 'event' ? 'feed-item' : 'alert-item';
    li.dataset.id = type === 'event' ? m.issueId : m.id;
    const what = m.category ? categoryName(m.category) : m.kind === 'lowResolution' ? `${t('resolution')} ${m.detail ?? ''}` : (m.issueId ?? '');
    const parts = [
      ['time', formatTime(m.at)],
      ['kind', tOf('kinds', m.kind)],
      ['where', this.placeName(m.gridId)],
      ['what', what],
    ];
    for (const [cls, text] of parts) {
      const s = document.createElement('span');
      s.className = cls;
      s.textContent = text;
      li.append(s);
    }
    if (type === 'alert' && this.onAcknowledge) {
      const ack = document.createElement('button');
      ack.type = 'button';
      ack.className = 'ack';
      ack.dataset.testid = 'alert-ack';
      ack.textContent = t('acknowledge');
      ack.addEventListener('click', () => {
        ack.disabled = true;
        this.onAcknowledge(m);
      });
      li.append(ack);
    }
    return li;
  }
}

function empty(text) {
  const li = document.createElement('li');
  li.className = 'note';
  li.textContent = text;
  return li;
}
