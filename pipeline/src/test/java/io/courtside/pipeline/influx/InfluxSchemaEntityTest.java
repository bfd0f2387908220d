package io.courtside.pipeline.influx;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.courtside.model.Post;
import io.courtside.pipeline.entity.EntityKind;
import io.courtside.pipeline.entity.EntityWindowCounts;
import io.courtside.pipeline.score.ScoredPost;
import io.courtside.pipeline.window.PolarityCounts;
import java.time.Instant;
import org.junit.Test;

/** The points added for issue 6: entity windows and end-to-end latency. */
public class InfluxSchemaEntityTest {
  private static final org.joda.time.Instant START =
      org.joda.time.Instant.parse("2026-05-20T01:02:00Z");

  /** The Trail Blazers' point of the minute from {@link #START} on {@code topic}. */
  private static String trailBlazersLine(String topic) {
    return InfluxSchema.entityWindowLine(
        new EntityWindowCounts(
            topic,
            "Trail Blazers",
            EntityKind.TEAM,
            START,
            START.plus(60_000),
            new PolarityCounts(1, 2, 1, -1.0)));
  }

  @Test
  public void entityWindowPointIsKeyedByEntityKindTopicAndWindowStart() {
    String line = trailBlazersLine("twitterdata");
    assertEquals(
        "entity_window,entity=Trail\\ Blazers,kind=team,topic=twitterdata compound_mean=-0.25,"
            + "negative=2i,neutral=1i,positive=1i,total=4i "
            + START.getMillis() * 1_000_000L,
        line);
  }

  @Test
  public void seriesKeyIsMeasurementAndTagsUpToTheFirstUnescapedSpace() {
    String line = trailBlazersLine("twitter data");
    assertEquals(
        "entity_window,entity=Trail\\ Blazers,kind=team,topic=twitter\\ data",
        InfluxSchema.seriesKey(line));
    assertEquals("m,t=a\\\\", InfluxSchema.seriesKey("m,t=a\\\\ f=1i 1")); // an escaped backslash
    org.junit.Assert.assertThrows(
        IllegalArgumentException.class, () -> InfluxSchema.seriesKey("no_fields"));
  }

  @Test
  public void postPointCarriesLatencyFromCreatedAtToWrite() {
    Instant created = Instant.parse("2026-05-20T01:02:03.456Z");
    ScoredPost s = new ScoredPost(Post.of("1", created, "Lakers"), 0.5, 0, 0.5, 0.5);
    String line = InfluxSchema.postLine(s, created.plusMillis(1234));
    assertTrue(line, line.contains(",latency_ms=1234i,") || line.contains("latency_ms=1234i "));
    // Everything else is the point without latency.
    assertEquals(
        InfluxSchema.postLine(s),
        line.replace(",latency_ms=1234i", "").replace("latency_ms=1234i,", ""));
  }
}
