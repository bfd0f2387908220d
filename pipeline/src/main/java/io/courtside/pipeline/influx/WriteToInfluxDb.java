package io.courtside.pipeline.influx;

import io.courtside.pipeline.options.Durations;
import io.courtside.pipeline.options.InfluxDbOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.util.BackOff;
import org.apache.beam.sdk.util.BackOffUtils;
import org.apache.beam.sdk.util.FluentBackoff;
import org.apache.beam.sdk.util.Sleeper;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes line-protocol points to InfluxDB: buffered per bundle, flushed at {@code batchSize} and
 * at the end of every bundle, so a bundle only completes (and Kafka offsets only advance) once its
 * points are stored. Connection errors, 5xx and 429 are retried with exponential backoff up to
 * {@code maxRetryTime}; other answers (401, 400 ...) fail at once with the server's message.
 * Writes are idempotent by design of the schema ({@link InfluxSchema}), so a retried or replayed
 * batch never double-counts.
 */
public final class WriteToInfluxDb extends PTransform<PCollection<String>, PCollection<Void>> {
  private final Config config;

  /** Immutable sink configuration. */
  public record Config(String url, String database, int batchSize, Duration maxRetryTime)
      implements java.io.Serializable {
    public Config {
      if (batchSize < 1) {
        throw new IllegalArgumentException("--influxBatchSize must be at least 1, got " + batchSize);
      }
    }
  }

  private WriteToInfluxDb(Config config) {
    this.config = config;
  }

  public static WriteToInfluxDb with(Config config) {
    return new WriteToInfluxDb(config);
  }

  public static WriteToInfluxDb from(InfluxDbOptions options) {
    return with(
        new Config(
            options.getInfluxUrl(),
            options.getInfluxDatabase(),
            options.getInfluxBatchSize(),
            Durations.parse("influxMaxRetryTime", options.getInfluxMaxRetryTime())));
  }

  @Override
  public PCollection<Void> expand(PCollection<String> lines) {
    return lines.apply("BatchedWrite", ParDo.of(new WriteFn(config)));
  }

  static final class WriteFn extends DoFn<String, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(WriteToInfluxDb.class);

    private final Config config;
    private final Counter written = Metrics.counter(WriteToInfluxDb.class, "points_written");
    private final Counter retries = Metrics.counter(WriteToInfluxDb.class, "write_retries");
    private final Distribution batchSizes = Metrics.distribution(WriteToInfluxDb.class, "batch_size");
    private transient InfluxDbClient client;
    private transient List<String> buffer;

    WriteFn(Config config) {
      this.config = config;
    }

    @Setup
    public void setup() throws IOException, InterruptedException {
      client = new InfluxDbClient(config.url(), config.database());
      withRetries("create database " + config.database(), client::createDatabase);
    }

    @StartBundle
    public void startBundle() {
      buffer = new ArrayList<>();
    }

    @ProcessElement
    public void process(@Element String line) throws IOException, InterruptedException {
      buffer.add(line);
      if (buffer.size() >= config.batchSize()) {
        flush();
      }
    }

    @FinishBundle
    public void finishBundle() throws IOException, InterruptedException {
      flush();
    }

    @Teardown
    public void teardown() {
      if (client != null) {
        client.close();
      }
    }

    private void flush() throws IOException, InterruptedException {
      if (buffer.isEmpty()) {
        return;
      }
      List<String> batch = buffer;
      buffer = new ArrayList<>();
      withRetries("write " + batch.size() + " points", () -> client.write(batch));
      written.inc(batch.size());
      batchSizes.update(batch.size());
    }

    private interface Call {
      void run() throws InfluxDbException;
    }

    private void withRetries(String what, Call call) throws IOException, InterruptedException {
      BackOff backoff =
          FluentBackoff.DEFAULT
              .withInitialBackoff(Duration.millis(200))
              .withMaxBackoff(Duration.standardSeconds(10))
              .withMaxCumulativeBackoff(config.maxRetryTime())
              .backoff();
      while (true) {
        try {
          call.run();
          return;
        } catch (InfluxDbException e) {
          if (!e.retryable()) {
            throw e;
          }
          LOG.warn("InfluxDB {} failed, will retry: {}", what, e.getMessage());
          retries.inc();
          if (!BackOffUtils.next(Sleeper.DEFAULT, backoff)) {
            throw new IOException(
                "gave up on InfluxDB " + what + " after retrying for " + config.maxRetryTime(), e);
          }
        }
      }
    }
  }
}
