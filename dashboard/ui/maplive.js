// The Map page's date window, Kyiv district map and attack timeline, drawn in the browser.
//
// Python sends both charts of every window on the attacks' dates (ui/maplive.py), their
// identical parts (geometry, layout) once in `parts`, referenced as {"$p": n}. Moving the
// window (two native range inputs, From and To) draws both charts in place (Plotly.react), then
// tells Python (state `window`), whose fragment keeps the URL, the files, the lists and the
// evidence panel; a window not sent yet waits for Python. A mark, clicked or opened from a
// chart's table, is the trigger `mark`: Python shows its evidence.
//
// HTML from Python (the charts' titles and source lines) arrives escaped; every other text is
// set with textContent, never parsed as HTML.

const TOOLBAR_MIN = 500; // px of column under which the chart's toolbar is not shown
const CHARTS = ['kyiv', 'timeline'];
let plotly = null;

// plotly.js: the Overview's loader's way (live.js), sharing its script tag when there is one.
function loadPlotly(src) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!plotly) {
    plotly = new Promise((resolve, reject) => {
      let tag = document.querySelector('script[data-live-plotly]');
      if (!tag) {
        tag = document.createElement('script');
        tag.src = new URL(src, document.baseURI).href;
        tag.dataset.livePlotly = '';
        document.head.appendChild(tag);
      }
      tag.addEventListener('load', () => {
        window.Plotly = window.Plotly || window.moduleName; // the 4.x dist bundles' UMD name
        resolve(window.Plotly);
      });
      tag.addEventListener('error', () => reject(new Error('plotly.js could not be loaded from ' + src)));
      if (window.Plotly) resolve(window.Plotly);
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
function setHTML(node, html) {
  if (node.__html !== html) {
    node.innerHTML = html; // escaped by Python
    node.__html = html;
  }
}

// A pooled value rebuilt, fresh objects each time: plotly.js keeps and changes what it is given.
function resolve(value, parts) {
  if (Array.isArray(value)) return value.map((v) => resolve(v, parts));
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === '$p') return resolve(parts[value.$p], parts);
    const out = {};
    for (const k of keys) out[k] = resolve(value[k], parts);
    return out;
  }
  return value;
}

const windowKey = (s) => `${s.data.dates[s.start]}..${s.data.dates[s.end]}`;
const held = (s) => Object.keys(s.windows);

function tell(s) {
  s.asked = s.seq;
  s.setStateValue('window', {
    start: s.data.dates[s.start],
    end: s.data.dates[s.end],
    seq: s.seq,
    held: held(s),
    version: s.version,
  });
}

function openMark(s, ref) {
  s.setTriggerValue('mark', { ref, held: held(s), version: s.version });
}

// A local change: tell Python first (its rerun runs while the browser draws), then draw.
function change(root) {
  const s = root.__map;
  s.seq += 1;
  tell(s);
  setTimeout(() => draw(root), 0);
}

function range(root, s, which) {
  const words = s.data.words;
  const id = `${s.id}-${which}`;
  const row = el('div', { class: 'maplive-range' });
  const input = el('input', { type: 'range', id, min: '0', max: String(s.data.dates.length - 1), step: '1' });
  input.dataset.end = which;
  const shown = el('output', { for: id, class: 'maplive-date', 'aria-hidden': 'true' });
  row.append(el('label', { for: id }, words[which]), input, shown);
  input.addEventListener('input', () => {
    const at = Number(input.value);
    if (which === 'from') {
      s.start = at;
      if (s.end < at) s.end = at; // the other end moves along: never a reversed window
    } else {
      s.end = at;
      if (s.start > at) s.start = at;
    }
    change(root);
  });
  return row;
}

function chartSection(s, name) {
  const words = s.data.words;
  const section = el('section', { class: 'maplive-chart' });
  section.dataset.chart = name;
  const described = `${s.id}-${name}-description`;
  const plot = el('div', { class: 'maplive-plot', role: 'figure', 'aria-describedby': described });
  const marks = el('details', { class: 'maplive-marks' });
  marks.append(el('summary', {}, words.table), el('div', { class: 'maplive-table' }));
  marks.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-ref]');
    if (button) openMark(s, button.dataset.ref);
  });
  section.append(
    el('div', { class: 'maplive-head' }),
    plot,
    el('div', { class: 'maplive-foot' }),
    el('p', { class: 'maplive-description', id: described }),
    marks,
  );
  return section;
}

function skeleton(root, s) {
  const words = s.data.words;
  const window_ = el('fieldset', { class: 'maplive-window' });
  window_.append(el('legend', {}, words.window), range(root, s, 'from'), range(root, s, 'to'));
  root.append(window_, el('p', { class: 'maplive-status', role: 'status' }), ...CHARTS.map((n) => chartSection(s, n)));
}

function marksTable(marks, words) {
  const table = el('table', { class: 'maplive-marks-table' });
  const head = el('tr');
  for (const name of [words.series, words.mark, words.evidence]) head.append(el('th', { scope: 'col' }, name));
  const thead = el('thead');
  thead.append(head);
  const body = el('tbody');
  for (const [series, label, ref] of marks) {
    const row = el('tr');
    row.append(el('td', {}, series), el('td', {}, label));
    const cell = el('td');
    if (ref) {
      const button = el('button', { type: 'button', 'data-ref': ref }, words.open);
      button.setAttribute('aria-label', words.open_label.replace('{label}', label));
      cell.append(button);
    }
    row.append(cell);
    body.append(row);
  }
  table.append(thead, body);
  return table;
}

function showControls(root, s) {
  const dates = s.data.dates;
  const said = s.data.words.dates;
  for (const input of root.querySelectorAll('.maplive-range input')) {
    const at = input.dataset.end === 'from' ? s.start : s.end;
    if (input.value !== String(at)) input.value = String(at);
    setAttr(input, 'aria-valuetext', said[at]);
    setText(input.parentElement.querySelector('output'), said[at]);
    setAttr(input.parentElement.querySelector('output'), 'datetime', dates[at]);
  }
}

// The selection on both charts: its districts outlined on the map (under the names), its
// attack's mark larger and coloured on the timeline.
function marked(figure, name, highlight) {
  if (name === 'kyiv' && highlight.trace) {
    figure.data.splice(figure.data.length - 1, 0, resolve(highlight.trace, []));
  }
  if (name === 'timeline' && highlight.attack) {
    const trace = figure.data[0];
    const at = Array.isArray(trace.customdata) ? trace.customdata.indexOf(highlight.attack.ref) : -1;
    if (at >= 0 && Array.isArray(trace.marker.size) && Array.isArray(trace.marker.color)) {
      trace.marker.size[at] = highlight.attack.size;
      trace.marker.color[at] = highlight.attack.color;
    }
  }
  return figure;
}

async function drawChart(root, s, name, entry, narrow) {
  const shown = entry.view[name];
  const section = root.querySelector(`.maplive-chart[data-chart="${name}"]`);
  setHTML(section.querySelector('.maplive-head'), shown.head);
  setHTML(section.querySelector('.maplive-foot'), shown.foot);
  setText(section.querySelector('.maplive-description'), shown.description);
  const table = section.querySelector('.maplive-table');
  if (table.__marks !== shown.marks) {
    table.replaceChildren(marksTable(shown.marks, s.data.words));
    table.__marks = shown.marks;
  }
  setHidden(section.querySelector('.maplive-marks'), !shown.marks.length);
  const div = section.querySelector('.maplive-plot');
  setAttr(div, 'aria-label', shown.title);
  const figure = marked(resolve(shown.figure, entry.parts), name, s.data.highlight);
  const config = { ...s.data.configs[name], responsive: true };
  if (narrow) config.displayModeBar = false; // its files are buttons under the charts
  const Plotly = await loadPlotly(s.data.plotly);
  if (div._fullLayout) await Plotly.react(div, figure.data, figure.layout, config);
  else {
    await Plotly.newPlot(div, figure.data, figure.layout, config);
    div.on('plotly_click', (event) => {
      const point = event.points && event.points[0];
      const data = point && point.customdata;
      const ref = Array.isArray(data) ? data[0] : data;
      if (typeof ref === 'string' && ref.includes(':')) openMark(s, ref);
    });
  }
  // the drawing's own text (ticks, names run together) is not read out: the figure's name is
  div.querySelectorAll('svg.main-svg').forEach((g) => g.setAttribute('aria-hidden', 'true'));
  div.querySelectorAll('.modebar a, .modebar button').forEach((b) => b.setAttribute('tabindex', '-1'));
}

async function draw(root) {
  const s = root.__map;
  const narrow = root.clientWidth < TOOLBAR_MIN; // read before the page is changed
  showControls(root, s);
  const key = windowKey(s);
  const entry = s.windows[key];
  const status = root.querySelector('.maplive-status');
  if (!entry) {
    // not sent yet: Python sends it after the state change
    setText(status, s.data.words.updating);
    setAttr(root, 'aria-busy', 'true');
    if (s.asked !== s.seq) tell(s);
    return;
  }
  setText(status, '');
  setAttr(root, 'aria-busy', null);
  const stamp = JSON.stringify([key, s.data.highlight, narrow, s.version]);
  if (s.stamp === stamp) return;
  s.stamp = stamp;
  await Promise.all(CHARTS.map((name) => drawChart(root, s, name, entry, narrow)));
  if (s.stamp === stamp) setAttr(root, 'data-drawn', key); // for tests: the window on screen
  askLater(root);
}

// Python builds the other windows in a thread after the first visit: until the element holds
// them all (`complete`), it asks again now and then, while nothing else is happening, so the
// next move of the window draws here instead of waiting for Python.
const ASK_EVERY = 3000;
const ASKS = 50; // two and a half minutes: the build takes 20-50 s on a loaded 2-core machine
const running = () => !!document.querySelector('[data-testid="stStatusWidget"]'); // Streamlit's

function askLater(root) {
  const s = root.__map;
  if (s.data.complete || s.waiting || (s.asks || 0) >= ASKS) return;
  s.waiting = setTimeout(() => {
    s.waiting = null;
    if (!root.isConnected || s.data.complete) return;
    if (running()) return askLater(root);
    s.asks = (s.asks || 0) + 1;
    s.setStateValue('window', {
      start: s.data.dates[s.start],
      end: s.data.dates[s.end],
      seq: s.seq,
      held: held(s),
      version: s.version,
      ask: s.asks,
    });
    askLater(root); // until a payload says every window is built (it may not change otherwise)
  }, ASK_EVERY);
}

// Python sends the payload as one JSON text: parsed once per text.
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
  let root = parentElement.querySelector('.maplive');
  if (!root) {
    root = el('div', { class: 'maplive' });
    root.__map = { id: data.id, seq: 0, windows: {}, start: 0, end: 0 };
    parentElement.append(root);
  }
  const s = root.__map;
  Object.assign(s, { data, setStateValue, setTriggerValue });
  if (s.version !== data.version) {
    s.windows = {}; // another sector choice, data version or language: every window is new
    s.stamp = null;
  }
  s.version = data.version;
  for (const [key, view] of Object.entries(data.windows)) s.windows[key] = { parts: data.parts, view };
  const said = JSON.stringify(data.words);
  if (s.said !== said) {
    root.replaceChildren(); // a new mount, or another language: the element's words drawn anew
    skeleton(root, s);
    s.said = said;
    s.stamp = null;
  }
  setAttr(root, 'data-windows', String(Object.keys(s.windows).length)); // for tests and benchmarks
  if (data.complete && s.waiting) {
    clearTimeout(s.waiting);
    s.waiting = null;
  }
  if (data.seq >= s.seq) {
    // Python's window (the URL, a link) unless a newer local change waits
    s.seq = data.seq;
    s.start = Math.max(0, data.dates.indexOf(data.current.start));
    s.end = Math.max(s.start, data.dates.indexOf(data.current.end));
  }
  draw(root);
  askLater(root);
}
