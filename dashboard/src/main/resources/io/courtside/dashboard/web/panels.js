// Draws one Grafana panel from its JSON and the server's query results. uPlot draws the time
// series; stat, bar gauge and table are plain DOM. Text from posts is only ever set as text.
(function () {
  'use strict';
  const NAMED = { positive: '#2f9e44', negative: '#e03131', neutral: '#868e96' };
  const PALETTE = ['#1c7ed6', '#f08c00', '#7048e8', '#0ca678', '#d6336c', '#5c940d', '#1098ad', '#e8590c', '#ae3ec9', '#495057'];

  function h(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'style') Object.assign(e.style, v); else e.setAttribute(k, v);
    }
    for (const c of children) e.append(c instanceof Node ? c : String(c));
    return e;
  }

  function colorOf(name, i) {
    return NAMED[String(name).toLowerCase()] || PALETTE[i % PALETTE.length];
  }

  function alpha(hex, opacityPercent) {
    return hex + Math.round(Math.max(0, Math.min(100, opacityPercent)) * 2.55).toString(16).padStart(2, '0');
  }

  // Grafana's continuous-RdYlGr over [min, max].
  function redYellowGreen(v, min, max) {
    const t = Math.max(0, Math.min(1, (v - min) / (max - min || 1)));
    const stops = [[215, 48, 39], [254, 224, 139], [26, 152, 80]];
    const [a, b, f] = t < 0.5 ? [stops[0], stops[1], t * 2] : [stops[1], stops[2], (t - 0.5) * 2];
    return 'rgb(' + a.map((x, i) => Math.round(x + (b[i] - x) * f)).join(',') + ')';
  }

  function short(v) {
    const a = Math.abs(v);
    if (a >= 1e6) return (v / 1e6).toFixed(1) + 'M';
    if (a >= 1e3) return (v / 1e3).toFixed(1) + 'K';
    return Number.isInteger(v) ? String(v) : v.toFixed(a >= 10 ? 1 : 2);
  }

  // A number with the panel's unit, as Grafana writes it.
  function fmt(unit, v, decimals) {
    if (v === null || v === undefined || Number.isNaN(v)) return '–';
    if (typeof v !== 'number') return String(v);
    switch (unit) {
      case 'percent': return v.toFixed(decimals ?? 1) + '%';
      case 'ms': return Math.abs(v) >= 1000 ? (v / 1000).toFixed(decimals ?? 2) + ' s' : v.toFixed(decimals ?? 0) + ' ms';
      case 's': return v.toFixed(decimals ?? 1) + ' s';
      case 'reqps': return short(v) + '/s';
      case 'short': return decimals === undefined ? short(v) : v.toFixed(decimals);
      default: return decimals === undefined ? String(Number(v.toFixed(Math.abs(v) >= 100 ? 0 : 2))) : v.toFixed(decimals);
    }
  }

  // The name Grafana gives a series column: the target's alias ($tag_x, $col), else tags or the column.
  function seriesName(alias, s, col, columns) {
    const tags = s.tags || {};
    if (alias) {
      return alias.replace(/\$tag_(\w+)|\[\[tag_(\w+)\]\]/g, (_, a, b) => tags[a || b] ?? '')
        .replace(/\$col/g, col).replace(/\$measurement|\$m\b/g, s.name);
    }
    const tagText = Object.values(tags).join(', ');
    if (!tagText) return col;
    return columns > 1 ? col + ' ' + tagText : tagText;
  }

  // Every value column of every series: {name, xs (s), ys}.
  function columnsOf(panel, results) {
    const out = [];
    results.forEach((r) => {
      const target = (panel.targets || []).find((t) => t.refId === r.refId) || {};
      for (const s of r.series || []) {
        const t = s.columns.indexOf('time');
        const valueCols = s.columns.map((c, i) => i).filter((i) => i !== t);
        for (const c of valueCols) {
          out.push({
            name: seriesName(target.alias, s, s.columns[c], valueCols.length),
            xs: t < 0 ? [] : s.values.map((row) => row[t] / 1000),
            ys: s.values.map((row) => row[c]),
          });
        }
      }
    });
    return out;
  }

  function errorsOf(results) {
    return results.filter((r) => r.error).map((r) => r.refId + ': ' + r.error);
  }

  function timeseries(panel, body, report) {
    const fc = (panel.fieldConfig && panel.fieldConfig.defaults) || {};
    const custom = fc.custom || {};
    const bars = custom.drawStyle === 'bars';
    const stacked = custom.stacking && custom.stacking.mode === 'normal';
    let plot = null;
    let key = null;
    let range = [0, 1];
    let raw = [];
    const observer = new ResizeObserver(() => plot && plot.setSize(size()));
    observer.observe(body);

    function size() {
      return { width: Math.max(100, body.clientWidth - 4), height: Math.max(60, body.clientHeight - 30) };
    }

    function options(names) {
      const order = stacked ? names.map((n, i) => i).reverse() : names.map((n, i) => i);
      return Object.assign(size(), {
        scales: {
          x: { time: true, range: () => range },
          y: {
            range: (u, lo, hi) => {
              const a = fc.min ?? Math.min(0, lo ?? 0);
              let b = fc.max ?? Math.max(hi ?? 1, a + 1e-9);
              if (fc.max === undefined) b += (b - a) * 0.08;
              return [a, b];
            },
          },
        },
        axes: [{}, { size: 56, values: (u, splits) => splits.map((v) => fmt(fc.unit, v)) }],
        legend: { live: true },
        // uPlot's own hover dots (cursor.points.show is its element factory): none on bars.
        cursor: bars ? { points: { show: false } } : {},
        series: [{}].concat(order.map((k) => {
          const color = colorOf(names[k], k);
          // uPlot merges these over its defaults: leave a key out rather than set it undefined.
          const s = {
            label: names[k],
            stroke: color,
            width: custom.lineWidth ?? 1,
            spanGaps: !!custom.spanNulls,
            points: { show: custom.showPoints === 'always' },
            value: (u, v, si, di) => (di === null || di === undefined ? '' : fmt(fc.unit, raw[k][di])),
          };
          if (custom.fillOpacity) s.fill = alpha(color, custom.fillOpacity);
          if (bars) s.paths = uPlot.paths.bars({ size: [0.8, 40] });
          return s;
        })),
      });
    }

    return {
      update(results, data) {
        range = [data.from / 1000, data.to / 1000];
        const errors = errorsOf(results);
        const cols = columnsOf(panel, results);
        const names = cols.map((c) => c.name);
        const aligned = cols.length ? uPlot.join(cols.map((c) => [c.xs, c.ys])) : [[]];
        raw = aligned.slice(1);
        let shown = raw;
        if (stacked) {
          // Each series on top of the ones before it; drawn tallest first so every part shows.
          const sums = [];
          raw.forEach((ys, k) => sums.push(ys.map((y, i) => {
            const below = k === 0 ? null : sums[k - 1][i];
            return (y === null || y === undefined) && below === null ? null : (below ?? 0) + (y ?? 0);
          })));
          shown = sums.reverse();
        }
        const newKey = names.join('\u0001');
        if (errors.length === 0 && plot && key === newKey) {
          plot.setData([aligned[0]].concat(shown));
        } else {
          if (plot) plot.destroy();
          plot = null;
          body.replaceChildren();
          if (errors.length) {
            body.append(h('div', { class: 'error' }, errors.join('\n')));
          } else {
            plot = new uPlot(options(names), [aligned[0]].concat(shown), body);
          }
          key = newKey;
        }
        const points = raw.reduce((n, ys) => n + ys.filter((y) => y !== null && y !== undefined).length, 0);
        report(errors.length ? 'error' : points ? 'data' : 'empty', names, points, errors);
      },
      destroy() {
        observer.disconnect();
        if (plot) plot.destroy();
      },
    };
  }

  function stat(panel, body, report) {
    const fc = (panel.fieldConfig && panel.fieldConfig.defaults) || {};
    return {
      update(results) {
        const errors = errorsOf(results);
        const cols = columnsOf(panel, results);
        const values = cols.map((c) => {
          const found = c.ys.filter((y) => typeof y === 'number');
          return { name: c.name, value: found.length ? found[found.length - 1] : null };
        });
        const numbers = values.filter((v) => v.value !== null);
        body.replaceChildren(errors.length ? h('div', { class: 'error' }, errors.join('\n'))
          : numbers.length ? h('div', { class: 'stats' }, ...values.map((v, i) => h('div', { class: 'stat' },
            h('div', { class: 'value', style: { color: NAMED[v.name.toLowerCase()] || (values.length > 1 ? colorOf(v.name, i) : '#1f2328') } },
              fmt(fc.unit, v.value, fc.decimals)),
            h('div', { class: 'label' }, v.name))))
            : h('div', { class: 'empty' }, 'No data in this range'));
        report(errors.length ? 'error' : numbers.length ? 'data' : 'empty', values.map((v) => v.name), numbers.length, errors);
      },
      destroy() {},
    };
  }

  function bargauge(panel, body, report) {
    const fc = (panel.fieldConfig && panel.fieldConfig.defaults) || {};
    const min = fc.min ?? 0;
    const max = fc.max ?? 1;
    const labelField = (/\$\{__data\.fields\.(\w+)\}/.exec(fc.displayName || '') || [])[1];
    // bottom() lists the lowest first, top() the highest: keep that reading order.
    const ascending = (panel.targets || []).some((t) => /\bbottom\s*\(/i.test(t.query || ''));
    return {
      update(results) {
        const errors = errorsOf(results);
        const rows = [];
        for (const r of results) {
          for (const s of r.series || []) {
            const label = labelField ? s.columns.indexOf(labelField) : -1;
            const value = s.columns.findIndex((c, i) => c !== 'time' && i !== label);
            for (const row of s.values) {
              const name = label >= 0 ? row[label] : (s.tags && Object.values(s.tags).join(', ')) || s.columns[value];
              if (typeof row[value] === 'number') rows.push({ name: String(name), value: row[value] });
            }
          }
        }
        rows.sort((a, b) => (ascending ? a.value - b.value : b.value - a.value));
        body.replaceChildren(errors.length ? h('div', { class: 'error' }, errors.join('\n'))
          : rows.length ? h('div', { class: 'bars' }, ...rows.map((r) => {
            const color = fc.color && fc.color.mode === 'continuous-RdYlGr' ? redYellowGreen(r.value, min, max) : PALETTE[0];
            const width = Math.max(1, Math.min(100, ((r.value - min) / (max - min || 1)) * 100));
            return h('div', { class: 'bar-row' }, h('span', { class: 'label', title: r.name }, r.name),
              h('span', { class: 'track' }, h('span', { class: 'fill', style: { width: width + '%', background: color } })),
              h('span', { class: 'val' }, fmt(fc.unit, r.value, fc.decimals)));
          }))
            : h('div', { class: 'empty' }, 'No data in this range'));
        report(errors.length ? 'error' : rows.length ? 'data' : 'empty', rows.map((r) => r.name), rows.length, errors);
      },
      destroy() {},
    };
  }

  function cell(column, v) {
    if (column === 'time' && typeof v === 'number') return h('td', { class: 'num' }, new Date(v).toLocaleTimeString());
    if (typeof v === 'number') {
      const cls = column === 'compound' ? (v >= 0.05 ? 'num pos' : v <= -0.05 ? 'num neg' : 'num neu') : 'num';
      return h('td', { class: cls }, Number.isInteger(v) ? String(v) : v.toFixed(3));
    }
    const cls = v === 'positive' ? 'pos' : v === 'negative' ? 'neg' : v === 'neutral' ? 'neu' : 'text';
    return h('td', { class: cls, title: v ?? '' }, v ?? '');
  }

  function table(panel, body, report, note) {
    return {
      update(results) {
        const errors = errorsOf(results);
        const parts = [];
        let rows = 0;
        const names = [];
        for (const r of results) {
          for (const s of r.series || []) {
            names.push(s.name);
            rows += s.values.length;
            parts.push(h('table', {}, h('thead', {}, h('tr', {}, ...s.columns.map((c) => h('th', {}, c)))),
              h('tbody', {}, ...s.values.slice(0, 500).map((row) => h('tr', {}, ...row.map((v, i) => cell(s.columns[i], v)))))));
          }
        }
        body.replaceChildren(...(note ? [h('div', { class: 'note' }, note)] : []),
          ...(errors.length ? [h('div', { class: 'error' }, errors.join('\n'))]
            : rows ? parts : [h('div', { class: 'empty' }, 'No data in this range')]));
        report(errors.length ? 'error' : rows ? 'data' : 'empty', names, rows, errors);
      },
      destroy() {},
    };
  }

  const DRAWN = { timeseries, graph: timeseries, stat, bargauge, table };

  // A view of one panel: update(results, data) draws; destroy() frees it.
  window.Panels = {
    create(panel, body, report) {
      const draw = DRAWN[panel.type];
      if (draw) return draw(panel, body, report);
      return table(panel, body, report, "Panel type '" + panel.type + "' is not drawn here: its query result as a table.");
    },
    fmt,
  };
})();
