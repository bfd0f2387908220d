package io.courtside.bench;

import io.courtside.ingest.KafkaSettings;
import io.courtside.ingest.PostProducer;
import io.courtside.ingest.SyntheticPosts;
import io.courtside.ingest.TopicAdmin;
import io.courtside.model.Post;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Produces the bench's posts into the real broker with the ingest producer (acks=all, idempotent):
 * a backlog with fixed createdAt values, or a live stream at a fixed rate.
 */
final class Posts {
  /** The backlog's createdAt values start here and spread over {@link #BACKLOG_SPAN_MS}. */
  static final Instant BACKLOG_START = Instant.parse("2026-05-21T02:00:00Z");

  static final long BACKLOG_SPAN_MS = 10 * 60_000;

  /** The drains' backlog seed: every drain of every run reads the same posts. */
  static final long BACKLOG_SEED = 42;

  private final String bootstrap;

  Posts(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  void createTopic(String topic, int partitions) throws Exception {
    new TopicAdmin(KafkaSettings.admin(bootstrap, new Properties()))
        .ensureTopic(topic, partitions, (short) 1);
  }

  /**
   * {@code n} synthetic posts (seeded, so every run drains the same texts), createdAt spread evenly
   * over ten minutes: ten one-minute windows, as a backfill of part of a game would hold.
   */
  void backlog(String topic, int partitions, int n, long seed) throws Exception {
    createTopic(topic, partitions);
    try (PostProducer producer = producer(topic)) {
      backlogPosts(n, seed, producer::post);
      producer.flush();
      failIfLost(producer);
    }
  }

  /**
   * The posts {@link #backlog} produces for {@code n} and {@code seed}, in the order it sends them,
   * without a broker: the ceiling builds its points from these.
   */
  static void backlogPosts(int n, long seed, Consumer<Post> each) {
    SyntheticPosts synthetic = new SyntheticPosts(seed, Clock.fixed(BACKLOG_START, ZoneOffset.UTC));
    for (int i = 0; i < n; i++) {
      Post p = synthetic.next();
      Instant at = BACKLOG_START.plusMillis(BACKLOG_SPAN_MS * i / n);
      each.accept(new Post(p.id(), at, p.text(), p.lang(), p.author(), p.source(), p.hashtags()));
    }
  }

  /** A post the broker never acknowledged would make the run wait for a count it cannot reach. */
  private static void failIfLost(PostProducer producer) {
    if (producer.failed() > 0) {
      throw new IllegalStateException(
          producer.failed() + " posts were not acknowledged", producer.firstError());
    }
  }

  /**
   * Produces {@code rate} posts/s for {@code seconds} with createdAt = the moment each is sent and
   * the given {@code source} (a field of the point, so a lot can be told apart in InfluxDB).
   * Returns the send time (epoch ms) of every post, in order.
   */
  long[] live(String topic, String source, int rate, int seconds, long seed) throws Exception {
    int n = rate * seconds;
    long[] sentAt = new long[n];
    SyntheticPosts synthetic = new SyntheticPosts(seed, Clock.systemUTC());
    long start = System.nanoTime();
    try (PostProducer producer = producer(topic)) {
      for (int i = 0; i < n; i++) {
        long due = start + (long) i * 1_000_000_000L / rate;
        long wait = due - System.nanoTime();
        if (wait > 200_000) {
          LockSupport.parkNanos(wait);
        }
        Post p = synthetic.next();
        Instant now = Instant.now();
        sentAt[i] = now.toEpochMilli();
        producer.post(new Post(p.id(), now, p.text(), p.lang(), p.author(), source, p.hashtags()));
      }
      producer.flush();
      failIfLost(producer);
    }
    return sentAt;
  }

  private PostProducer producer(String topic) {
    return PostProducer.create(KafkaSettings.producer(bootstrap, new Properties()), topic);
  }
}
