package io.courtside.pipeline.influx;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.courtside.model.Post;
import io.courtside.pipeline.score.ScoredPost;
import io.courtside.pipeline.window.PolarityCounts;
import io.courtside.pipeline.window.WindowCounts;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

public class InfluxSchemaTest {
  private static final Instant T = Instant.parse("2026-05-20T01:02:03.456Z");

  private static ScoredPost scored(String id, String text, double compound) {
    return new ScoredPost(
        new Post(id, T, text, "en", "a", "synthetic", List.of()), compound, 0.1, 0.7, 0.2);
  }

  @Test
  public void postPointHasOneShardTagStringFieldsAndTimeInCreatedAtsSecond() {
    String line = InfluxSchema.postLine(scored("42", "Lakers win", 0.5859));
    assertTrue(line, InfluxSchema.seriesKey(line).matches("post_sentiment,shard=[0-9a-f]{3}"));
    assertTrue(line, line.contains("polarity=\"positive\""));
    assertTrue(line, line.contains("source=\"synthetic\""));
    assertTrue(line, line.contains("compound=0.5859"));
    assertTrue(line, line.contains("id=\"42\""));
    assertTrue(line, line.contains("text=\"Lakers win\""));
    long time = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
    assertEquals(T.getEpochSecond(), time / 1_000_000_000L);
  }

  @Test
  public void textIsOneQuotedFieldWhateverItHolds() {
    // InfluxDB reads a newline inside a quoted string field as part of the string (checked on the
    // real influxd by the end-to-end test); only '"' and '\\' need escaping there.
    String nasty = "a\nb \"quoted\" back\\slash, comma=equals x=1 1234567890";
    String line = InfluxSchema.postLine(scored("id with space,comma=eq", nasty, -0.3));
    assertTrue(line, line.contains("polarity=\"negative\""));
    assertTrue(
        line,
        line.contains("text=\"a\nb \\\"quoted\\\" back\\\\slash, comma=equals x=1 1234567890\" "));
    assertTrue(line, line.contains("id=\"id with space,comma=eq\""));
  }

  @Test
  public void windowPointHasIntegerCountsAtWindowStart() {
    org.joda.time.Instant start = org.joda.time.Instant.parse("2026-05-20T01:02:00Z");
    String line =
        InfluxSchema.windowLine(
            new WindowCounts(
                "twitterdata", start, start.plus(60_000), new PolarityCounts(3, 2, 1, 1.5)));
    assertEquals(
        "polarity_window,topic=twitterdata closed=false,compound_mean=0.25,negative=2i,neutral=1i,positive=3i,total=6i "
            + start.getMillis() * 1_000_000L,
        line);
  }

  @Test
  public void aWindowPointKeepsTheEarliestRecordTimeOfItsPosts() {
    org.joda.time.Instant start = org.joda.time.Instant.parse("2026-05-20T01:02:00Z");
    String line =
        InfluxSchema.windowLine(
            new WindowCounts(
                "twitterdata",
                start,
                start.plus(60_000),
                new PolarityCounts(3, 2, 1, 1.5),
                true,
                start.getMillis() - 90_000));
    assertEquals(
        "polarity_window,topic=twitterdata closed=true,compound_mean=0.25,earliest_record_ms="
            + (start.getMillis() - 90_000)
            + "i,negative=2i,neutral=1i,positive=3i,total=6i "
            + start.getMillis() * 1_000_000L,
        line);
  }

  @Test
  public void theSourceFieldIsAShortSafeName() {
    assertEquals("bluesky", InfluxSchema.sourceValue("Bluesky"));
    assertEquals("other", InfluxSchema.sourceValue("tail\\"));
    assertEquals("other", InfluxSchema.sourceValue("a\nb"));
    assertEquals("other", InfluxSchema.sourceValue("x".repeat(33)));
    assertEquals("unknown", InfluxSchema.sourceValue(" "));
    assertEquals("unknown", InfluxSchema.sourceValue(null));
    ScoredPost evil =
        new ScoredPost(
            new Post("x\n\"y", T, "z", "en", "a", "evil,source=x\\", List.of()),
            0.1,
            0.1,
            0.7,
            0.2);
    String line = InfluxSchema.postLine(evil);
    assertTrue(line, InfluxSchema.seriesKey(line).matches("post_sentiment,shard=[0-9a-f]{3}"));
    assertTrue(line, line.contains(",source=\"other\","));
  }
}
