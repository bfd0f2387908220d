package io.courtside.pipeline.influx;

import io.courtside.pipeline.parse.DeadLetter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write path both sink steps share ({@link WriteToInfluxDb} for post points, {@link
 * WritePanes} for window aggregates): one {@link BatchWriter} per DoFn instance, created on the
 * worker in {@code @Setup}, with the sink's metrics; points the server refuses go to the
 * dead-letter topic before {@link #write} returns. Not serializable: {@link Fn}, the base of both
 * steps' DoFns, opens it on the worker.
 */
final class PointWriter {
  /** A DoFn that writes through a PointWriter: opened in {@code @Setup}, closed in {@code @Teardown}. */
  abstract static class Fn<InputT> extends org.apache.beam.sdk.transforms.DoFn<InputT, Void> {
    final WriteToInfluxDb.Config config;
    private final RefusedPoints refusedPoints;
    transient PointWriter writer;

    Fn(WriteToInfluxDb.Config config, RefusedPoints refusedPoints) {
      this.config = config;
      this.refusedPoints = refusedPoints;
    }

    @Setup
    public void setup() throws IOException, InterruptedException {
      writer = new PointWriter(config, refusedPoints);
    }

    @Teardown
    public void teardown() {
      if (writer != null) {
        writer.close();
      }
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(WriteToInfluxDb.class);

  // The metrics keep WriteToInfluxDb's namespace: the demo's progress line reads points_written.
  private final Counter written = Metrics.counter(WriteToInfluxDb.class, "points_written");
  private final Counter retries = Metrics.counter(WriteToInfluxDb.class, "write_retries");
  private final Counter failedBatches = Metrics.counter(WriteToInfluxDb.class, "failed_batches");
  private final Counter rejectedPoints = Metrics.counter(WriteToInfluxDb.class, "rejected_points");
  private final Distribution batchSizes = Metrics.distribution(WriteToInfluxDb.class, "batch_size");
  private final RefusedPoints refusedPoints;
  private final BatchWriter writer;

  /** Connects (and on the v1 API creates the database); call from {@code @Setup}. */
  private PointWriter(WriteToInfluxDb.Config config, RefusedPoints refusedPoints)
      throws IOException, InterruptedException {
    this.refusedPoints = refusedPoints;
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

  private void createDatabase(WriteToInfluxDb.Config config, InfluxDbClient client)
      throws IOException, InterruptedException {
    try {
      config.retry().run("CREATE DATABASE", client::createDatabase, (e, d) -> retries.inc());
    } catch (InfluxDbException e) {
      if (e.status() != 403) {
        throw e;
      }
      // A user with write rights but no admin rights: the database must already exist.
      LOG.warn("Cannot create database {} (403, not an admin user); assuming it exists",
          config.target().database());
    }
  }

  /** Writes {@code batch} (retrying as the policy says); refused points go to the dead letters. */
  void write(List<String> batch) throws Exception {
    if (batch.isEmpty()) {
      return;
    }
    batchSizes.update(batch.size());
    List<BatchWriter.Rejected> rejected = writer.write(batch);
    written.inc(batch.size() - rejected.size());
    if (!rejected.isEmpty()) {
      List<DeadLetter> letters = new ArrayList<>(rejected.size());
      rejected.forEach(r -> letters.add(deadLetter(r)));
      refusedPoints.publish(letters);
      rejectedPoints.inc(rejected.size());
      LOG.warn("InfluxDB refused {} of {} points; they go to the dead-letter topic. First: {}",
          rejected.size(), batch.size(), rejected.get(0).reason());
    }
  }

  /** Call from {@code @Teardown}. */
  void close() {
    refusedPoints.close();
  }

  private static DeadLetter deadLetter(BatchWriter.Rejected r) {
    int end = r.line().indexOf(',');
    String measurement = end > 0 ? r.line().substring(0, end) : "unknown";
    return new DeadLetter(
        "InfluxDB refused the point: " + r.reason(),
        WriteToInfluxDb.DEAD_LETTER_TOPIC,
        -1,
        -1,
        measurement.getBytes(StandardCharsets.UTF_8),
        r.line().getBytes(StandardCharsets.UTF_8));
  }
}
