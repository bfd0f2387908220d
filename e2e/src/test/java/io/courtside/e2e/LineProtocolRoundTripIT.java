package io.courtside.e2e;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.model.Post;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.pipeline.influx.InfluxSchema;
import io.courtside.pipeline.score.ScoredPost;
import io.courtside.services.stack.LocalStack;
import io.courtside.services.stack.StackConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The line-protocol encoder against the real influxd: any post text, id and source encode to
 * exactly one point each, which influxd parses back to the same values (the source as the README
 * says: lowercased, {@code [a-z0-9._-]}, at most 32 characters, else {@code other}; {@code unknown}
 * when absent). Each try writes a batch of posts into a database of its own and reads everything
 * back. 30 tries of up to {@code -Dcourtside.roundTripBatch} (default 25) posts in the test
 * command, a few seconds; raise that property for a longer run (CONTRIBUTING.md).
 */
class LineProtocolRoundTripIT {
  private static final int BATCH = Integer.getInteger("courtside.roundTripBatch", 25);
  private static final Instant BASE = Instant.parse("2026-05-20T01:00:00Z");
  private static final AtomicInteger TRY = new AtomicInteger();
  private static LocalStack stack;
  private static Path state;

  @BeforeContainer
  static void startStack() throws Exception {
    state = Files.createTempDirectory("courtside-roundtrip");
    stack = LocalStack.start(state, StackConfig.freePorts());
  }

  @AfterContainer
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
    TempDirs.delete(state);
  }

  @Property(tries = 30)
  void everyPostIsOnePointThatReadsBackTheSame(@ForAll("batches") List<ScoredPost> batch)
      throws Exception {
    String db = "rt_" + TRY.incrementAndGet();
    InfluxDbClient influx = new InfluxDbClient(stack.influxUrl(), db);
    influx.createDatabase();
    try {
      List<String> lines = new ArrayList<>();
      batch.forEach(p -> lines.add(InfluxSchema.postLine(p)));
      influx.write(lines);

      List<JsonNode> rows = InfluxQuery.rows(influx, "SELECT * FROM post_sentiment");
      assertEquals("points", batch.size(), rows.size());
      assertEquals("measurements", 1, InfluxQuery.rows(influx, "SHOW MEASUREMENTS").size());
      Map<String, JsonNode> byId = new HashMap<>();
      rows.forEach(r -> byId.put(r.get("id").asText(), r));
      for (ScoredPost p : batch) {
        JsonNode r = byId.get(p.post().id());
        assertEquals("id " + p.post().id() + " not read back", true, r != null);
        assertEquals(p.post().text(), r.get("text").asText());
        assertEquals(expectedSource(p.post().source()), r.get("source").asText());
        assertEquals(p.polarity().tag(), r.get("polarity").asText());
        assertEquals(p.compound(), r.get("compound").asDouble(), 0.0);
        assertEquals(p.pos(), r.get("pos").asDouble(), 0.0);
      }
    } finally {
      influx.query("DROP DATABASE \"" + db + "\"");
    }
  }

  /** The README's rule for the {@code source} field, written from its text. */
  private static String expectedSource(String s) {
    if (s == null || s.isBlank()) {
      return "unknown";
    }
    String v = s.strip().toLowerCase(Locale.ROOT);
    return v.length() <= 32 && v.matches("[a-z0-9._-]+") ? v : "other";
  }

  @Provide
  Arbitrary<List<ScoredPost>> batches() {
    Arbitrary<String> text =
        Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(12),
                Arbitraries.of(
                    "\"", "\\", "\n", "\r", "\t", " ", ",", "=", "\\n", "\u0000", "🏀", "é",
                    "\u2028", "'", "#"))
            .list()
            .ofMaxSize(8)
            .map(parts -> String.join("", parts))
            .filter(LineProtocolRoundTripIT::wellFormed);
    Arbitrary<String> source =
        Arbitraries.oneOf(text, Arbitraries.strings().withChars("abcXYZ09._- ").ofMaxLength(40))
            .injectNull(0.2);
    Arbitrary<Double> score = Arbitraries.doubles().between(-1, 1);
    Arbitrary<ScoredPost> post =
        Combinators.combine(
                text, text, source, Arbitraries.integers().between(0, 3599), score, score)
            .as(
                (id, t, src, s, compound, pos) ->
                    new ScoredPost(
                        new Post("i" + id, BASE.plusSeconds(s), t, null, null, src, List.of()),
                        compound,
                        0.0,
                        1.0 - Math.abs(pos),
                        Math.abs(pos)));
    return post.list().ofMinSize(1).ofMaxSize(BATCH).uniqueElements(p -> p.post().id());
  }

  private static boolean wellFormed(String s) {
    return s.equals(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
  }
}
