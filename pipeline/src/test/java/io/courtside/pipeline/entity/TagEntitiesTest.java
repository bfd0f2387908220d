package io.courtside.pipeline.entity;

import static org.junit.Assert.assertEquals;

import io.courtside.model.Post;
import io.courtside.pipeline.score.ScoredPost;
import io.courtside.pipeline.score.ScoredPostCoder;
import io.courtside.pipeline.window.CountPerWindow;
import io.courtside.pipeline.window.PaneCounts;
import io.courtside.pipeline.window.PolarityCounts;
import io.courtside.pipeline.window.WindowSpec;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/** Tagging then per-entity windows, in event time with TestStream: counts, panes, duplicates. */
public class TagEntitiesTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final Instant T0 = Instant.parse("2026-05-20T01:00:00Z");
  private static final Duration WINDOW = Duration.standardMinutes(1);
  private static final IntervalWindow FIRST = new IntervalWindow(T0, WINDOW);
  private static final IntervalWindow SECOND = new IntervalWindow(T0.plus(WINDOW), WINDOW);
  private static final KV<String, String> LAKERS = KV.of("TEAM", "Lakers");
  private static final KV<String, String> HEAT = KV.of("TEAM", "Heat");
  private static final KV<String, String> LEBRON = KV.of("PLAYER", "LeBron James");

  private static TimestampedValue<ScoredPost> post(
      String id, int second, String text, double compound) {
    Instant t = T0.plus(Duration.standardSeconds(second));
    Post post = Post.of(id, java.time.Instant.ofEpochMilli(t.getMillis()), text);
    return TimestampedValue.of(new ScoredPost(post, compound, 0, 1, 0), t);
  }

  private static KV<KV<String, String>, PaneCounts> pane(
      KV<String, String> entity,
      IntervalWindow w,
      long pos,
      long neg,
      long neu,
      double sum,
      boolean closed) {
    return KV.of(
        entity, new PaneCounts(w.start(), w.end(), new PolarityCounts(pos, neg, neu, sum), closed));
  }

  @Test
  public void eachEntityGetsItsOwnWindowCountsAndAPostCountsOncePerEntity() {
    TestStream<ScoredPost> events =
        TestStream.create(ScoredPostCoder.of())
            .advanceWatermarkTo(T0)
            .addElements(
                post("a", 1, "Lakers win, Lakers!!", 0.75), // one mention of the Lakers, not two
                post("b", 2, "the heat is on and the Lakers are cold", -0.5), // not the Heat
                post("c", 3, "#LakeShow vs Heat tonight", 0.0),
                post("d", 4, "nothing about basketball", 0.875),
                post("a", 1, "Lakers win, Lakers!!", 0.75)) // delivered twice: counted once
            .advanceProcessingTime(Duration.standardSeconds(10)) // an early pane
            .addElements(post("e", 70, "LeBron carries the Lakers", 0.5)) // next window
            .advanceWatermarkTo(T0.plus(WINDOW).plus(Duration.standardSeconds(1)))
            .addElements(post("f", 30, "Lakers collapse", -0.75)) // late, within lateness
            .advanceWatermarkToInfinity();

    PCollection<KV<KV<String, String>, PaneCounts>> counts =
        p.apply(events)
            .apply(TagEntities.with(Watchlist.nba()))
            .apply(
                CountPerWindow.of(
                    new WindowSpec(
                        WINDOW, Duration.standardMinutes(5), Duration.standardSeconds(5))));

    PAssert.that(counts)
        .inEarlyPane(FIRST)
        .containsInAnyOrder(
            pane(LAKERS, FIRST, 1, 1, 1, 0.25, false), pane(HEAT, FIRST, 0, 0, 1, 0.0, false));
    PAssert.that(counts)
        .inOnTimePane(FIRST)
        .containsInAnyOrder(
            pane(LAKERS, FIRST, 1, 1, 1, 0.25, true), pane(HEAT, FIRST, 0, 0, 1, 0.0, true));
    // The late post's pane carries the whole window, so its point replaces the on-time one.
    PAssert.that(counts)
        .inLatePane(FIRST)
        .containsInAnyOrder(pane(LAKERS, FIRST, 1, 2, 1, -0.5, true));
    PAssert.that(counts)
        .inWindow(SECOND)
        .containsInAnyOrder(
            pane(LAKERS, SECOND, 1, 0, 0, 0.5, true), pane(LEBRON, SECOND, 1, 0, 0, 0.5, true));
    p.run().waitUntilFinish();
  }

  @Test
  public void aCountedMentionBecomesItsEntitysWindowCounts() {
    PolarityCounts counts = new PolarityCounts(1, 2, 0, -0.5);
    assertEquals(
        new EntityWindowCounts(
            "twitterdata", "LeBron James", EntityKind.PLAYER, SECOND.start(), SECOND.end(), counts),
        EntityWindowCounts.of(
            "twitterdata",
            KV.of(LEBRON, new PaneCounts(SECOND.start(), SECOND.end(), counts, true))));
  }
}
