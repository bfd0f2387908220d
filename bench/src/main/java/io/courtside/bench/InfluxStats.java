package io.courtside.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.pipeline.influx.InfluxDbException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The few InfluxQL reads the bench needs: how many posts are stored, latency percentiles, and
 * influxd's own write counters.
 */
final class InfluxStats {
  /**
   * influxd's HTTP write counters ({@code SHOW STATS FOR 'httpd'}), server-wide since it started:
   * write requests, points stored, and the time its handlers spent in write requests (summed over
   * concurrent requests). The difference of two snapshots is what a run made influxd do.
   */
  record Writes(long requests, long points, long nanos) {
    Writes minus(Writes earlier) {
      return new Writes(
          requests - earlier.requests, points - earlier.points, nanos - earlier.nanos);
    }

    double pointsPerRequest() {
      return requests > 0 ? (double) points / requests : Double.NaN;
    }

    double seconds() {
      return nanos / 1e9;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final InfluxDbClient client;

  InfluxStats(String url, String database) {
    this.client = new InfluxDbClient(url, database);
  }

  void createDatabase() throws InfluxDbException {
    client.createDatabase();
  }

  /** Stored post points (optionally of one {@code source}, a field); 0 before the first write. */
  long postCount(String source) throws IOException {
    String where = source == null ? "" : " WHERE \"source\" = '" + source + "'";
    List<JsonNode> values = firstRow("SELECT count(\"compound\") FROM post_sentiment" + where);
    return values.isEmpty() ? 0 : values.get(1).asLong();
  }

  /**
   * Posts of {@code source} stored with a time in [{@code fromMillis}, {@code toMillis}), epoch ms;
   * {@code Long.MIN_VALUE} and {@code Long.MAX_VALUE} leave that side open.
   */
  long postCount(String source, long fromMillis, long toMillis) throws IOException {
    StringBuilder where = new StringBuilder(" WHERE \"source\" = '").append(source).append('\'');
    if (fromMillis != Long.MIN_VALUE) {
      where.append(" AND time >= ").append(fromMillis).append("ms");
    }
    if (toMillis != Long.MAX_VALUE) {
      where.append(" AND time < ").append(toMillis).append("ms");
    }
    List<JsonNode> values = firstRow("SELECT count(\"compound\") FROM post_sentiment" + where);
    return values.isEmpty() ? 0 : values.get(1).asLong();
  }

  /** p50, p95, p99, max and mean of {@code latency_ms} over the posts of {@code source}. */
  double[] latencyPercentiles(String source) throws IOException {
    List<JsonNode> v =
        firstRow(
            "SELECT percentile(latency_ms, 50), percentile(latency_ms, 95),"
                + " percentile(latency_ms, 99), max(latency_ms), mean(latency_ms) FROM post_sentiment"
                + " WHERE \"source\" = '"
                + source
                + "'");
    if (v.isEmpty()) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    }
    return new double[] {
      v.get(1).asDouble(),
      v.get(2).asDouble(),
      v.get(3).asDouble(),
      v.get(4).asDouble(),
      v.get(5).asDouble()
    };
  }

  /** influxd's write counters now; see {@link Writes}. */
  Writes writes() throws IOException {
    JsonNode root = JSON.readTree(client.query("SHOW STATS FOR 'httpd'"));
    JsonNode series = root.path("results").path(0).path("series").path(0);
    JsonNode columns = series.path("columns");
    JsonNode values = series.path("values").path(0);
    long requests = -1;
    long points = -1;
    long nanos = -1;
    for (int i = 0; i < columns.size(); i++) {
      switch (columns.get(i).asText()) {
        case "writeReq" -> requests = values.path(i).asLong();
        case "pointsWrittenOK" -> points = values.path(i).asLong();
        case "writeReqDurationNs" -> nanos = values.path(i).asLong();
        default -> {}
      }
    }
    if (requests < 0 || points < 0 || nanos < 0) {
      throw new IOException("influxd's SHOW STATS FOR 'httpd' has no write counters: " + root);
    }
    return new Writes(requests, points, nanos);
  }

  /** The values of the first row of the first series (index 0 is the time), or empty. */
  private List<JsonNode> firstRow(String influxql) throws IOException {
    JsonNode root = JSON.readTree(client.query(influxql));
    JsonNode series = root.path("results").path(0).path("series");
    List<JsonNode> out = new ArrayList<>();
    if (series.isArray() && series.size() > 0) {
      series.get(0).path("values").path(0).forEach(out::add);
    }
    return out;
  }
}
