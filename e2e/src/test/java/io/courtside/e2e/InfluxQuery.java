package io.courtside.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.pipeline.influx.InfluxDbClient;
import java.util.ArrayList;
import java.util.List;

/** InfluxQL results as rows, for assertions. */
final class InfluxQuery {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private InfluxQuery() {}

  /** Rows of every series of the first statement; each row is the series' tags + columns. */
  static List<JsonNode> rows(InfluxDbClient client, String influxql) throws Exception {
    JsonNode root = MAPPER.readTree(client.query(influxql));
    JsonNode result = root.path("results").path(0);
    if (result.has("error")) {
      throw new AssertionError("InfluxQL error for `" + influxql + "`: " + result.get("error"));
    }
    List<JsonNode> rows = new ArrayList<>();
    for (JsonNode series : result.path("series")) {
      JsonNode columns = series.path("columns");
      for (JsonNode values : series.path("values")) {
        var row = MAPPER.createObjectNode();
        series.path("tags").fields().forEachRemaining(t -> row.set(t.getKey(), t.getValue()));
        for (int i = 0; i < columns.size(); i++) {
          row.set(columns.get(i).asText(), values.get(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** The raw result of the first statement: {@code series} and/or {@code error}. */
  static JsonNode result(InfluxDbClient client, String influxql) throws Exception {
    return MAPPER.readTree(client.query(influxql)).path("results").path(0);
  }

  static long count(InfluxDbClient client, String influxql) throws Exception {
    List<JsonNode> rows = rows(client, influxql);
    return rows.isEmpty() ? 0 : rows.get(0).path("count").asLong();
  }
}
