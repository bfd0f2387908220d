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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The hand-written baseline: one KafkaConsumer loop that parses each record with the post codec,
 * scores it with the same VADER, encodes it with the same {@link InfluxSchema} line (with {@code
 * latency_ms}) and writes batches through the same {@link InfluxDbClient} (gzip v1 {@code /write}),
 * flushed at the pipeline's defaults: 5,000 points or 1 s. It computes no windows and no entity
 * counts: it is the floor cost of "read, score, store each post", which is what the ratio compares
 * the Beam job against. Runs until killed, like a streaming job.
 *
 * <p>Batches are written by writer threads while the loop builds the next, at most {@link
 * #IN_FLIGHT} at a time: the loop waits for the oldest write before it hands over another. Writing
 * in the loop itself left influxd idle while the loop scored and the loop idle while influxd
 * ingested: the baseline then reached 55% of the influxd ceiling's wall rate (bench/README.md, "The
 * influxd ceiling").
 *
 * <p>Usage: {@code BaselineMain BOOTSTRAP TOPIC INFLUX_URL DATABASE}
 */
public final class BaselineMain {
  static final int BATCH_SIZE = 5000;
  static final Duration MAX_BATCH_DELAY = Duration.ofSeconds(1);

  /**
   * Batches being written at once: two, as the runners' sinks on 2 cores have (two Flink sink
   * instances, two Spark tasks). With one, the loop waited for each write and neither it nor
   * influxd kept a core busy: 63% of the 1-thread ceiling's wall rate, 73% steady, 77% of the cores
   * busy; with two, 76% wall and 90% steady, 94% busy (bench/README.md, "The baseline writes two
   * batches at a time").
   */
  static final int IN_FLIGHT = 2;

  private BaselineMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: BaselineMain BOOTSTRAP TOPIC INFLUX_URL DATABASE");
      System.exit(2);
    }
    InfluxDbClient influx = new InfluxDbClient(args[2], args[3]);
    influx.createDatabase();
    Vader vader = VaderConfig.defaults().toVader();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(args[0])) {
      consumer.subscribe(List.of(args[1]));
      System.out.println("baseline: consuming " + args[1]);
      loop(consumer, vader, influx);
    }
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG,
            "bench-baseline-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            // The same isolation as the pipeline's read.
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            2000),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  private static void loop(
      KafkaConsumer<byte[], byte[]> consumer, Vader vader, InfluxDbClient influx) throws Exception {
    ExecutorService writer =
        Executors.newFixedThreadPool(
            IN_FLIGHT,
            r -> {
              Thread t = new Thread(r, "baseline-writer");
              t.setDaemon(true);
              return t;
            });
    Deque<Future<?>> inFlight = new ArrayDeque<>();
    List<String> buffer = new ArrayList<>(BATCH_SIZE);
    long oldest = 0;
    long invalid = 0;
    while (!Thread.currentThread().isInterrupted()) {
      ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
      for (ConsumerRecord<byte[], byte[]> r : records) {
        Post post;
        try {
          post = PostJson.parse(r.value());
        } catch (InvalidPostException | RuntimeException e) {
          invalid++;
          continue;
        }
        SentimentScores s = vader.polarityScores(post.text());
        ScoredPost scored = new ScoredPost(post, s.compound(), s.neg(), s.neu(), s.pos());
        if (buffer.isEmpty()) {
          oldest = System.nanoTime();
        }
        // Built just before it is buffered, as the pipeline's PostPoints step does.
        buffer.add(InfluxSchema.postLine(scored, Instant.now()));
        if (buffer.size() >= BATCH_SIZE) {
          handOver(writer, inFlight, buffer, influx);
          buffer = new ArrayList<>(BATCH_SIZE);
        }
      }
      // An idle poll or an old batch flushes: the pipeline flushes at each bundle's end.
      if (!buffer.isEmpty()
          && (records.isEmpty() || System.nanoTime() - oldest >= MAX_BATCH_DELAY.toNanos())) {
        handOver(writer, inFlight, buffer, influx);
        buffer = new ArrayList<>(BATCH_SIZE);
      }
      while (records.isEmpty() && !inFlight.isEmpty() && inFlight.peek().isDone()) {
        inFlight.poll().get(); // a failed last write ends the baseline now, not at the next batch
      }
      if (invalid > 0 && records.isEmpty()) {
        System.out.println("baseline: " + invalid + " invalid records skipped");
        invalid = 0;
      }
    }
  }

  /**
   * Waits for the oldest batch in flight while {@link #IN_FLIGHT} are (a failed write ends the
   * baseline with its error), then starts writing {@code batch} on a writer thread.
   */
  private static void handOver(
      ExecutorService writer, Deque<Future<?>> inFlight, List<String> batch, InfluxDbClient influx)
      throws InterruptedException, ExecutionException {
    while (inFlight.size() >= IN_FLIGHT) {
      inFlight.poll().get();
    }
    inFlight.add(
        writer.submit(
            () -> {
              influx.write(batch);
              return null;
            }));
  }
}
