package io.courtside.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.pipeline.influx.InfluxDbException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Substitutes a dashboard's variables into InfluxQL the way Grafana's InfluxDB data source does, so
 * that the page and the tests run the text Grafana would send:
 *
 * <ul>
 *   <li>{@code $timeFilter} -> {@code time >= <from>ms and time <= <to>ms};
 *   <li>{@code $__interval}/{@code $__interval_ms} -> the range over about 1,000 points, rounded up
 *       to a whole number of seconds, at least the data source's {@code timeInterval} (10s);
 *   <li>query variables -> the selected value, or for "All" every value, read from InfluxDB by
 *       running the variable's own query and taking values from its result as Grafana does ({@link
 *       #variableValues}); inside a regex a value is escaped, and "All" becomes {@code
 *       (v1|v2|...)}, as Grafana formats them for InfluxDB;
 *   <li>custom variables -> the selected value, else their current value;
 *   <li>with a following range ({@link TimeRange#follow}), {@code now()} -> the range's end.
 * </ul>
 *
 * <p>A selected value must be one the variable offers (the result of its query, or its custom
 * options): the values end up inside InfluxQL, so nothing else may.
 */
public final class GrafanaTemplating {
  /** What a page sends for "every value". */
  public static final String ALL = "$__all";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern REF =
      Pattern.compile("\\$\\{(\\w+)(?::\\w+)?\\}|\\[\\[(\\w+)\\]\\]|\\$(\\w+)");
  private static final Pattern NOW = Pattern.compile("(?i)\\bnow\\(\\)");
  private static final Duration MIN_INTERVAL = Duration.ofSeconds(10);

  private final Map<String, String> values = new HashMap<>();
  private final Map<String, List<String>> options = new LinkedHashMap<>();
  private final Map<String, String> selected = new LinkedHashMap<>();
  private final TimeRange range;

  private GrafanaTemplating(TimeRange range) {
    this.range = range;
  }

  /** Every variable at "All" (custom ones at their current value), for {@code [from, to]}. */
  public static GrafanaTemplating forDashboard(
      JsonNode dashboard, InfluxDbClient influx, Instant from, Instant to)
      throws InfluxDbException, DashboardException {
    return forDashboard(dashboard, influx, new TimeRange(from, to, false), Map.of());
  }

  /**
   * Values for the dashboard's variables and the built-ins. {@code selection} maps a variable's
   * name to a value it offers or {@link #ALL}; a variable not in it keeps its default.
   */
  public static GrafanaTemplating forDashboard(
      JsonNode dashboard, InfluxDbClient influx, TimeRange range, Map<String, String> selection)
      throws InfluxDbException, DashboardException {
    GrafanaTemplating t = new GrafanaTemplating(range);
    t.values.put(
        "timeFilter",
        "time >= "
            + range.from().toEpochMilli()
            + "ms and time <= "
            + range.to().toEpochMilli()
            + "ms");
    long intervalMs =
        Math.max(MIN_INTERVAL.toMillis(), (range.length().toMillis() / 1000 + 999) / 1000 * 1000);
    t.values.put("__interval", intervalMs / 1000 + "s");
    t.values.put("__interval_ms", Long.toString(intervalMs));
    Set<String> known = new LinkedHashSet<>();
    for (JsonNode v : dashboard.path("templating").path("list")) {
      String name = v.path("name").asText();
      known.add(name);
      String chosen = selection.get(name);
      switch (v.path("type").asText()) {
        case "query" -> t.queryVariable(name, v, influx, chosen == null ? ALL : chosen);
        case "custom" -> t.customVariable(name, v, chosen);
        default ->
            throw new DashboardException(
                "variable "
                    + name
                    + ": type "
                    + v.path("type").asText()
                    + " is not supported yet: teach GrafanaTemplating first");
      }
    }
    for (String name : selection.keySet()) {
      if (!known.contains(name)) {
        throw new DashboardException("$" + name + " is not a variable of this dashboard");
      }
    }
    return t;
  }

  /** The query with every variable replaced; an unknown variable fails, as it would be left raw. */
  public String apply(String influxql) throws DashboardException {
    Matcher m = REF.matcher(influxql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      String value = values.get(name);
      if (value == null) {
        throw new DashboardException(
            "$" + name + " is not a variable of this dashboard: " + influxql);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    String query = out.toString();
    return range.follow()
        ? NOW.matcher(query).replaceAll(Matcher.quoteReplacement(range.to().toEpochMilli() + "ms"))
        : query;
  }

  /** Each variable's values, in the dashboard's order (the page's drop-downs). */
  public Map<String, List<String>> options() {
    return options;
  }

  /** Each variable's value as used: a value or {@link #ALL}. */
  public Map<String, String> selected() {
    return selected;
  }

  private void queryVariable(String name, JsonNode v, InfluxDbClient influx, String chosen)
      throws InfluxDbException, DashboardException {
    String query = apply(v.path("query").asText());
    JsonNode result;
    try {
      result = JSON.readTree(influx.query(query)).path("results").path(0);
    } catch (IOException e) {
      throw new DashboardException(
          "variable $" + name + ": InfluxDB's answer is not JSON: " + e.getMessage());
    }
    if (result.has("error")) {
      throw new DashboardException(
          "variable $" + name + ": InfluxDB says " + result.get("error") + ": " + query);
    }
    List<String> found = List.copyOf(variableValues(query, result));
    options.put(name, found);
    selected.put(name, chosen);
    if (ALL.equals(chosen)) {
      List<String> escaped = new ArrayList<>();
      for (String value : found) {
        escaped.add(escapeRegex(value));
      }
      values.put(name, "(" + String.join("|", escaped) + ")");
    } else if (found.contains(chosen)) {
      values.put(name, escapeRegex(chosen));
    } else {
      throw new DashboardException(
          "variable $" + name + ": '" + chosen + "' is not one of its values " + found);
    }
  }

  private void customVariable(String name, JsonNode v, String chosen) throws DashboardException {
    List<String> offered = new ArrayList<>();
    v.path("options").forEach(o -> offered.add(o.path("value").asText()));
    if (offered.isEmpty()) {
      for (String o : v.path("query").asText().split(",")) {
        offered.add(o.trim());
      }
    }
    String value = chosen == null ? v.path("current").path("value").asText() : chosen;
    if (!offered.contains(value)) {
      throw new DashboardException(
          "variable $" + name + ": '" + value + "' is not one of its values " + offered);
    }
    options.put(name, List.copyOf(offered));
    selected.put(name, value);
    values.put(name, value);
  }

  private static String escapeRegex(String value) {
    return value.replaceAll("([\\\\/^$.|?*+()\\[\\]{}])", "\\\\$1");
  }

  /**
   * The values Grafana's InfluxDB data source takes from a variable query's result: in every
   * series, each row's second column (SHOW TAG VALUES gives key, value; a SELECT gives time,
   * value), or its first when the row has one column or the query is SHOW FIELD KEYS or SHOW
   * RETENTION POLICIES; duplicates dropped. (Its backend mode takes the first string column that is
   * not the time: the same value for these queries.)
   */
  public static Collection<String> variableValues(String query, JsonNode result) {
    String q = query.toLowerCase(Locale.ROOT);
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
