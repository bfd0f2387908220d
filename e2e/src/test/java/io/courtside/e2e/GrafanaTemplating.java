package io.courtside.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.pipeline.influx.InfluxDbClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Substitutes a dashboard's variables into InfluxQL the way Grafana's InfluxDB data source does,
 * so that the test runs the text Grafana would send:
 *
 * <ul>
 *   <li>{@code $timeFilter} -> {@code time >= <from>ms and time <= <to>ms};
 *   <li>{@code $__interval}/{@code $__interval_ms} -> the range over about 1,000 points, rounded
 *       up to a whole number of seconds, at least the data source's {@code timeInterval} (10s);
 *   <li>query variables -> their values, read from InfluxDB by running the variable's own query
 *       (which therefore must work too); a multi-value or "All" selection inside a regex becomes
 *       {@code (v1|v2|...)} with regex characters escaped, as Grafana formats it for InfluxDB;
 *   <li>custom variables -> their current value.
 * </ul>
 */
final class GrafanaTemplating {
  private static final Pattern REF =
      Pattern.compile("\\$\\{(\\w+)(?::\\w+)?\\}|\\[\\[(\\w+)\\]\\]|\\$(\\w+)");
  private static final Duration MIN_INTERVAL = Duration.ofSeconds(10);

  private final Map<String, String> values = new HashMap<>();

  private GrafanaTemplating() {}

  /** Values for the dashboard's variables and the built-ins, for the range [from, to]. */
  static GrafanaTemplating forDashboard(JsonNode dashboard, InfluxDbClient influx, Instant from, Instant to)
      throws Exception {
    GrafanaTemplating t = new GrafanaTemplating();
    t.values.put("timeFilter", "time >= " + from.toEpochMilli() + "ms and time <= " + to.toEpochMilli() + "ms");
    long intervalMs = Math.max(MIN_INTERVAL.toMillis(),
        (Duration.between(from, to).toMillis() / 1000 + 999) / 1000 * 1000);
    t.values.put("__interval", intervalMs / 1000 + "s");
    t.values.put("__interval_ms", Long.toString(intervalMs));
    for (JsonNode v : dashboard.path("templating").path("list")) {
      String name = v.path("name").asText();
      switch (v.path("type").asText()) {
        case "query" -> t.values.put(name, t.queryVariable(name, v, influx));
        case "custom" -> t.values.put(name, v.path("current").path("value").asText());
        default -> throw new AssertionError("variable " + name + ": type "
            + v.path("type").asText() + " is not supported by this test: teach it first");
      }
    }
    return t;
  }

  /** The query with every variable replaced; an unknown variable fails, as it would be left raw. */
  String apply(String influxql) {
    Matcher m = REF.matcher(influxql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      String value = values.get(name);
      if (value == null) {
        throw new AssertionError("$" + name + " is not a variable of this dashboard: " + influxql);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String queryVariable(String name, JsonNode v, InfluxDbClient influx) throws Exception {
    String query = apply(v.path("query").asText());
    List<String> found = new ArrayList<>();
    for (JsonNode row : InfluxQuery.rows(influx, query)) {
      found.add(row.path("value").asText());
    }
    if (found.isEmpty()) {
      throw new AssertionError("variable $" + name + " has no values: " + query);
    }
    List<String> escaped = new ArrayList<>();
    for (String value : found) {
      escaped.add(value.replaceAll("([\\\\/^$.|?*+()\\[\\]{}])", "\\\\$1"));
    }
    // The dashboards select "All": every value, as one regex alternation.
    return "(" + String.join("|", escaped) + ")";
  }
}
