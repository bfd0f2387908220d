package io.courtside.pipeline.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.pipeline.influx.InfluxDbException;
import io.courtside.pipeline.influx.InfluxSchema;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * What InfluxDB holds, read with InfluxQL ({@code /query}, so InfluxDB 1.x and any later version
 * with v1 compatibility): the aggregate points of a topic, and which post ids have a {@code
 * post_sentiment} point. Reads page through with LIMIT/OFFSET, post ids in time chunks, so a
 * million posts never come in one response. Only the tags that identify a window are read, and of
 * {@code post_sentiment} only {@code id} and time: other tags may change.
 */
public final class StoredWindows {
  static final int PAGE = 10_000;

  /** Longest time span of one post_sentiment query (then paged). */
  static final long POST_CHUNK_SECONDS = 600;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<String, List<String>> WINDOW_TAGS =
      Map.of(
          InfluxSchema.POLARITY_WINDOW, List.of("topic"),
          InfluxSchema.ENTITY_WINDOW, List.of("entity", "kind", "topic"),
          InfluxSchema.DEAD_LETTERS, List.of("reason_kind", "topic"));

  private final InfluxDbClient client;

  public StoredWindows(InfluxDbClient client) {
    this.client = client;
  }

  /** Fails with one clear line when the server cannot be reached or the database is missing. */
  public void check() throws VerifyException {
    rows("SHOW MEASUREMENTS LIMIT 1", row -> {});
  }

  /**
   * The window starts (epoch millis) of {@code topic}'s {@code polarity_window} and {@code
   * dead_letters} points in [from, to): one small series each, read before the topic to check the
   * window size ({@link WindowAlignment}).
   */
  public NavigableSet<Long> windowStarts(String topic, Instant from, Instant to)
      throws VerifyException {
    NavigableSet<Long> starts = new TreeSet<>();
    for (String m : List.of(InfluxSchema.POLARITY_WINDOW, InfluxSchema.DEAD_LETTERS)) {
      paged(
          "SELECT \"total\" FROM \"" + m + "\" WHERE " + where(topic, from, to),
          row -> starts.add(Instant.parse(row.path("time").asText()).toEpochMilli()));
    }
    return starts;
  }

  private static String where(String topic, Instant from, Instant to) {
    return "\"topic\" = '"
        + topic.replace("\\", "\\\\").replace("'", "\\'")
        + "'"
        + (from == null ? "" : " AND time >= " + nanos(from.toEpochMilli()))
        + (to == null ? "" : " AND time < " + nanos(to.toEpochMilli()));
  }

  /** Every aggregate point of {@code topic} whose window starts in [from, to) (null: unbounded). */
  public Map<WindowKey, StoredWindow> windows(String topic, Instant from, Instant to)
      throws VerifyException {
    Map<WindowKey, StoredWindow> out = new TreeMap<>();
    for (Map.Entry<String, List<String>> m : new TreeMap<>(WINDOW_TAGS).entrySet()) {
      paged(
          "SELECT * FROM \"" + m.getKey() + "\" WHERE " + where(topic, from, to),
          row -> {
            String[] tags = new String[m.getValue().size() * 2];
            for (int i = 0; i < m.getValue().size(); i++) {
              tags[2 * i] = m.getValue().get(i);
              tags[2 * i + 1] = row.path(m.getValue().get(i)).asText();
            }
            WindowKey key =
                WindowKey.of(
                    m.getKey(), Instant.parse(row.path("time").asText()).toEpochMilli(), tags);
            out.put(
                key,
                new StoredWindow(
                    key,
                    row.path("positive").asLong(),
                    row.path("negative").asLong(),
                    row.path("neutral").asLong(),
                    row.path("total").asLong(),
                    row.path("compound_mean").isNumber()
                        ? row.path("compound_mean").asDouble()
                        : Double.NaN));
          });
    }
    return out;
  }

  /**
   * Which of {@code wanted} have a {@code post_sentiment} point. A post's point lies within its
   * createdAt's second; {@code seconds} are those seconds (epoch seconds), read in chunks.
   */
  public Set<String> storedPostIds(Set<String> wanted, NavigableSet<Long> seconds)
      throws VerifyException {
    Set<String> found = new HashSet<>();
    Long chunkStart = seconds.isEmpty() ? null : seconds.first();
    while (chunkStart != null) {
      long chunkEnd = chunkStart + POST_CHUNK_SECONDS;
      paged(
          "SELECT \"id\" FROM \""
              + InfluxSchema.POST_SENTIMENT
              + "\" WHERE time >= "
              + nanos(chunkStart * 1000)
              + " AND time < "
              + nanos(chunkEnd * 1000),
          row -> {
            String id = row.path("id").asText(null);
            if (id != null && wanted.contains(id)) {
              found.add(id);
            }
          });
      chunkStart = seconds.ceiling(chunkEnd);
    }
    return found;
  }

  private static String nanos(long millis) {
    return Long.toString(Math.multiplyExact(millis, 1_000_000L));
  }

  private void paged(String query, Consumer<JsonNode> row) throws VerifyException {
    for (long offset = 0; ; offset += PAGE) {
      int[] n = {0};
      rows(
          query + " LIMIT " + PAGE + " OFFSET " + offset,
          r -> {
            n[0]++;
            row.accept(r);
          });
      if (n[0] < PAGE) {
        return;
      }
    }
  }

  /** The rows of every series of the query's result, each as its tags plus its columns. */
  private void rows(String query, Consumer<JsonNode> row) throws VerifyException {
    JsonNode result;
    try {
      result = MAPPER.readTree(client.query(query)).path("results").path(0);
    } catch (InfluxDbException e) {
      throw new VerifyException(
          e.status() == 0 && e.retryable()
              ? e.getMessage() + "; start it with `./courtside stack start` or pass --influxUrl"
              : e.getMessage(),
          e);
    } catch (IOException e) {
      throw new VerifyException(
          "InfluxDB at " + client.target().url() + " answered something that is not JSON", e);
    }
    if (result.has("error")) {
      throw new VerifyException(
          "InfluxDB at "
              + client.target().url()
              + ", database "
              + client.target().database()
              + ": "
              + result.get("error").asText()
              + " (--influxDatabase)");
    }
    for (JsonNode series : result.path("series")) {
      JsonNode columns = series.path("columns");
      for (JsonNode values : series.path("values")) {
        Map<String, JsonNode> r = new HashMap<>();
        series.path("tags").fields().forEachRemaining(t -> r.put(t.getKey(), t.getValue()));
        for (int i = 0; i < columns.size(); i++) {
          r.put(columns.get(i).asText(), values.get(i));
        }
        row.accept(MAPPER.valueToTree(r));
      }
    }
  }
}
