package io.courtside.pipeline.influx;

import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write path both modes of {@link InfluxDbIO} share: one {@link BatchWriter} per DoFn instance,
 * created on the worker in {@code @Setup}, with the sink's metrics. Not serializable: {@link Fn},
 * the base of both modes' DoFns, opens it on the worker.
 */
final class PointWriter {
  /**
   * What the DoFns need of the sink's configuration; holds no secret ({@link InfluxCredentials}).
   */
  record Config(InfluxTarget target, int batchSize, Duration maxBatchDelay, RetryPolicy retry)
      implements Serializable {}

  /** A buffered point, with its element's timestamp and window for a refusal's output. */
  record Pending(String line, Instant timestamp, BoundedWindow window) {}

  /**
   * A DoFn that writes through a PointWriter: opened in {@code @Setup}, closed in
   * {@code @Teardown}. Points the server refuses are output at the end of the bundle, each in the
   * window and at the timestamp of the element it came from: a flush in {@code @ProcessElement} may
   * write points of earlier elements, whose windows that call cannot output to.
   */
  abstract static class Fn<InputT> extends DoFn<InputT, FailedPoint> {
    final Config config;
    private transient PointWriter writer;
    private transient List<Pending> refused;
    private transient List<String> errors;

    Fn(Config config) {
      this.config = config;
    }

    @Setup
    public void setup() throws IOException, InterruptedException {
      writer = new PointWriter(config);
    }

    @StartBundle
    public void startBundle() {
      refused = new ArrayList<>();
      errors = new ArrayList<>();
      clearBuffer();
    }

    /** Empties the subclass's buffer; called as each bundle starts. */
    abstract void clearBuffer();

    /** Writes everything buffered; called before the bundle's refusals are output. */
    abstract void flush() throws Exception;

    /** Writes {@code batch} (retrying as the policy says); keeps the refused points for output. */
    final void write(Collection<Pending> batch) throws Exception {
      if (batch.isEmpty()) {
        return;
      }
      List<Pending> pending = List.copyOf(batch);
      List<String> lines = new ArrayList<>(pending.size());
      for (Pending p : pending) {
        lines.add(p.line());
      }
      // Refusals come back by their place in the list: no map keyed by whole lines to hash.
      for (BatchWriter.Rejected r : writer.write(lines)) {
        refused.add(pending.get(r.index()));
        errors.add(r.reason());
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) throws Exception {
      flush();
      for (int i = 0; i < refused.size(); i++) {
        Pending p = refused.get(i);
        context.output(new FailedPoint(p.line(), errors.get(i)), p.timestamp(), p.window());
      }
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(InfluxDbIO.class);

  private final Counter written = Metrics.counter(InfluxDbIO.class, "points_written");
  private final Counter retries = Metrics.counter(InfluxDbIO.class, "write_retries");
  private final Counter failedBatches = Metrics.counter(InfluxDbIO.class, "failed_batches");
  private final Counter rejectedPoints = Metrics.counter(InfluxDbIO.class, "rejected_points");
  private final Distribution batchSizes = Metrics.distribution(InfluxDbIO.class, "batch_size");
  private final BatchWriter writer;

  /** Connects (and on the v1 API creates the database); call from {@code @Setup}. */
  private PointWriter(Config config) throws IOException, InterruptedException {
    // The secret is read here, on the worker, and lives only in this client.
    InfluxDbClient client =
        new InfluxDbClient(config.target(), InfluxCredentials.header(config.target()));
    this.writer =
        new BatchWriter(
            client,
            config.retry(),
            new BatchWriter.Stats() {
              @Override
              public void retried() {
                retries.inc();
              }

              @Override
              public void rejectedRequest() {
                failedBatches.inc();
              }
            });
    if (config.target().api() == InfluxTarget.Api.V1) {
      createDatabase(config, client);
    }
  }

  private void createDatabase(Config config, InfluxDbClient client)
      throws IOException, InterruptedException {
    try {
      config.retry().run("CREATE DATABASE", client::createDatabase, (e, d) -> retries.inc());
    } catch (InfluxDbException e) {
      if (e.status() != 403) {
        throw e;
      }
      // A user with write rights but no admin rights: the database must already exist.
      LOG.warn(
          "Cannot create database {} (403, not an admin user); assuming it exists",
          config.target().database());
    }
  }

  /** Writes {@code batch} (retrying as the policy says); returns the points the server refused. */
  private List<BatchWriter.Rejected> write(List<String> batch) throws Exception {
    batchSizes.update(batch.size());
    List<BatchWriter.Rejected> rejected = writer.write(batch);
    written.inc(batch.size() - rejected.size());
    if (!rejected.isEmpty()) {
      rejectedPoints.inc(rejected.size());
      LOG.warn(
          "InfluxDB refused {} of {} points; they are the write's failed points. First: {}",
          rejected.size(),
          batch.size(),
          rejected.get(0).reason());
    }
    return rejected;
  }
}
