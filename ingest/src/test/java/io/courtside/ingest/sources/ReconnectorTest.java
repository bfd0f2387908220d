package io.courtside.ingest.sources;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;

import io.courtside.ingest.FakeTime;
import io.courtside.ingest.SourceStats;
import io.courtside.ingest.StopSignal;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;

public class ReconnectorTest {
  /** A clock that moves only when told to (sleeps move it too, see {@link #timing}). */
  private static final class ManualClock extends Clock {
    volatile Instant now = Instant.parse("2026-05-20T01:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final ManualClock clock = new ManualClock();
  private final FakeTime time = new FakeTime();
  private final StopSignal stop = new StopSignal();

  private Reconnector.Timing timing() {
    return new Reconnector.Timing(
        nanos -> {
          time.sleepNanos(nanos);
          clock.advance(Duration.ofNanos(nanos));
        },
        clock,
        () -> 0.0,
        Backoff.Policy.standard(),
        Backoff.Policy.network());
  }

  @Test
  public void aServerThatAcceptsAndDropsAtOnceIsBackedOffNotHammered() throws Exception {
    // Issue 13 item 11: every handshake reset the backoff, so each retry came after 250 ms.
    AtomicInteger attempts = new AtomicInteger();
    new Reconnector("test stream", "no credentials", timing(), new SourceStats())
        .run(
            connected -> {
              if (attempts.incrementAndGet() == 6) {
                stop.requestStop();
                return;
              }
              connected.run();
              clock.advance(Duration.ofMillis(100));
              throw new IOException("connection reset");
            },
            stop);
    assertThat(
        time.sleeps(),
        contains(250_000_000L, 500_000_000L, 1_000_000_000L, 2_000_000_000L, 4_000_000_000L));
  }

  @Test
  public void aConnectionThatStayedUpLongEnoughStartsTheBackoffAfresh() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    new Reconnector("test stream", "no credentials", timing(), new SourceStats())
        .run(
            connected -> {
              int n = attempts.incrementAndGet();
              if (n == 5) {
                stop.requestStop();
                return;
              }
              connected.run();
              // The third connection streams for the stable period; the others drop at once.
              clock.advance(n == 3 ? Reconnector.STABLE_AFTER : Duration.ofMillis(100));
              throw new IOException("connection reset");
            },
            stop);
    assertThat(time.sleeps(), contains(250_000_000L, 500_000_000L, 250_000_000L, 500_000_000L));
  }

  @Test
  public void aServerErrorAfterABriefConnectionKeepsTheLongerBackoff() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    new Reconnector("test stream", "no credentials", timing(), new SourceStats())
        .run(
            connected -> {
              if (attempts.incrementAndGet() == 4) {
                stop.requestStop();
                return;
              }
              connected.run();
              throw new HttpStatusException(503, "busy", null);
            },
            stop);
    assertThat(time.sleeps(), contains(5_000_000_000L, 10_000_000_000L, 20_000_000_000L));
  }
}
