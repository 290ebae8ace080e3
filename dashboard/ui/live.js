// The Overview's sector choice, cards, story, chart tabs and chart, drawn in the browser.
//
// Python sends the views it built (ui/live.py): for no sector and each single sector, every
// chart, with its title and source line as HTML around the plot (they wrap by the column's
// width, as the rest of the app's charts), its text alternative and marks. A sector or tab
// change draws in place (Plotly.react on the same div), then tells Python (state `choice`), whose
// fragment keeps the URL and the downloads; a view Python has not sent yet (several sectors,
// other filters) waits for it. A mark, clicked or opened from the marks table, is the trigger
// `mark`: Python shows its evidence.
//
// HTML from Python (cards, story) arrives escaped; every other text (titles, descriptions, mark
// labels, sector names) is set with textContent, never parsed as HTML.

const TOOLBAR_MIN = 500; // px of column under which the chart's toolbar is not shown
let plotly = null;

function loadPlotly(src) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!plotly) {
    plotly = new Promise((resolve, reject) => {
      const tag = document.createElement('script');
      tag.src = new URL(src, document.baseURI).href;
      tag.onload = () => {
        // the 4.x dist bundles' UMD wrapper names its export `moduleName` outside a module
        window.Plotly = window.Plotly || window.moduleName;
        resolve(window.Plotly);
      };
      tag.onerror = () => reject(new Error('plotly.js could not be loaded from ' + src));
      document.head.appendChild(tag);
    });
  }
  return plotly;
}

function el(tag, attrs = {}, text = null) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== null) node.textContent = text;
  return node;
}

// Changes only where something changed: an equal write is still a DOM mutation to redraw.
function setText(node, words) {
  if (node.textContent !== words) node.textContent = words;
}
function setAttr(node, name, value) {
  if (value === null) {
    if (node.hasAttribute(name)) node.removeAttribute(name);
  } else if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}
const setHidden = (node, hidden) => setAttr(node, 'hidden', hidden ? '' : null);

const viewKey = (sectors) => [...sectors].sort().join(',');

function skeleton(root, s) {
  const id = s.id;
  const sectors = el('fieldset', { class: 'live-sectors' });
  sectors.append(el('legend', {}, 'Sector'));
  const boxes = el('div', { class: 'live-chips' });
  for (const option of s.data.sectors) {
    const label = el('label', { class: 'live-chip' });
    const box = el('input', { type: 'checkbox', value: option.value, name: id + '-sector' });
    label.append(box, el('span', {}, option.label));
    boxes.append(label);
    box.addEventListener('change', () => {
      const chosen = [...root.querySelectorAll('.live-sectors input:checked')].map((b) => b.value);
      change(root, { sectors: chosen });
    });
  }
  sectors.append(boxes, el('p', { class: 'live-hint' }, 'None ticked: every sector.'));
  const status = el('p', { class: 'live-status', role: 'status' });
  const tabs = el('div', { class: 'live-tabs', role: 'tablist', 'aria-label': 'Charts' });
  tabs.addEventListener('keydown', (event) => {
    const all = [...tabs.querySelectorAll('[role=tab]')];
    const at = all.indexOf(document.activeElement);
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: all.length - 1 }[event.key];
    if (at < 0 || to === undefined) return;
    event.preventDefault();
    const next = all[(to + all.length) % all.length];
    next.focus();
    change(root, { tab: next.dataset.tab });
  });
  const panel = el('div', { class: 'live-panel', role: 'tabpanel', id: id + '-panel' });
  const chart = el('div', { class: 'live-chart', role: 'figure', 'aria-describedby': id + '-description' });
  const description = el('p', { class: 'live-description', id: id + '-description' });
  const marks = el('details', { class: 'live-marks' });
  marks.append(el('summary', {}, "Chart as a table · open a mark's evidence by keyboard"));
  marks.append(el('div', { class: 'live-table' }));
  marks.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-ref]');
    if (button) s.setTriggerValue('mark', { ref: button.dataset.ref, mount: s.mount });
  });
  panel.append(el('div', { class: 'live-head' }), chart, el('div', { class: 'live-foot' }), description, marks);
  root.append(
    sectors,
    status,
    el('div', { class: 'live-cards' }),
    el('div', { class: 'live-story' }),
    el('p', { class: 'live-left-out' }),
    el('p', { class: 'live-empty' }),
    tabs,
    panel,
  );
}

// A local change: draw what is here, then tell Python (or wait for Python to send the view).
function change(root, what) {
  const s = root.__live;
  if (what.sectors) s.sectors = what.sectors;
  if (what.tab) s.tab = what.tab;
  s.seq += 1;
  draw(root);
  s.setStateValue('choice', { sectors: s.sectors, tab: s.tab, seq: s.seq, mount: s.mount });
}

function showTabs(root, view) {
  const s = root.__live;
  const tabs = root.querySelector('.live-tabs');
  const shown = view.tabs.map((t) => t.key);
  if (!shown.includes(s.tab)) s.tab = shown[0];
  if (tabs.dataset.shown !== shown.join(',')) {
    tabs.replaceChildren(
      ...view.tabs.map((t) => {
        const button = el('button', { type: 'button', role: 'tab', id: `${s.id}-tab-${t.key}` }, t.label);
        button.dataset.tab = t.key;
        button.setAttribute('aria-controls', s.id + '-panel');
        button.addEventListener('click', () => change(root, { tab: t.key }));
        return button;
      }),
    );
    tabs.dataset.shown = shown.join(',');
  }
  for (const button of tabs.querySelectorAll('[role=tab]')) {
    const on = button.dataset.tab === s.tab;
    setAttr(button, 'aria-selected', String(on));
    setAttr(button, 'tabindex', on ? '0' : '-1');
  }
  setAttr(root.querySelector('.live-panel'), 'aria-labelledby', `${s.id}-tab-${s.tab}`);
}

function marksTable(marks) {
  const table = el('table', { class: 'live-marks-table' });
  const head = el('tr');
  for (const name of ['series', 'mark', 'evidence']) head.append(el('th', { scope: 'col' }, name));
  const thead = el('thead');
  thead.append(head);
  table.append(thead);
  const body = el('tbody');
  for (const [series, label, ref] of marks) {
    const row = el('tr');
    row.append(el('td', {}, series), el('td', {}, label));
    const cell = el('td');
    if (ref) {
      const button = el('button', { type: 'button', 'data-ref': ref }, 'Open');
      button.setAttribute('aria-label', `Open the evidence of ${label}`);
      cell.append(button);
    }
    row.append(cell);
    body.append(row);
  }
  table.append(body);
  return table;
}

function parsed(s, text) {
  s.figures = s.figures || new Map();
  if (!s.figures.has(text)) s.figures.set(text, JSON.parse(text));
  return s.figures.get(text);
}

async function draw(root) {
  const s = root.__live;
  const data = s.data;
  for (const box of root.querySelectorAll('.live-sectors input')) box.checked = s.sectors.includes(box.value);
  const key = viewKey(s.sectors);
  const view = s.views[key];
  const status = root.querySelector('.live-status');
  const panel = root.querySelector('.live-panel');
  const chart = view && view.charts[s.tab];
  if (!view || (view.tabs.some((t) => t.key === s.tab) && !chart)) {
    // not sent yet: Python sends it after the state change
    setText(status, 'Updating the charts…');
    setAttr(panel, 'aria-busy', 'true');
    return;
  }
  setText(status, '');
  setAttr(panel, 'aria-busy', null);
  const put = (selector, html) => {
    const node = root.querySelector(selector);
    if (node.__html !== html) {
      node.innerHTML = html; // escaped by Python
      node.__html = html;
    }
  };
  put('.live-cards', view.cards);
  put('.live-story', view.story);
  setText(root.querySelector('.live-left-out'), view.left_out);
  setText(root.querySelector('.live-empty'), view.empty || '');
  setHidden(root.querySelector('.live-tabs'), !view.tabs.length);
  setHidden(panel, !view.tabs.length);
  if (!view.tabs.length) return;
  showTabs(root, view);
  const shown = view.charts[s.tab];
  put('.live-head', shown.head);
  put('.live-foot', shown.foot);
  const figure = parsed(s, shown.figure);
  const div = root.querySelector('.live-chart');
  setAttr(div, 'aria-label', shown.title);
  setText(root.querySelector('.live-description'), shown.description);
  const table = root.querySelector('.live-table');
  if (table.__marks !== shown.marks) {
    table.replaceChildren(marksTable(shown.marks));
    table.__marks = shown.marks;
  }
  setHidden(root.querySelector('.live-marks'), !shown.marks.length);
  const config = { ...shown.config, responsive: true };
  // a phone's column: the toolbar would lie over the panel titles (its files are buttons below)
  if (root.clientWidth < TOOLBAR_MIN) config.displayModeBar = false;
  const drawn = `${key}|${s.tab}`;
  if (s.drawing === drawn && s.figure === figure) return; // on screen already (Python's echo)
  s.drawing = drawn;
  s.figure = figure;
  const Plotly = await loadPlotly(data.plotly);
  await Plotly.react(div, figure.data, figure.layout, config);
  if (s.drawing !== drawn) return; // a newer change drew over this one
  // the drawing's own text (ticks run together) is not read out: the figure's name is
  div.querySelectorAll('svg.main-svg').forEach((g) => g.setAttribute('aria-hidden', 'true'));
  div.querySelectorAll('.modebar a, .modebar button').forEach((b) => b.setAttribute('tabindex', '-1'));
  if (!div.__clicks) {
    div.__clicks = true;
    div.on('plotly_click', (event) => {
      const point = event.points && event.points[0];
      const data = point && point.customdata;
      const ref = Array.isArray(data) ? data[0] : data;
      if (typeof ref === 'string' && ref.includes(':')) s.setTriggerValue('mark', { ref, mount: s.mount });
    });
  }
  setAttr(root, 'data-drawn', drawn); // for tests: which view is on screen
}

export default function (component) {
  const { data, parentElement, setStateValue, setTriggerValue } = component;
  let root = parentElement.querySelector('.live');
  if (!root) {
    root = el('div', { class: 'live' });
    // a new mount: Python learns of it with the first event and sends what it lacks
    root.__live = { id: data.id, seq: 0, sectors: [], tab: 'cost', views: {}, mount: Math.random().toString(36).slice(2) };
    parentElement.append(root);
  }
  const s = root.__live;
  Object.assign(s, { data, setStateValue, setTriggerValue });
  // Views are kept for the element's life: Python sends each once to this mount (its events
  // name the mount), then only the views it has not sent.
  s.views = s.version === data.version ? { ...s.views, ...data.views } : { ...data.views };
  s.version = data.version;
  if (!root.childElementCount) skeleton(root, s);
  setAttr(root, 'data-views', String(Object.keys(s.views).length)); // for tests and benchmarks
  if (data.seq >= s.seq) {
    // Python's choice (the URL, the sidebar's "Clear filters") unless a newer local change waits
    s.seq = data.seq;
    s.sectors = data.current.sectors;
    s.tab = data.current.tab;
  }
  draw(root);
}
