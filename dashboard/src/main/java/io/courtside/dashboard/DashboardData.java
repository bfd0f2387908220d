package io.courtside.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.pipeline.influx.InfluxDbException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one refresh of a page shows: the range, the variables' values and every panel's query
 * results, run here on the server. The page only ever names a dashboard, a range and variable
 * values; the InfluxQL comes from the dashboard file, so the page cannot run a query of its own.
 */
public final class DashboardData {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The measurements whose newest point "follow the data" moves to. */
  private static final List<String> NEWEST =
      List.of(
          "SELECT last(\"total\") FROM \"polarity_window\"",
          "SELECT last(\"compound\") FROM \"post_sentiment\"");

  private final InfluxDbClient influx;
  private final Clock clock;

  public DashboardData(InfluxDbClient influx, Clock clock) {
    this.influx = influx;
    this.clock = clock;
  }

  /**
   * The page's data: {@code {from, to, follow, newest, interval, variables: [{name, label, options,
   * selected}], panels: [{id, results: [{refId, series | error}]}]}}, times in epoch ms.
   */
  public ObjectNode load(
      Dashboards.Dashboard d, String rangeChoice, boolean follow, Map<String, String> selection)
      throws DashboardException, InfluxDbException {
    Duration length = TimeRange.length(rangeChoice);
    Optional<Instant> newest = follow ? newest() : Optional.empty();
    TimeRange range =
        newest
            .map(n -> TimeRange.following(length, n))
            .orElse(TimeRange.last(length, clock.instant()));
    GrafanaTemplating vars = GrafanaTemplating.forDashboard(d.json(), influx, range, selection);

    ObjectNode out = JSON.createObjectNode();
    out.put("uid", d.uid());
    out.put("from", range.from().toEpochMilli());
    out.put("to", range.to().toEpochMilli());
    out.put("follow", range.follow());
    newest.ifPresent(n -> out.put("newest", n.toEpochMilli()));
    out.put("interval", vars.apply("$__interval"));
    ArrayNode variables = out.putArray("variables");
    for (JsonNode v : d.json().path("templating").path("list")) {
      String name = v.path("name").asText();
      ObjectNode o = variables.addObject();
      o.put("name", name);
      o.put("label", v.path("label").asText(name));
      o.put("includeAll", v.path("includeAll").asBoolean(false));
      vars.options().getOrDefault(name, List.of()).forEach(o.putArray("options")::add);
      o.put("selected", vars.selected().get(name));
    }
    ArrayNode panels = out.putArray("panels");
    ObjectNode current = null;
    for (Dashboards.Target t : Dashboards.targets(d)) {
      int id = t.panel().path("id").asInt();
      if (current == null || current.path("id").asInt() != id) {
        current = panels.addObject();
        current.put("id", id);
        current.putArray("results");
      }
      ObjectNode r = ((ArrayNode) current.get("results")).addObject();
      r.put("refId", t.refId());
      JsonNode result = run(vars.apply(t.query()));
      if (result.has("error")) {
        r.put("error", result.path("error").asText());
      } else {
        r.set("series", withEpochMillis(result.path("series")));
      }
    }
    return out;
  }

  /** The newest point's time of the measurements in {@link #NEWEST}; empty when there is none. */
  Optional<Instant> newest() throws InfluxDbException, DashboardException {
    Optional<Instant> newest = Optional.empty();
    for (String q : NEWEST) {
      for (JsonNode series : run(q).path("series")) {
        for (JsonNode row : series.path("values")) {
          Instant t = parseTime(row.path(0));
          if (newest.isEmpty() || t.isAfter(newest.get())) {
            newest = Optional.of(t);
          }
        }
      }
    }
    return newest;
  }

  private JsonNode run(String influxql) throws InfluxDbException, DashboardException {
    try {
      return JSON.readTree(influx.query(influxql)).path("results").path(0);
    } catch (IOException e) {
      throw new DashboardException("InfluxDB's answer is not JSON: " + e.getMessage());
    }
  }

  /** The series with each value of their {@code time} column as epoch milliseconds. */
  private static JsonNode withEpochMillis(JsonNode series) throws DashboardException {
    ArrayNode out = JSON.createArrayNode();
    for (JsonNode s : series) {
      ObjectNode copy = s.deepCopy();
      int time = -1;
      for (int i = 0; i < s.path("columns").size(); i++) {
        if ("time".equals(s.path("columns").get(i).asText())) {
          time = i;
        }
      }
      if (time >= 0) {
        for (JsonNode row : copy.path("values")) {
          ((ArrayNode) row)
              .set(time, JSON.getNodeFactory().numberNode(parseTime(row.get(time)).toEpochMilli()));
        }
      }
      out.add(copy);
    }
    return out;
  }

  private static Instant parseTime(JsonNode cell) throws DashboardException {
    try {
      return Instant.parse(cell.asText());
    } catch (DateTimeParseException e) {
      throw new DashboardException(
          "InfluxDB returned a time that is not RFC 3339: " + cell.asText());
    }
  }
}
