package io.courtside.ingest;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Generated NBA chatter at a steady rate, until stopped (Ctrl-C or {@code --count}). */
final class SyntheticSource implements PostSource {
  private static final Logger LOG = LoggerFactory.getLogger(SyntheticSource.class);

  private final long seed;
  private final double rate;
  private final SourceStats stats = new SourceStats();

  SyntheticSource(long seed, double rate) {
    this.seed = seed;
    this.rate = rate;
  }

  @Override
  public SourceStats stats() {
    return stats;
  }

  @Override
  public void run(RecordSink sink, StopSignal stop) throws InterruptedException {
    SyntheticPosts posts = new SyntheticPosts(seed, Clock.systemUTC());
    // The seed is logged so that any run can be reproduced with --seed.
    LOG.info("synthetic posts: run {} (--seed={}), {} posts/s", posts.runId(), seed, rate);
    Pacer pacer = new Pacer(rate, System::nanoTime, stop);
    while (!stop.isStopped()) {
      pacer.awaitNext();
      if (stop.isStopped()) {
        break;
      }
      stats.received();
      sink.post(posts.next());
      stats.posted();
    }
  }
}
