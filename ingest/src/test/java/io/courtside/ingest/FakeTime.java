package io.courtside.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Fake monotonic time: sleeping advances it, and each sleep is recorded. */
public final class FakeTime implements Sleeper {
  public final AtomicLong now = new AtomicLong(1_000_000L);
  public final List<Long> sleeps = new ArrayList<>();

  @Override
  public synchronized void sleepNanos(long nanos) {
    sleeps.add(nanos);
    now.addAndGet(nanos);
  }

  public synchronized List<Long> sleeps() {
    return new ArrayList<>(sleeps);
  }
}
