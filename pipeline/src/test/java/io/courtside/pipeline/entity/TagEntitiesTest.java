package io.courtside.pipeline.entity;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.courtside.model.Post;
import io.courtside.pipeline.score.ScoredPost;
import io.courtside.pipeline.window.PolarityCounts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
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

  private static TimestampedValue<ScoredPost> post(String id, int second, String text, double compound) {
    Instant t = T0.plus(Duration.standardSeconds(second));
    Post post = Post.of(id, java.time.Instant.ofEpochMilli(t.getMillis()), text);
    return TimestampedValue.of(new ScoredPost(post, compound, 0, 1, 0), t);
  }

  @Test
  public void eachEntityGetsItsOwnWindowCountsAndAPostCountsOncePerEntity() {
    TestStream<ScoredPost> events =
        TestStream.create(SerializableCoder.of(ScoredPost.class))
            .advanceWatermarkTo(T0)
            .addElements(
                post("a", 1, "Lakers win, Lakers!!", 0.8),
                post("b", 2, "the heat is on and the Lakers are cold", -0.4),
                post("c", 3, "#LakeShow vs Heat tonight", 0.0),
                post("d", 4, "nothing about basketball", 0.9),
                post("a", 1, "Lakers win, Lakers!!", 0.8)) // delivered twice: counted once
            .advanceProcessingTime(Duration.standardSeconds(10)) // an early pane
            .addElements(post("e", 70, "LeBron carries the Lakers", 0.6)) // next window
            .advanceWatermarkTo(T0.plus(WINDOW).plus(Duration.standardSeconds(1)))
            .addElements(post("f", 30, "Lakers collapse", -0.7)) // late, within lateness
            .advanceWatermarkToInfinity();

    PCollection<EntityWindowCounts> counts =
        p.apply(events)
            .apply(TagEntities.with(Watchlist.nba()))
            .apply(
                new CountPolarityPerEntity(
                    "twitterdata", WINDOW, Duration.standardMinutes(5), Duration.standardSeconds(5)));

    PAssert.that(counts)
        .inOnTimePane(new IntervalWindow(T0, WINDOW))
        .satisfies(
            panes -> {
              Map<String, PolarityCounts> byEntity = byEntity(panes);
              assertEquals(Map.of("Lakers", new PolarityCounts(1, 1, 1, 0.4), "Heat",
                  new PolarityCounts(0, 0, 1, 0.0)), byEntity);
              return null;
            });
    PAssert.that(counts.apply(ParDo.of(new DescribePane())))
        .satisfies(
            described -> {
              // The late post's pane carries the whole window, so its point replaces the on-time one.
              List<String> all = new ArrayList<>();
              described.forEach(all::add);
              assertTrue(all.toString(), all.contains("LATE Lakers 1/2/1"));
              return null;
            });
    PAssert.that(counts)
        .inOnTimePane(new IntervalWindow(T0.plus(WINDOW), WINDOW))
        .satisfies(
            panes -> {
              Map<String, PolarityCounts> byEntity = byEntity(panes);
              assertEquals(List.of("Lakers", "LeBron James"), byEntity.keySet().stream().sorted().toList());
              for (EntityWindowCounts c : panes) {
                assertEquals(c.entity().equals("Lakers") ? EntityKind.TEAM : EntityKind.PLAYER, c.kind());
                assertEquals("twitterdata", c.topic());
                assertEquals(T0.plus(WINDOW), c.windowStart());
              }
              return null;
            });
    p.run().waitUntilFinish();
  }

  static final class DescribePane extends DoFn<EntityWindowCounts, String> {
    @ProcessElement
    public void process(@Element EntityWindowCounts c, PaneInfo pane, OutputReceiver<String> out) {
      PolarityCounts n = c.counts();
      out.output(pane.getTiming() + " " + c.entity() + " " + n.positive() + "/" + n.negative() + "/" + n.neutral());
    }
  }

  private static Map<String, PolarityCounts> byEntity(Iterable<EntityWindowCounts> panes) {
    Map<String, PolarityCounts> out = new HashMap<>();
    for (EntityWindowCounts c : panes) {
      PolarityCounts n = c.counts();
      out.put(c.entity(), new PolarityCounts(n.positive(), n.negative(), n.neutral(),
          Math.round(n.compoundSum() * 1e6) / 1e6));
    }
    return out;
  }
}
