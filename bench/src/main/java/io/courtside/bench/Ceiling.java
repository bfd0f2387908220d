package io.courtside.bench;

import io.courtside.model.InvalidPostException;
import io.courtside.model.Post;
import io.courtside.model.PostJson;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.pipeline.influx.InfluxSchema;
import io.courtside.pipeline.score.ScoredPost;
import io.courtside.sentiment.SentimentScores;
import io.courtside.sentiment.Vader;
import io.courtside.sentiment.VaderConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ceiling: influxd alone storing the drain's points, with none of the job's work on the clock.
 * What the database, not the job, allows on this machine.
 *
 * <p>The points are the ones the baseline writes: the backlog's posts ({@link Posts#backlogPosts},
 * the seed, texts and createdAt values the topic holds, regenerated without reading Kafka), turned
 * into JSON and parsed back with {@link PostJson} as they leave the topic, scored with the same
 * VADER, encoded with the same {@link InfluxSchema#postLine(ScoredPost, Instant)}, cut into batches
 * of {@link BaselineMain#BATCH_SIZE} points and gzip-compressed by {@link InfluxDbClient#gzipBody}
 * as {@link InfluxDbClient#write} compresses them. All of that happens in {@link #encode}, before
 * any clock starts. {@code latency_ms} comes from one instant for every point (the baseline takes
 * the time of each point), so the lines are as long as the baseline's but not byte for byte the
 * same.
 *
 * <p>Timed ({@link #run}): from the first write request to the first poll of the post count that
 * sees every post. One or more writer threads, each with its own {@link InfluxDbClient} (its own
 * connection), take the next unsent batch until none is left. The count is polled as drains poll
 * it, and once more as soon as the last write is acknowledged, so the 200 ms poll interval does not
 * add to a run of a second or two.
 */
final class Ceiling {
  /** The client thread counts of the ceiling rows. */
  static final List<Integer> THREADS = List.of(1, 2);

  /** After the last write was acknowledged, how long a short count may take to catch up. */
  static final Duration SETTLE = Duration.ofSeconds(10);

  /** One write request's body and the points it holds. */
  record Batch(byte[] body, int points) {}

  /** Every batch of the backlog, in backlog order, and what they weigh. */
  record Batches(List<Batch> batches, long lineBytes) {
    Batches {
      batches = List.copyOf(batches);
    }

    int points() {
      return batches.stream().mapToInt(Batch::points).sum();
    }

    long gzipBytes() {
      return batches.stream().mapToLong(b -> b.body().length).sum();
    }
  }

  private Ceiling() {}

  static String label(int threads) {
    return "influxd ceiling, " + threads + " client thread" + (threads == 1 ? "" : "s");
  }

  /**
   * The backlog of {@code n} posts of {@code seed} as write bodies: parsed, scored, encoded with
   * {@code latency_ms} = {@code builtAt} - createdAt, in batches of {@link
   * BaselineMain#BATCH_SIZE}, each compressed by {@code compressor} (the target decides the newline
   * dialect, as in a write).
   */
  static Batches encode(int n, long seed, Instant builtAt, InfluxDbClient compressor) {
    Vader vader = VaderConfig.defaults().toVader();
    int size = BaselineMain.BATCH_SIZE;
    List<Batch> batches = new ArrayList<>(n / size + 1);
    List<String> lines = new ArrayList<>(size);
    long[] lineBytes = {0};
    Posts.backlogPosts(
        n,
        seed,
        produced -> {
          Post post;
          try {
            // The bytes the producer sends, parsed as the baseline parses a record's value.
            post = PostJson.parse(PostJson.toBytes(produced));
          } catch (InvalidPostException e) {
            throw new IllegalStateException(
                "backlog post " + produced.id() + " does not parse: " + e.getMessage(), e);
          }
          SentimentScores s = vader.polarityScores(post.text());
          String line =
              InfluxSchema.postLine(
                  new ScoredPost(post, s.compound(), s.neg(), s.neu(), s.pos()), builtAt);
          lineBytes[0] += line.getBytes(StandardCharsets.UTF_8).length + 1;
          lines.add(line);
          if (lines.size() == size) {
            batches.add(new Batch(compressor.gzipBody(lines), lines.size()));
            lines.clear();
          }
        });
    if (!lines.isEmpty()) {
      batches.add(new Batch(compressor.gzipBody(lines), lines.size()));
    }
    return new Batches(batches, lineBytes[0]);
  }

  /**
   * Writes every batch into a fresh {@code database} from {@code threads} threads and polls until
   * InfluxDB counts every point; the result is a drain's, of kind {@link RunnerKind#CEILING}.
   */
  static Drain.Result run(
      Batches batches,
      String influxUrl,
      String database,
      int threads,
      Duration timeout,
      String label)
      throws Exception {
    InfluxStats influx = new InfluxStats(influxUrl, database);
    influx.createDatabase();
    InfluxStats.Writes before = influx.writes();
    List<Batch> all = batches.batches();
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Exception> failure = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(threads);
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      // Built before the clock: only the requests are timed.
      InfluxDbClient client = new InfluxDbClient(influxUrl, database);
      Thread writer =
          new Thread(
              () -> {
                try {
                  int i;
                  while (failure.get() == null
                      && !Thread.currentThread().isInterrupted()
                      && (i = next.getAndIncrement()) < all.size()) {
                    client.writeGzipped(all.get(i).body(), all.get(i).points());
                  }
                } catch (Exception e) {
                  failure.compareAndSet(null, e);
                } finally {
                  done.countDown();
                }
              },
              "ceiling-writer-" + (t + 1));
      writer.setDaemon(true);
      writers.add(writer);
    }
    CpuUse.Reading cpu = CpuUse.read(true);
    long t0 = System.nanoTime();
    writers.forEach(Thread::start);
    try {
      return Drain.poll(
          RunnerKind.CEILING,
          label,
          influx,
          before,
          cpu,
          t0,
          batches.points(),
          timeout,
          new Drain.Writer() {
            private long allWrittenAt;

            @Override
            public void check(long count, long posts) {
              Exception e = failure.get();
              if (e != null) {
                throw new IllegalStateException(
                    label + ": a write failed (" + count + " of " + posts + " posts stored)", e);
              }
              if (done.getCount() > 0) {
                return;
              }
              long now = System.nanoTime();
              if (allWrittenAt == 0) {
                allWrittenAt = now;
              } else if (now - allWrittenAt > SETTLE.toNanos()) {
                throw new IllegalStateException(
                    label
                        + ": every batch was acknowledged, yet InfluxDB counts "
                        + count
                        + " of "
                        + posts
                        + " posts "
                        + SETTLE.toSeconds()
                        + " s later");
              }
            }

            @Override
            public void awaitPoll() throws InterruptedException {
              if (done.getCount() == 0) {
                Thread.sleep(Drain.POLL.toMillis());
              } else {
                // Returns early when the last write is acknowledged: that poll ends the run.
                done.await(Drain.POLL.toMillis(), TimeUnit.MILLISECONDS);
              }
            }
          });
    } finally {
      failure.compareAndSet(null, new InterruptedException("the ceiling run ended"));
      for (Thread w : writers) {
        w.interrupt();
        w.join(Duration.ofSeconds(35).toMillis());
      }
    }
  }
}
