package io.courtside.cli;

import io.courtside.ingest.PostProducer;
import io.courtside.ingest.SyntheticPosts;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Synthetic posts at a steady rate, in ten small bursts a second, on one background thread. */
final class SyntheticLoad {
  private final SyntheticPosts posts;
  private final PostProducer producer;
  private final int rate;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "synthetic-load");
            t.setDaemon(true);
            return t;
          });
  private long ticks;
  private long sent;

  SyntheticLoad(SyntheticPosts posts, PostProducer producer, int rate) {
    this.posts = posts;
    this.producer = producer;
    this.rate = rate;
  }

  void start() {
    timer.scheduleAtFixedRate(this::tick, 0, 100, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    ticks++;
    long due = ticks * rate / 10; // exact over time, whatever the rate
    while (sent < due) {
      producer.post(posts.next());
      sent++;
    }
  }

  void stop() throws InterruptedException {
    timer.shutdown();
    timer.awaitTermination(10, TimeUnit.SECONDS);
  }
}
