package io.courtside.ingest;

import io.courtside.model.Post;

/**
 * Collects posts and requests a stop once it holds {@code n}: live-source tests end by themselves.
 */
public final class StoppingSink implements RecordSink {
  public final ListSink list = new ListSink();
  private final int n;
  private final StopSignal stop;

  public StoppingSink(int n, StopSignal stop) {
    this.n = n;
    this.stop = stop;
  }

  @Override
  public void post(Post post) {
    list.post(post);
    if (list.posts().size() >= n) {
      stop.requestStop();
    }
  }

  @Override
  public void raw(String key, byte[] value) {
    list.raw(key, value);
  }
}
