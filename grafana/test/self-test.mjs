// Proves the checker catches what it claims to: runs it on fixtures/broken-dashboard.json, a copy
// of a real dashboard with one mistake of each kind, and requires every mistake to be reported.
// A checker that silently passes everything would otherwise look just like a clean dashboard.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFiles } from './check-dashboards.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const EXPECTED = [
  ['schema: graphTooltip must be a DashboardCursorSync number', /dashboard: .*graphTooltip/s],
  ['schema: misspelt timeseries option', /panel 1 .*options: .*legnd/s],
  ['duplicate panel id', /id 1 is also used by/],
  ['grid wider than 24 columns', /outside the 24-column grid/],
  ['duplicate refId', /refId used twice/],
  ['undeclared variable', /uses \$team, which is not a dashboard variable/],
  ['query without $timeFilter', /has no \$timeFilter/],
  ['unprovisioned data source', /uid not-provisioned is not provisioned/],
  ['SELECT variable without $timeFilter', /variable source: a SELECT variable needs \$timeFilter/],
  ['SELECT variable not refreshed on time range change', /variable source: a SELECT variable needs refresh: 2/],
];

const { errors } = checkFiles([path.join(HERE, 'fixtures', 'broken-dashboard.json')]);
const missed = EXPECTED.filter(([, re]) => !errors.some((e) => re.test(e)));
if (missed.length) {
  console.error('self-test: the checker missed mistakes in fixtures/broken-dashboard.json:');
  for (const [what] of missed) console.error(`- ${what}`);
  console.error('it reported:');
  for (const e of errors) console.error(`  ${e}`);
  process.exit(1);
}
console.log(`self-test: the checker reports all ${EXPECTED.length} planted mistakes (${errors.length} problems)`);
