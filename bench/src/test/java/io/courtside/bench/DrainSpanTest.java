package io.courtside.bench;

import static org.junit.Assert.assertEquals;

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
}
