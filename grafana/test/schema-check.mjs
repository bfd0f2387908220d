// Type-checks dashboards against @grafana/schema with the TypeScript compiler: each dashboard
// becomes a generated .ts file of `<json> satisfies Loose<Dashboard>` statements (the dashboard,
// then each panel's options, field config and targets against the type of its panel plugin), so
// a wrong type, a misspelt key or an unknown literal is a compile error with the JSON path.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const CFG = '@grafana/schema/dist/esm/raw/composable';
// Panel plugin -> module of its generated Options/FieldConfig types. A panel type not listed
// here fails the check: add its types before using it.
export const PANEL_TYPES = {
  timeseries: `${CFG}/timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen`,
  stat: `${CFG}/stat/panelcfg/x/StatPanelCfg_types.gen`,
  table: `${CFG}/table/panelcfg/x/TablePanelCfg_types.gen`,
  bargauge: `${CFG}/bargauge/panelcfg/x/BarGaugePanelCfg_types.gen`,
  piechart: `${CFG}/piechart/panelcfg/x/PieChartPanelCfg_types.gen`,
};
const HAS_FIELD_CONFIG = new Set(['timeseries', 'table', 'piechart']);

function panelsOf(dashboard) {
  const out = [];
  for (const p of dashboard.panels ?? []) {
    out.push(p);
    if (p.type === 'row') out.push(...(p.panels ?? []));
  }
  return out;
}

/** Writes the generated sources into outDir; returns [{file, labels: [{line, label}]}]. */
function generate(dashboards, outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  const generated = [];
  dashboards.forEach(({ file, json }, n) => {
    const lines = [
      `import type { Dashboard } from '@grafana/schema';`,
      `import type { Loose, DeepPartial, InfluxQLTarget } from '../types';`,
    ];
    const labels = [];
    const used = new Set();
    // Physical line where the next statement starts (a pretty-printed statement spans many).
    const nextLine = () => lines.reduce((n, l) => n + l.split('\n').length, 0) + 1;
    const emit = (label, expr, type) => {
      labels.push({ line: nextLine(), label });
      lines.push(`export const c${labels.length} = ${expr} satisfies ${type};`);
    };
    emit('dashboard', JSON.stringify(json, null, 2), 'Loose<Dashboard>');
    for (const p of panelsOf(json)) {
      const where = `panel ${p.id} "${p.title ?? ''}"`;
      if (p.type === 'row') continue;
      const mod = PANEL_TYPES[p.type];
      if (!mod) {
        labels.push({ line: 0, label: `${where}: panel type "${p.type}" has no schema types in schema-check.mjs` });
        continue;
      }
      const alias = `P_${p.type}`;
      if (!used.has(p.type)) {
        used.add(p.type);
        const fc = HAS_FIELD_CONFIG.has(p.type) ? `, FieldConfig as ${alias}_FieldConfig` : '';
        lines.splice(2, 0, `import type { Options as ${alias}_Options${fc} } from '${mod}';`);
        labels.forEach((l) => (l.line += 1));
      }
      emit(`${where} options`, JSON.stringify(p.options ?? {}), `Loose<DeepPartial<${alias}_Options>>`);
      if (HAS_FIELD_CONFIG.has(p.type)) {
        emit(`${where} fieldConfig.defaults.custom`, JSON.stringify(p.fieldConfig?.defaults?.custom ?? {}),
          `Loose<DeepPartial<${alias}_FieldConfig>>`);
      }
      emit(`${where} targets`, JSON.stringify(p.targets ?? []), 'InfluxQLTarget[]');
    }
    const out = path.join(outDir, `dashboard${n}.ts`);
    fs.writeFileSync(out, lines.join('\n') + '\n');
    generated.push({ file, out, labels });
  });
  return generated;
}

/** Returns a list of error strings ("file: where: message"); empty when every dashboard fits. */
export function schemaErrors(dashboards, outDir) {
  const generated = generate(dashboards, outDir);
  const errors = [];
  for (const g of generated) {
    for (const l of g.labels.filter((l) => l.line === 0)) errors.push(`${g.file}: ${l.label}`);
  }
  // outDir must sit next to types.ts and node_modules (../types, @grafana/schema resolve from it).
  const program = ts.createProgram(generated.map((g) => g.out), {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    types: [],
  });
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const g = generated.find((x) => d.file && path.resolve(d.file.fileName) === path.resolve(x.out));
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n  ');
    if (!g) {
      errors.push(`type checker: ${message}`);
      continue;
    }
    const { line } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
    const label = [...g.labels].reverse().find((l) => l.line > 0 && l.line <= line + 1)?.label ?? '?';
    const text = d.file.text.split('\n')[line].trim().slice(0, 120);
    errors.push(`${g.file}: ${label}: ${message}\n  at: ${text}`);
  }
  return errors;
}
