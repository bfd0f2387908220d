// Checks Grafana dashboard JSON files against @grafana/schema types and Grafana's rules.
//   node check-dashboards.mjs [FILE.json ...]   (default: every ../dashboards/*.json)
// Exit status 0 when every file passes, 1 with the list of problems otherwise.
// Run by Maven in the grafana module (`./courtside test`), after `npm ci`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemaErrors } from './schema-check.mjs';
import { semanticErrors } from './semantic-check.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const GRAFANA = path.resolve(HERE, '..');

/** The data source uids provisioned in grafana/provisioning/datasources/*.yaml. */
export function provisionedUids() {
  const dir = path.join(GRAFANA, 'provisioning', 'datasources');
  const uids = new Set();
  for (const f of fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
    for (const m of fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/^\s*uid:\s*["']?([\w-]+)/gm)) {
      uids.add(m[1]);
    }
  }
  return uids;
}

export function checkFiles(files) {
  const errors = [];
  const dashboards = [];
  const uids = provisionedUids();
  const dashboardUids = new Map();
  for (const file of files) {
    const name = path.relative(GRAFANA, file);
    let json;
    try {
      json = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      errors.push(`${name}: not valid JSON: ${e.message}`);
      continue;
    }
    if (dashboardUids.has(json.uid)) errors.push(`${name}: uid ${json.uid} is also used by ${dashboardUids.get(json.uid)}`);
    dashboardUids.set(json.uid, name);
    dashboards.push({ file: name, json });
    errors.push(...semanticErrors(name, json, uids));
  }
  errors.push(...schemaErrors(dashboards, path.join(HERE, '.generated')));
  return { errors, checked: dashboards.length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dir = path.join(GRAFANA, 'dashboards');
  const files = args.length
    ? args.map((a) => path.resolve(a))
    : fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(dir, f));
  if (!files.length) {
    console.error('no dashboard files found');
    process.exit(1);
  }
  const { errors, checked } = checkFiles(files);
  if (errors.length) {
    console.error(`${errors.length} problem(s) in ${checked} dashboard(s):`);
    for (const e of errors) console.error(`- ${e}`);
    process.exit(1);
  }
  console.log(`${checked} dashboard(s) match @grafana/schema and pass the semantic checks:`);
  for (const f of files) console.log(`  ${path.relative(GRAFANA, f)}`);
}
