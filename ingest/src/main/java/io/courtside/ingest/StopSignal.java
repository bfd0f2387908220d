package io.courtside.ingest;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A one-way stop request shared by the produce loop, the shutdown hook and embedding code (the
 * demo). It doubles as the loop's {@link Sleeper}: a pacing sleep ends as soon as a stop is
 * requested, so Ctrl-C never waits for a long replay gap to elapse.
 */
public final class StopSignal implements Sleeper {
  private final CountDownLatch stopped = new CountDownLatch(1);

  public void requestStop() {
    stopped.countDown();
  }

  public boolean isStopped() {
    return stopped.getCount() == 0;
  }

  @Override
  public void sleepNanos(long nanos) throws InterruptedException {
    if (nanos > 0) {
      stopped.await(nanos, TimeUnit.NANOSECONDS);
    }
  }
}
