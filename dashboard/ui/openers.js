// A titled list of buttons that open evidence: one element for what used to be a Streamlit
// button and a caption per row (a date window's change redrew every one of them). Each row is a
// native button (its label) with its details beside it; a click or Enter is the trigger `open`
// with the row's reference. Every text is set with textContent, never parsed as HTML.
//
// Another element may draw a list's rows ahead of Python (the Map's element, which holds every
// window's rows): it dispatches `openers:rows` on the document with {key, seq, list}. Python's
// rerun then sends the same rows, which are not drawn again; rows Python sent for an older
// change (`seq` below the latest drawn ahead) are not drawn over newer ones.

// `el` is elements.js's (ui/openers.py puts it before this script).

function render(root, list) {
  const shown = JSON.stringify([list.title, list.note || '', list.rows, list.empty]);
  if (root.__shown === shown) return; // the same list: nothing to redraw
  root.__shown = shown;
  const id = `openers-${list.key}`;
  const parts = [el('p', { class: 'openers-title', id }, list.title)];
  if (list.note) parts.push(el('p', { class: 'openers-note' }, list.note));
  if (!list.rows.length) {
    root.replaceChildren(...parts, el('p', { class: 'openers-empty' }, list.empty));
    return;
  }
  const items = el('ul', { class: 'openers-rows', 'aria-labelledby': id });
  for (const [label, detail, ref] of list.rows) {
    const item = el('li');
    const button = el('button', { type: 'button', 'data-ref': ref }, label);
    item.append(button, el('span', { class: 'openers-detail' }, detail));
    items.append(item);
  }
  root.replaceChildren(...parts, items);
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const list = JSON.parse(data.payload);
  let root = parentElement.querySelector('.openers');
  if (!root) {
    root = el('div', { class: 'openers' });
    root.__seq = -1;
    root.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-ref]');
      if (button) setTriggerValue('open', button.dataset.ref);
    });
    const ahead = (event) => {
      if (!root.isConnected) return document.removeEventListener('openers:rows', ahead);
      const { key, seq, list: rows } = event.detail || {};
      if (key !== root.__key || !rows) return;
      root.__seq = Math.max(root.__seq, seq);
      render(root, { ...rows, key });
    };
    document.addEventListener('openers:rows', ahead);
    parentElement.append(root);
  }
  root.__key = list.key;
  if (typeof list.seq === 'number' && list.seq < root.__seq) return; // drawn ahead: newer
  render(root, list);
}
