package io.courtside.ingest;

/**
 * Waits for a number of nanoseconds. Pacing code sleeps through this interface so that tests can
 * replace real time with a fake clock and check the pacing arithmetic without waiting.
 */
@FunctionalInterface
public interface Sleeper {
  void sleepNanos(long nanos) throws InterruptedException;
}
