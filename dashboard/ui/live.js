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
const viewKey = (sectors) => [...sectors].sort().join(',');

function skeleton(root, s) {
  const id = s.id;
  const words = s.data.words;
  const sectors = el('fieldset', { class: 'live-sectors' });
  sectors.append(el('legend', {}, words.sector));
  const boxes = el('div', { class: 'live-chips' });
  // several values (the Overview's sectors: boxes) or one (the Checks page's check: radios)
  const type = s.data.choice === 'one' ? 'radio' : 'checkbox';
  for (const option of s.data.sectors) {
    const label = el('label', { class: 'live-chip' });
    const box = el('input', { type, value: option.value, name: id + '-sector' });
    // a label in the sources' words (a quote, an organisation) says its language
    label.append(box, el('span', option.lang ? { lang: option.lang } : {}, option.label));
    boxes.append(label);
    box.addEventListener('change', () => {
      const chosen = [...root.querySelectorAll('.live-sectors input:checked')].map((b) => b.value);
      change(root, { sectors: chosen });
    });
  }
  sectors.append(boxes);
  if (words.hint) sectors.append(el('p', { class: 'live-hint' }, words.hint));
  const status = el('p', { class: 'live-status', role: 'status' });
  const tabs = el('div', { class: 'live-tabs', role: 'tablist', 'aria-label': words.charts });
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
  marks.append(el('summary', {}, words.table));
  marks.append(el('div', { class: 'live-table' }));
  marks.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-ref]');
    if (button) openMark(s, button.dataset.ref);
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
  // plots drawn ahead: drawn on the stage (off screen, the chart's width), kept in the store
  s.stage = el('div', { class: 'live-stage', 'aria-hidden': 'true', inert: '' });
  s.store = el('div', { class: 'live-store', hidden: '', inert: '' });
  s.plots = new Map();
  root.append(s.stage, s.store);
}

// A mark's evidence: Python draws it (the element's trigger `mark`).
function openMark(s, ref) {
  s.changed = performance.now();
  s.setTriggerValue('mark', { ref, held: held(s), version: s.version });
}

// A local change: draw what is here, then tell Python (or wait for Python to send the view).
function change(root, what) {
  const s = root.__live;
  if (what.sectors) s.sectors = what.sectors;
  if (what.tab) s.tab = what.tab;
  s.seq += 1;
  s.changed = performance.now();
  tell(s);
  // drawn in the next task: the message to Python leaves first, and its rerun runs while the
  // browser draws
  setTimeout(() => draw(root), 0);
}

// The views this element holds with every tab drawn: Python sends each once, then only what is
// missing (a new mount of the element holds none, and asks).
const held = (s) => Object.keys(s.views).filter((k) => s.views[k].tabs.every((t) => s.views[k].charts[t.key]));

function tell(s) {
  s.asked = s.seq;
  s.setStateValue('choice', { sectors: s.sectors, tab: s.tab, seq: s.seq, held: held(s), version: s.version });
}

// The tab a view opens on: the one chosen (s.tab), or its first when it lacks that chart. The
// choice stays: a sector without cost figures opens on its first chart, and the next sector
// with them opens on cost again.
const shownTab = (s, view) => (view.tabs.some((t) => t.key === s.tab) ? s.tab : view.tabs.length ? view.tabs[0].key : null);

function showTabs(root, view, tab) {
  const s = root.__live;
  const tabs = root.querySelector('.live-tabs');
  const shown = view.tabs.map((t) => t.key);
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
    const on = button.dataset.tab === tab;
    setAttr(button, 'aria-selected', String(on));
    setAttr(button, 'tabindex', on ? '0' : '-1');
  }
  setAttr(root.querySelector('.live-panel'), 'aria-labelledby', `${s.id}-tab-${tab}`);
}


// Every chart is drawn once into a plot of its own and kept: a change shows the kept plot of
// the view chosen (moved in from a hidden store: a few DOM changes) instead of redrawing the
// chart on screen (Plotly.react: thousands). The views sent ahead are drawn while the page is
// idle, off screen at the chart's width; a kept plot whose width went out of date is resized
// when shown. At most MAX_PLOTS are kept, the least recently shown dropped first.
const MAX_PLOTS = 24;

function plotConfig(shown, narrow) {
  const config = { ...shown.config, responsive: true };
  // a phone's column: the toolbar would lie over the panel titles (its files are buttons below)
  if (narrow) config.displayModeBar = false;
  return config;
}

async function plotInto(s, div, shown, narrow) {
  const Plotly = await loadPlotly(s.data.plotly);
  const figure = JSON.parse(shown.figure); // plotly keeps and changes what it is given: a copy each
  await Plotly.newPlot(div, figure.data, figure.layout, plotConfig(shown, narrow));
  // the drawing's own text (ticks run together) is not read out: the figure's name is
  div.querySelectorAll('svg.main-svg').forEach((g) => g.setAttribute('aria-hidden', 'true'));
  div.querySelectorAll('.modebar a, .modebar button').forEach((b) => b.setAttribute('tabindex', '-1'));
  div.on('plotly_click', (event) => {
    const point = event.points && event.points[0];
    const data = point && point.customdata;
    const ref = Array.isArray(data) ? data[0] : data;
    if (typeof ref === 'string' && ref.includes(':')) openMark(s, ref);
  });
}

const onScreen = (entry) => entry.div.parentElement && entry.div.parentElement.classList.contains('live-chart');

// Keep `entry` as `name`, last (the latest shown) or first (drawn ahead, not shown yet).
function keep(s, name, entry, first = false) {
  const old = s.plots.get(name);
  if (old && old !== entry) {
    if (window.Plotly) window.Plotly.purge(old.div);
    old.div.remove();
  }
  s.plots.delete(name);
  s.plots = first ? new Map([[name, entry], ...s.plots]) : s.plots.set(name, entry);
  for (const [other, gone] of [...s.plots]) {
    if (s.plots.size <= MAX_PLOTS) break;
    if (onScreen(gone) || other === name) continue;
    s.plots.delete(other);
    if (window.Plotly) window.Plotly.purge(gone.div);
    gone.div.remove();
  }
}

const fresh = (entry, shown, narrow) => !!entry && entry.text === shown.figure && entry.narrow === narrow;

// Put the plot `name` on screen: the kept one when it is up to date, else one drawn now.
// `widths` were read before the page was changed (reading them after forces a layout).
async function showPlot(root, name, shown, widths) {
  const s = root.__live;
  const chart = root.querySelector('.live-chart');
  const narrow = widths.root < TOOLBAR_MIN;
  let entry = s.plots.get(name);
  const current = chart.querySelector(':scope > .live-plot');
  if (!fresh(entry, shown, narrow)) {
    const div = el('div', { class: 'live-plot' });
    entry = { div, text: shown.figure, narrow, drawn: null };
    if (current) s.store.append(current);
    chart.append(div);
    entry.drawn = plotInto(s, div, shown, narrow);
  } else if (current !== entry.div) {
    if (current) s.store.append(current);
    chart.append(entry.div);
  }
  keep(s, name, entry);
  await entry.drawn;
  const Plotly = window.Plotly;
  if (entry.div.isConnected && onScreen(entry) && Plotly && entry.div._fullLayout) {
    const width = chart.clientWidth;
    if (width && Math.abs(entry.div._fullLayout.width - width) > 1) await Plotly.Plots.resize(entry.div);
  }
}

// While the page is idle, draw the plots a change would show next: first every view held at the
// tab choosing it would open, then (once nothing has changed for QUIET ms, so as not to hold the
// page while someone is choosing) the other tabs of every view. A plot takes tens of ms of the
// page's one thread: no step starts while Python's rerun after a change or a click is under
// way (its elements would wait for the plot), nor within SETTLE ms of one. A change stops the
// round and starts its own.
const QUIET = 1500;
const SETTLE = 250;
const running = () => !!document.querySelector('[data-testid="stStatusWidget"]'); // Streamlit's

function predraw(root) {
  const s = root.__live;
  const seq = s.seq;
  const idle = window.requestIdleCallback || ((f) => setTimeout(f, 60));
  const todo = (narrow) => {
    const first = [];
    const then = [];
    for (const [key, view] of Object.entries(s.views)) {
      const open = shownTab(s, view);
      for (const [tab, shown] of Object.entries(view.charts)) (tab === open ? first : then).push([`${key}|${tab}`, shown]);
    }
    // the plot on screen is drawn again only by a change (showPlot), never from under the eyes
    const missing = ([name, shown]) => {
      const entry = s.plots.get(name);
      return !fresh(entry, shown, narrow) && !(entry && onScreen(entry));
    };
    const next = first.find(missing);
    if (next) return next;
    setAttr(root, 'data-predrawn', String(s.plots.size)); // every view's open chart: for tests
    const later = [...first, ...then].slice(0, MAX_PLOTS - 1).find(missing);
    return later && performance.now() - (s.changed || 0) < QUIET ? 'wait' : later;
  };
  const step = async () => {
    if (s.seq !== seq || !root.isConnected) return;
    if (running() || performance.now() - (s.changed || 0) < SETTLE) {
      setTimeout(() => idle(step, { timeout: 2000 }), 100);
      return;
    }
    const narrow = root.clientWidth < TOOLBAR_MIN;
    const next = todo(narrow);
    if (next === 'wait') {
      setTimeout(() => idle(step, { timeout: 2000 }), QUIET);
      return;
    }
    if (!next) return;
    const [name, shown] = next;
    const div = el('div', { class: 'live-plot' });
    s.stage.style.width = root.querySelector('.live-chart').clientWidth + 'px';
    s.stage.append(div);
    const entry = { div, text: shown.figure, narrow, drawn: plotInto(s, div, shown, narrow) };
    try {
      await entry.drawn;
    } catch (err) {
      div.remove();
      return;
    }
    if (fresh(s.plots.get(name), shown, narrow)) div.remove(); // a change drew it meanwhile
    else {
      s.store.append(div);
      keep(s, name, entry, true);
    }
    idle(step, { timeout: 2000 });
  };
  idle(step, { timeout: 2000 });
}

async function draw(root) {
  const s = root.__live;
  // the widths first, while the layout is clean: read after the changes below, they force one
  const widths = { root: root.clientWidth };
  for (const box of root.querySelectorAll('.live-sectors input')) box.checked = s.sectors.includes(box.value);
  const key = viewKey(s.sectors);
  const view = s.views[key];
  const status = root.querySelector('.live-status');
  const panel = root.querySelector('.live-panel');
  const tab = view && shownTab(s, view);
  if (!view || (tab && !view.charts[tab])) {
    // not sent yet: Python sends it after the state change (a new mount asks once for it)
    setText(status, s.data.words.updating);
    setAttr(panel, 'aria-busy', 'true');
    if (s.asked !== s.seq) {
      s.asked = s.seq;
      tell(s);
    }
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
  // one chart and no tabs (s.data.tabs false: the Checks page): the panel is the chart's own
  const tabbed = s.data.tabs !== false;
  setHidden(root.querySelector('.live-tabs'), !tabbed || !view.tabs.length);
  setHidden(panel, !view.tabs.length);
  setAttr(panel, 'role', tabbed ? 'tabpanel' : null);
  if (!view.tabs.length) return;
  if (tabbed) showTabs(root, view, tab);
  const shown = view.charts[tab];
  put('.live-head', shown.head);
  put('.live-foot', shown.foot);
  const div = root.querySelector('.live-chart');
  setAttr(div, 'aria-label', shown.title);
  setText(root.querySelector('.live-description'), shown.description);
  const table = root.querySelector('.live-table');
  if (table.__marks !== shown.marks) {
    table.replaceChildren(marksTable(shown.marks, s.data.words, 'live-marks-table'));
    table.__marks = shown.marks;
  }
  setHidden(root.querySelector('.live-marks'), !shown.marks.length);
  const drawn = `${key}|${tab}`;
  s.drawing = drawn;
  await showPlot(root, drawn, shown, widths);
  if (s.drawing !== drawn) return; // a newer change drew over this one
  setAttr(root, 'data-drawn', drawn); // for tests: which view is on screen
  predraw(root);
}

// Python sends the payload as one JSON text (ui/component.mount): parsed once per text.
let lastText = null;
let lastData = null;
function payload(wrapped) {
  if (wrapped.payload !== lastText) {
    lastText = wrapped.payload;
    lastData = JSON.parse(lastText);
  }
  return lastData;
}

export default function (component) {
  const { parentElement, setStateValue, setTriggerValue } = component;
  const data = payload(component.data);
  let root = parentElement.querySelector('.live');
  if (!root) {
    root = el('div', { class: 'live' });
    root.__live = { id: data.id, seq: 0, sectors: [], tab: 'cost', views: {} };
    parentElement.append(root);
  }
  const s = root.__live;
  Object.assign(s, { data, setStateValue, setTriggerValue });
  // Views are kept for the element's life: its events name those it holds, which Python does
  // not send again.
  // A new data version, or other filters than the sector: every view held is of the past
  if (s.version !== data.version && s.plots) {
    for (const [name, entry] of [...s.plots]) {
      if (onScreen(entry)) continue;
      if (window.Plotly) window.Plotly.purge(entry.div);
      entry.div.remove();
      s.plots.delete(name);
    }
  }
  s.views = s.version === data.version ? { ...s.views, ...data.views } : { ...data.views };
  s.version = data.version;
  const said = JSON.stringify([data.words, data.sectors]);
  if (s.said !== said) {
    // a new mount, or another language: the element's own words and chips are drawn anew
    if (s.plots) for (const entry of s.plots.values()) if (window.Plotly) window.Plotly.purge(entry.div);
    root.replaceChildren();
    skeleton(root, s);
    s.said = said;
    s.drawing = null;
  }
  setAttr(root, 'data-views', String(Object.keys(s.views).length)); // for tests and benchmarks
  if (data.seq >= s.seq) {
    // Python's choice (the URL, the sidebar's "Clear filters") unless a newer local change waits
    s.seq = data.seq;
    s.sectors = data.current.sectors;
    s.tab = data.current.tab;
  }
  draw(root);
}
