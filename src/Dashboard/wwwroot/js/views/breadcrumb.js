// Where the screen is: district / street / community / grid, each step clickable to go back up.
import { nameOf, tOf } from '../i18n.js';

export function renderBreadcrumb(el, path, onGo) {
  el.replaceChildren();
  path.forEach((step, i) => {
    if (i > 0) {
      const sep = document.createElement('span');
      sep.className = 'crumb-sep';
      sep.textContent = '›';
      el.append(sep);
    }
    const last = i === path.length - 1;
    const crumb = document.createElement(last ? 'span' : 'button');
    crumb.className = 'crumb' + (last ? ' current' : '');
    crumb.dataset.testid = 'crumb';
    crumb.dataset.scope = step.scope;
    crumb.dataset.id = step.id;
    crumb.title = tOf('levels', step.scope);
    crumb.textContent = nameOf(step) || step.id;
    if (!last) {
      crumb.type = 'button';
      crumb.addEventListener('click', () => onGo(i));
    }
    el.append(crumb);
  });
}
