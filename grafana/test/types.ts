// Type helpers for checking dashboard JSON against @grafana/schema.
//
// JSON has no enums: "graphTooltip": 1 or "mode": "normal" are plain literals, while the schema
// types use TypeScript enums. Loose<T> turns every string enum into the union of its values
// (`${E}`), keeps numeric enums (a numeric literal of a member's value is assignable), and
// recurses into arrays and objects keeping optionality, so a misspelt key or a wrong literal
// still fails.
export type Loose<T> = T extends string
  ? string extends T
    ? string
    : `${T}`
  : T extends number | boolean | null | undefined
    ? T
    : T extends ReadonlyArray<infer U>
      ? Array<Loose<U>>
      : T extends object
        ? { [K in keyof T]: Loose<T[K]> }
        : T;

// Grafana fills panel options it does not find with its defaults, so every option is optional.
export type DeepPartial<T> = T extends ReadonlyArray<infer U>
  ? Array<DeepPartial<U>>
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

// The InfluxQL query model of Grafana's InfluxDB data source, as the dashboards use it: raw
// InfluxQL text only (the same text runs on InfluxDB 1.x, 2.x with DBRP, and 3.x).
export interface InfluxQLTarget {
  refId: string;
  datasource?: { type: 'influxdb'; uid: string };
  rawQuery: true;
  query: string;
  resultFormat: 'time_series' | 'table' | 'logs';
  alias?: string;
  hide?: boolean;
}
