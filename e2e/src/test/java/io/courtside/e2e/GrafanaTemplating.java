package io.courtside.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.pipeline.influx.InfluxDbClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 *       (which therefore must work too) and taking values from its result as Grafana does
 *       ({@link #variableValues}); a multi-value or "All" selection inside a regex becomes
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
    JsonNode result = InfluxQuery.result(influx, query);
    if (result.has("error")) {
      throw new AssertionError("variable $" + name + ": InfluxDB says " + result.get("error") + ": " + query);
    }
    Collection<String> found = variableValues(query, result);
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

  /**
   * The values Grafana's InfluxDB data source takes from a variable query's result: in every
   * series, each row's second column (SHOW TAG VALUES gives key, value; a SELECT gives time,
   * value), or its first when the row has one column or the query is SHOW FIELD KEYS or SHOW
   * RETENTION POLICIES; duplicates dropped. (Its backend mode takes the first string column that
   * is not the time: the same value for these queries.)
   */
  static Collection<String> variableValues(String query, JsonNode result) {
    String q = query.toLowerCase(java.util.Locale.ROOT);
    boolean valueFirst = q.contains("show field keys") || q.contains("show retention policies");
    Set<String> values = new LinkedHashSet<>();
    for (JsonNode series : result.path("series")) {
      for (JsonNode row : series.path("values")) {
        JsonNode value = valueFirst || row.size() < 2 ? row.get(0) : row.get(1);
        values.add(value.asText());
      }
    }
    return values;
  }
}
