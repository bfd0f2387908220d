package io.courtside.pipeline.influx;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

public class RetryPolicyTest {
  private final RetryPolicy policy =
      new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(60));
  private final AtomicLong clock = new AtomicLong();
  private final List<Long> sleeps = new ArrayList<>();

  private void run(RetryPolicy.Call call) throws Exception {
    policy.run(
        "test",
        call,
        (e, d) -> {},
        ms -> {
          sleeps.add(ms);
          clock.addAndGet(ms * 1_000_000);
        },
        clock::get);
  }

  private static InfluxDbException unavailable() {
    return new InfluxDbException("503", 503, true, null);
  }

  @Test
  public void backsOffExponentiallyWithJitterWithinBounds() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    run(
        () -> {
          if (calls.incrementAndGet() < 10) {
            throw unavailable();
          }
        });
    assertEquals(9, sleeps.size());
    for (int i = 0; i < sleeps.size(); i++) {
      long cap = Math.min(10_000, 200L << i);
      assertTrue(
          "sleep " + i + " = " + sleeps.get(i), sleeps.get(i) >= cap / 2 && sleeps.get(i) <= cap);
    }
  }

  @Test
  public void givesUpAfterTheTotalBudgetWithAPlainIOException() {
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                run(
                    () -> {
                      throw unavailable();
                    }));
    assertTrue(!(e instanceof InfluxDbException));
    assertThat(e.getMessage(), containsString("gave up"));
    assertEquals(60_000, sleeps.stream().mapToLong(Long::longValue).sum());
  }

  @Test
  public void honoursRetryAfter() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    run(
        () -> {
          if (calls.incrementAndGet() == 1) {
            throw new InfluxDbException("429", 429, true, Duration.ofSeconds(7), null);
          }
        });
    assertEquals(List.of(7_000L), sleeps);
  }

  @Test
  public void aHugeRetryAfterWaitsOnlyAsLongAsTheBudgetAllowsAndNeverOverflows() {
    // Retry-After: 9223372036854775807 (seconds): more milliseconds than a long holds.
    Duration huge = InfluxDbClient.parseRetryAfter(Long.toString(Long.MAX_VALUE)).orElseThrow();
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                run(
                    () -> {
                      throw new InfluxDbException("429", 429, true, huge, null);
                    }));
    assertThat(e.getMessage(), containsString("gave up"));
    assertEquals(List.of(60_000L), sleeps); // the whole budget, once, then the error
  }

  @Test
  public void doesNotRetryWhatRetryingCannotFix() {
    AtomicInteger calls = new AtomicInteger();
    InfluxDbException e =
        assertThrows(
            InfluxDbException.class,
            () ->
                run(
                    () -> {
                      calls.incrementAndGet();
                      throw new InfluxDbException("401", 401, false, null);
                    }));
    assertTrue(e.authFailure());
    assertEquals(1, calls.get());
    assertEquals(List.of(), sleeps);
  }

  @Test
  public void readsRetryAfterAsSecondsOrDate() {
    assertEquals(Duration.ofSeconds(3), InfluxDbClient.parseRetryAfter("3").orElseThrow());
    assertTrue(
        InfluxDbClient.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT").orElseThrow().isZero());
    assertTrue(InfluxDbClient.parseRetryAfter("soon").isEmpty());
  }
}
