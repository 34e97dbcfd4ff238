// A grid's open issues (GET /api/grids/{id}/issues?status=open): staff only; a display sees a short note.
import { t, tOf, formatDateTime } from '../i18n.js';
import { categoryName } from '../categories.js';
import { getJson } from '../session.js';

export async function loadOpenIssues(el, gridId, isCurrent) {
  let page;
  try {
    page = await getJson(`/api/grids/${encodeURIComponent(gridId)}/issues?status=open`);
  } catch (e) {
    if (!isCurrent()) return;
    el.replaceChildren(note(e.status === 403 ? t('staffOnly') : t('issuesFailed'), 'issues-note'));
    return;
  }
  if (!isCurrent()) return;
  const issues = page.issues ?? [];
  if (issues.length === 0) {
    el.replaceChildren(note(t('noOpenIssues'), 'issues-empty'));
    return;
  }
  // Category, status, title and time limit only: never the resident's contact details.
  el.replaceChildren(
    ...issues.map((i) => {
      const row = document.createElement('div');
      row.className = 'issue-row' + (i.overdue ? ' overdue' : '');
      row.dataset.testid = 'open-issue';
      row.dataset.id = i.id;
      const cells = [
        ['issue-category', categoryName(i.category)],
        ['issue-title', i.title],
        ['issue-status', tOf('statuses', i.status)],
        ['issue-due', i.overdue ? t('overdueFlag') : i.dueAt ? `${t('due')} ${formatDateTime(i.dueAt)}` : ''],
      ];
      for (const [cls, text] of cells) {
        const s = document.createElement('span');
        s.className = cls;
        s.textContent = text;
        row.append(s);
      }
      return row;
    }),
  );
}

function note(text, testid) {
  const n = document.createElement('div');
  n.className = 'note';
  n.dataset.testid = testid;
  n.textContent = text;
  return n;
}
