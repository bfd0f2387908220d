// Checks what the schema types cannot: what Grafana needs of a dashboard to lay it out and to
// run its queries. Every function returns a list of error strings; empty means fine.

// Variables Grafana defines itself (https://grafana.com/docs/grafana/latest/dashboards/variables/add-template-variables/#global-variables)
// plus the InfluxDB data source's $timeFilter and the $tag_<key> aliases of InfluxQL series.
const BUILT_IN = new Set([
  'timeFilter', '__timeFilter', '__interval', '__interval_ms', '__rate_interval', '__rate_interval_ms',
  '__range', '__range_s', '__range_ms', '__from', '__to', '__dashboard', '__org', '__user', '__name',
  '__all', '__data', '__field', '__series', '__value', '__cell', 'col',
]);
const VAR_REF = /\$\{([A-Za-z_]\w*)(?:[.:][^}]*)?\}|\[\[([A-Za-z_]\w*)(?::[^\]]*)?\]\]|\$([A-Za-z_]\w*)/g;
const GRID_COLUMNS = 24;

export function panelsOf(dashboard) {
  const out = [];
  for (const p of dashboard.panels ?? []) {
    out.push(p);
    if (p.type === 'row') out.push(...(p.panels ?? []));
  }
  return out;
}

export function variableRefs(text) {
  const refs = [];
  for (const m of String(text ?? '').matchAll(VAR_REF)) refs.push(m[1] ?? m[2] ?? m[3]);
  return refs;
}

export function semanticErrors(file, d, datasourceUids) {
  const errors = [];
  const err = (where, msg) => errors.push(`${file}: ${where}: ${msg}`);
  if (!d.uid) err('dashboard', 'no uid: provisioning needs a stable uid');
  if (!d.title) err('dashboard', 'no title');

  const declared = new Set();
  for (const v of d.templating?.list ?? []) {
    if (declared.has(v.name)) err(`variable ${v.name}`, 'declared twice');
    declared.add(v.name);
  }
  const checkRefs = (where, text) => {
    for (const name of variableRefs(text)) {
      if (!declared.has(name) && !BUILT_IN.has(name) && !name.startsWith('tag_')) {
        err(where, `uses $${name}, which is not a dashboard variable`);
      }
    }
  };
  for (const v of d.templating?.list ?? []) {
    if (v.type === 'query') {
      const query = typeof v.query === 'string' ? v.query : v.query?.query;
      checkRefs(`variable ${v.name}`, query);
      checkDatasource(`variable ${v.name}`, v.datasource, datasourceUids, err);
      // A SELECT reads points (SHOW TAG VALUES reads the index): bound it by the dashboard's range,
      // and re-run it when the range changes (refresh 2), or its list is the range at load time.
      if (/^\s*SELECT\b/i.test(query ?? '')) {
        if (!query.includes('$timeFilter')) err(`variable ${v.name}`, 'a SELECT variable needs $timeFilter');
        if (v.refresh !== 2) err(`variable ${v.name}`, 'a SELECT variable needs refresh: 2 (on time range change)');
      }
    }
  }

  const ids = new Map();
  const boxes = [];
  for (const p of panelsOf(d)) {
    const where = `panel ${p.id} "${p.title ?? ''}"`;
    if (!Number.isInteger(p.id)) err(where, 'id must be an integer');
    else if (ids.has(p.id)) err(where, `id ${p.id} is also used by "${ids.get(p.id)}"`);
    else ids.set(p.id, p.title);
    checkRefs(`${where} title`, p.title);
    if (p.repeat && !declared.has(p.repeat)) err(where, `repeats on undeclared variable ${p.repeat}`);

    const g = p.gridPos;
    if (!g) err(where, 'no gridPos');
    else {
      const ints = ['x', 'y', 'w', 'h'].every((k) => Number.isInteger(g[k]));
      if (!ints) err(where, `gridPos x, y, w, h must be integers: ${JSON.stringify(g)}`);
      else if (g.x < 0 || g.y < 0 || g.w < 1 || g.h < 1 || g.x + g.w > GRID_COLUMNS) {
        err(where, `gridPos ${JSON.stringify(g)} is outside the ${GRID_COLUMNS}-column grid`);
      } else {
        for (const b of boxes) {
          if (g.x < b.g.x + b.g.w && b.g.x < g.x + g.w && g.y < b.g.y + b.g.h && b.g.y < g.y + g.h) {
            err(where, `overlaps ${b.where}`);
          }
        }
        boxes.push({ g, where });
      }
    }
    if (p.type === 'row') continue;

    checkDatasource(where, p.datasource, datasourceUids, err);
    const refIds = new Set();
    if (!(p.targets ?? []).length) err(where, 'has no queries');
    for (const t of p.targets ?? []) {
      const tw = `${where} query ${t.refId}`;
      if (!t.refId) err(where, 'a query has no refId');
      else if (refIds.has(t.refId)) err(tw, 'refId used twice in this panel');
      refIds.add(t.refId);
      checkDatasource(tw, t.datasource, datasourceUids, err);
      if (t.rawQuery !== true || !t.query) {
        err(tw, 'must be raw InfluxQL (rawQuery: true and a query text)');
        continue;
      }
      checkRefs(tw, t.query);
      checkRefs(tw, t.alias);
      if (/^\s*SELECT\b/i.test(t.query) && !t.query.includes('$timeFilter')) {
        err(tw, 'has no $timeFilter: it would ignore the dashboard time range and scan everything');
      }
    }
  }
  return errors;
}

function checkDatasource(where, ds, uids, err) {
  if (ds == null) return; // the panel's or the default data source
  if (ds.type !== 'influxdb') err(where, `data source type must be influxdb, got ${ds.type}`);
  if (!uids.has(ds.uid)) err(where, `data source uid ${ds.uid} is not provisioned (${[...uids].join(', ')})`);
}
