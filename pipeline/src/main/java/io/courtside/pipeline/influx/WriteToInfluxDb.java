package io.courtside.pipeline.influx;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes line-protocol points to InfluxDB; points it refuses go to the dead-letter topic.
 *
 * <p>Points are buffered per bundle and flushed at {@code batchSize}, when the oldest buffered
 * point has waited {@code maxBatchDelay}, and at the end of every bundle, so a bundle only
 * completes (and Kafka offsets only advance) once its points are stored. While InfluxDB is down
 * the flush blocks in the {@link RetryPolicy}, and so does the bundle and the worker thread that
 * runs it: the sink holds at most one batch per thread, and the runner cannot hand that thread
 * more work. A refused point goes to the dead-letter topic with the server's message ({@link
 * BatchWriter}, {@link RefusedPoints}) before the bundle completes; 401/403 fail the job at once
 * with one clear error. Writes are idempotent by design of the schema, so a retried or replayed
 * batch never double-counts. Points of accumulating window panes go through {@link WritePanes}
 * instead, which also keeps an older pane from overwriting a newer one.
 */
public final class WriteToInfluxDb extends PTransform<PCollection<String>, PCollection<Void>> {
  /** Dead letters of refused points carry this as their topic. */
  public static final String DEAD_LETTER_TOPIC = "influxdb";

  private final Config config;
  private final RefusedPoints refused;

  /** Immutable sink configuration; holds no secret (see {@link InfluxCredentials}). */
  public record Config(
      InfluxTarget target, int batchSize, java.time.Duration maxBatchDelay, RetryPolicy retry)
      implements java.io.Serializable {
    public Config {
      if (batchSize < 1) {
        throw new IllegalArgumentException("--influxBatchSize must be at least 1, got " + batchSize);
      }
    }
  }

  private WriteToInfluxDb(Config config, RefusedPoints refused) {
    this.config = config;
    this.refused = refused;
  }

  public static WriteToInfluxDb with(Config config, RefusedPoints refused) {
    return new WriteToInfluxDb(config, refused);
  }

  @Override
  public PCollection<Void> expand(PCollection<String> lines) {
    return lines.apply("BatchedWrite", ParDo.of(new WriteFn(config, refused)));
  }

  static final class WriteFn extends PointWriter.Fn<String> {
    private transient List<String> buffer;
    private transient long oldestNanos;

    WriteFn(Config config, RefusedPoints refusedPoints) {
      super(config, refusedPoints);
    }

    @StartBundle
    public void startBundle() {
      buffer = new ArrayList<>();
    }

    @ProcessElement
    public void process(@Element String line) throws Exception {
      if (buffer.isEmpty()) {
        oldestNanos = System.nanoTime();
      }
      buffer.add(line);
      if (buffer.size() >= config.batchSize()
          || System.nanoTime() - oldestNanos >= config.maxBatchDelay().toNanos()) {
        flush();
      }
    }

    @FinishBundle
    public void finishBundle() throws Exception {
      flush();
    }

    private void flush() throws Exception {
      List<String> batch = buffer;
      buffer = new ArrayList<>();
      writer.write(batch);
    }
  }
}
