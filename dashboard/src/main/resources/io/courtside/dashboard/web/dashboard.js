// One dashboard page: reads the Grafana dashboard JSON, lays its panels out on Grafana's 24-column
// grid, and refreshes every few seconds from /api/dashboards/UID/data, which runs the queries on
// the server. window.courtside is what the browser tests read.
(function () {
  'use strict';
  const params = new URLSearchParams(location.search);
  const uid = decodeURIComponent(location.pathname.replace(/^\/d\//, ''));
  const state = {
    range: params.get('range'),
    follow: params.get('follow') !== 'false',
    vars: {},
    refreshMs: Math.max(100, Number(params.get('refresh')) || 5000),
  };
  for (const [k, v] of params) if (k.startsWith('var-')) state.vars[k.slice(4)] = v;

  const probe = (window.courtside = { refreshes: 0, busy: true, error: null, lastQuery: null, panels: {} });
  const views = new Map();
  const titles = new Map();
  let dashboard = null;
  let timer = null;
  let inflight = null;

  const el = (id) => document.getElementById(id);

  function setStatus(text, isError) {
    el('status').textContent = text;
    el('status').className = isError ? 'error' : '';
  }

  function defaultRange(time) {
    const m = /^now-(\w+)$/.exec((time && time.from) || '');
    return m && ['5m', '15m', '1h', '6h'].includes(m[1]) ? m[1] : '1h';
  }

  function syncUrl() {
    const q = new URLSearchParams();
    q.set('range', state.range);
    q.set('follow', String(state.follow));
    for (const [k, v] of Object.entries(state.vars)) q.set('var-' + k, v);
    if (params.get('refresh')) q.set('refresh', params.get('refresh'));
    history.replaceState(null, '', location.pathname + '?' + q);
    return q;
  }

  function buildControls() {
    el('range').value = state.range;
    el('follow').checked = state.follow;
    el('range').addEventListener('change', (e) => { state.range = e.target.value; refresh(); });
    el('follow').addEventListener('change', (e) => { state.follow = e.target.checked; refresh(); });
    for (const v of (dashboard.templating && dashboard.templating.list) || []) {
      if (v.hide === 2) continue;
      const select = document.createElement('select');
      select.id = 'var-' + v.name;
      select.dataset.name = v.name;
      select.addEventListener('change', () => { state.vars[v.name] = select.value; refresh(); });
      const label = document.createElement('label');
      label.append(v.label || v.name, ' ', select);
      el('vars').append(label);
    }
  }

  function fillVariables(variables) {
    for (const v of variables) {
      const select = el('var-' + v.name);
      if (!select) continue;
      const wanted = (v.includeAll ? ['$__all'] : []).concat(v.options);
      const have = Array.from(select.options, (o) => o.value);
      if (have.join('\u0001') !== wanted.join('\u0001')) {
        select.replaceChildren(...wanted.map((value) => {
          const o = document.createElement('option');
          o.value = value;
          o.textContent = value === '$__all' ? 'All' : value;
          return o;
        }));
      }
      select.value = v.selected;
    }
  }

  function titleOf(panel) {
    return String(panel.title || '').replace(/\$\{?(\w+)\}?/g, (m, name) => {
      const select = el('var-' + name);
      return select ? (select.value === '$__all' ? 'All' : select.value) : m;
    });
  }

  function buildGrid() {
    const grid = el('grid');
    const place = (node, pos) => {
      node.style.gridColumn = (pos.x + 1) + ' / span ' + pos.w;
      node.style.gridRow = (pos.y + 1) + ' / span ' + pos.h;
    };
    const add = (panel) => {
      if (panel.type === 'row') {
        const row = document.createElement('div');
        row.className = 'row-title';
        row.textContent = panel.title || '';
        place(row, Object.assign({}, panel.gridPos, { x: 0, w: 24, h: 1 }));
        grid.append(row);
        (panel.panels || []).forEach(add);
        return;
      }
      const node = document.createElement('section');
      node.className = 'panel';
      node.id = 'panel-' + panel.id;
      node.dataset.type = panel.type;
      node.dataset.state = 'loading';
      place(node, panel.gridPos || { x: 0, y: 0, w: 12, h: 8 });
      const title = document.createElement('h2');
      title.textContent = panel.title || '';
      if (panel.description) title.title = panel.description;
      const body = document.createElement('div');
      body.className = 'body';
      node.append(title, body);
      grid.append(node);
      titles.set(panel.id, { node: title, panel });
      views.set(panel.id, Panels.create(panel, body, (drawn, series, points, errors) => {
        node.dataset.state = drawn;
        probe.panels[panel.id] = { type: panel.type, title: title.textContent, state: drawn, series, points, errors };
      }));
    };
    (dashboard.panels || []).forEach(add);
  }

  async function refresh() {
    clearTimeout(timer);
    if (inflight) inflight.abort();
    const controller = (inflight = new AbortController());
    const url = '/api/dashboards/' + encodeURIComponent(uid) + '/data?' + syncUrl();
    probe.busy = true;
    probe.lastQuery = url;
    try {
      const res = await fetch(url, { signal: controller.signal });
      if (!res.ok) throw new Error(await res.text());
      const data = await res.json();
      fillVariables(data.variables);
      for (const { node, panel } of titles.values()) node.textContent = titleOf(panel);
      for (const p of data.panels) {
        const view = views.get(p.id);
        if (view) view.update(p.results, data);
      }
      const at = new Date().toLocaleTimeString();
      setStatus((data.follow ? (data.newest ? 'following the data: newest ' + new Date(data.newest).toLocaleString()
        : 'no data yet') : 'up to now') + ' · ' + data.interval + ' steps · updated ' + at, false);
      probe.range = { from: data.from, to: data.to, newest: data.newest ?? null, interval: data.interval };
      probe.error = null;
      probe.refreshes++;
    } catch (e) {
      if (e.name === 'AbortError') return;
      // A chosen value the new range no longer offers (a source silent in the last 5 m): back to the default.
      const gone = /^variable \$(\w+): /.exec(String(e.message));
      if (gone && gone[1] in state.vars) {
        delete state.vars[gone[1]];
        inflight = null;
        refresh();
        return;
      }
      probe.error = String(e.message || e);
      probe.stack = e.stack || null;
      setStatus('cannot refresh: ' + probe.error, true);
    }
    if (controller === inflight) {
      inflight = null;
      probe.busy = false;
      timer = setTimeout(refresh, state.refreshMs);
    }
  }

  async function start() {
    try {
      const res = await fetch('/api/dashboards/' + encodeURIComponent(uid));
      if (!res.ok) throw new Error(await res.text());
      dashboard = await res.json();
    } catch (e) {
      probe.error = String(e.message || e);
      probe.busy = false;
      setStatus('cannot read the dashboard: ' + probe.error, true);
      return;
    }
    document.title = dashboard.title + ' · Courtside';
    el('title').textContent = dashboard.title;
    state.range = state.range || defaultRange(dashboard.time);
    buildControls();
    buildGrid();
    refresh();
  }

  // A hidden tab stops refreshing; it catches up when shown.
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) clearTimeout(timer); else if (dashboard && !inflight) refresh();
  });
  start();
})();
