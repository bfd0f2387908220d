package io.courtside.ingest;

import io.courtside.model.Post;
import java.util.function.BooleanSupplier;

/**
 * Applies {@code --count} to any source: forwards at most {@code limit} records, then requests a
 * stop. It also stops the source at Kafka's first failed send, since nothing after it could be
 * delivered either. Synchronized because the Mastodon source runs one stream per hashtag on its own
 * thread.
 */
final class LimitedSink implements RecordSink {
  private final RecordSink delegate;
  private final long limit;
  private final StopSignal stop;
  private final BooleanSupplier failed;
  private long forwarded;

  /**
   * @param limit at most this many records; {@code <= 0} for no limit
   * @param failed true once the delegate cannot deliver any more
   */
  LimitedSink(RecordSink delegate, long limit, StopSignal stop, BooleanSupplier failed) {
    this.delegate = delegate;
    this.limit = limit <= 0 ? Long.MAX_VALUE : limit;
    this.stop = stop;
    this.failed = failed;
  }

  @Override
  public synchronized void post(Post post) {
    if (admit()) {
      delegate.post(post);
      checkFailed();
    }
  }

  @Override
  public synchronized void raw(String key, byte[] value) {
    if (admit()) {
      delegate.raw(key, value);
      checkFailed();
    }
  }

  private void checkFailed() {
    if (failed.getAsBoolean()) {
      stop.requestStop();
    }
  }

  private boolean admit() {
    if (forwarded >= limit) {
      return false; // a record that raced the stop request: the user asked for `limit` only
    }
    if (++forwarded == limit) {
      stop.requestStop();
    }
    return true;
  }
}
