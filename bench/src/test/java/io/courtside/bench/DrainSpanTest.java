package io.courtside.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Random;
import org.junit.Test;

/** The steady rate's 10%-90% span, from polls of the stored post count. */
public class DrainSpanTest {
  private static final long S = 1_000_000_000L;

  @Test
  public void spanRunsFromTheFirstPollAtTenPercentToTheFirstAtNinetyPercent() {
    Drain.Span span = new Drain.Span(1000);
    span.poll(1 * S, 0);
    span.poll(2 * S, 50);
    span.poll(3 * S, 150); // first at >= 100
    span.poll(5 * S, 600);
    span.poll(7 * S, 950); // first at >= 900
    span.poll(8 * S, 1000);
    assertEquals(4.0, span.seconds(), 1e-9);
    assertEquals(800, span.posts());
  }

  @Test
  public void oneBatchHoldingTheWholeBacklogGivesNoSpan() {
    Drain.Span span = new Drain.Span(1000);
    span.poll(1 * S, 0);
    span.poll(2 * S, 1000);
    assertEquals(0, span.posts());
    assertEquals(
        Double.NaN,
        new Drain.Result(
                RunnerKind.BASELINE,
                "b",
                1000,
                2,
                2,
                span.seconds(),
                span.posts(),
                true,
                null,
                null,
                null,
                null)
            .steadyRate(),
        0);
  }

  /**
   * Counting only when influxd's points-written counter allows a new mark changes nothing the drain
   * reports. Oracle: a span fed every poll. Random drains: posts stored in bursts of any size (a
   * Spark micro-batch, a Flink checkpoint), points written ahead of them by window points and
   * rewrites, backlogs from 1 post up.
   */
  @Test
  public void countingOnlyWhenTheCounterAllowsAMarkSeesEveryMarkAtTheSamePoll() {
    Random random = new Random(17);
    for (int drain = 0; drain < 2000; drain++) {
      long posts = 1 + random.nextInt(drain % 2 == 0 ? 20 : 2_000_000);
      Drain.Span everyPoll = new Drain.Span(posts);
      Drain.Span gated = new Drain.Span(posts);
      long stored = 0;
      long points = 0;
      long gatedCount = 0;
      long counts = 0;
      int polls = 0;
      for (long t = 1; stored < posts; t++) {
        if (random.nextInt(3) > 0) {
          long burst = 1 + (long) (random.nextDouble() * random.nextDouble() * posts);
          long extra = random.nextInt(4) == 0 ? random.nextInt(1 + (int) Math.min(burst, 5000)) : 0;
          points += burst + extra; // every stored post took at least one point
          stored = Math.min(posts, stored + burst);
          if (random.nextInt(5) == 0) {
            points += random.nextInt(100); // window points written between posts
          }
        }
        polls++;
        everyPoll.poll(t * S, stored);
        if (gated.mayReachNextMark(points)) {
          counts++;
          gatedCount = stored;
          gated.poll(t * S, gatedCount);
        }
      }
      String at = "drain " + drain + " of " + posts + " posts";
      assertEquals(at + ": the end is seen", posts, gatedCount);
      assertEquals(at, everyPoll.seconds(), gated.seconds(), 0);
      assertEquals(at, everyPoll.posts(), gated.posts());
      assertTrue(at + ": counts " + counts + " <= polls " + polls, counts <= polls);
    }
  }

  @Test
  public void noCountWhileTheCounterIsBelowTheNextMark() {
    Drain.Span span = new Drain.Span(1000);
    assertFalse("nothing written yet", span.mayReachNextMark(0));
    assertTrue(span.mayReachNextMark(1));
    span.poll(1 * S, 40);
    assertFalse("10% not possible with 99 points", span.mayReachNextMark(99));
    assertTrue(span.mayReachNextMark(100));
    span.poll(2 * S, 500);
    assertFalse(span.mayReachNextMark(899));
    assertTrue(span.mayReachNextMark(900));
    span.poll(3 * S, 950);
    assertFalse(span.mayReachNextMark(999));
    assertTrue(span.mayReachNextMark(1000));
  }
}
