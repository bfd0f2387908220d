package io.courtside.pipeline.influx;

import java.time.Duration;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Instant;

/**
 * Writes line-protocol points to InfluxDB (or anything that speaks its v1 or v2 write API):
 *
 * <pre>{@code
 * InfluxDbIO.WriteResult result =
 *     points.apply(InfluxDbIO.write()
 *         .withTarget(InfluxTarget.v1("http://127.0.0.1:8086", "courtside"))
 *         .withBatchSize(5000)
 *         .withMaxRetryTime(Duration.ofMinutes(5)));
 * result.getFailedPoints().apply(...); // points the server refused, with its answer
 * }</pre>
 *
 * <p>Two modes. Plain ({@link BatchedWrite}): points are batched per bundle, at most {@code
 * batchSize} a request and {@code maxBatchDelay} in the buffer. Latest pane wins ({@link
 * #withLatestPaneWins()}, {@link LatestPaneWrite}): for points of accumulating window panes, where
 * each pane rewrites its window's point; an older pane never overwrites a newer one.
 *
 * <p>Both retry a failed request by one {@link RetryPolicy} for up to {@code maxRetryTime} while
 * the bundle waits (back-pressure), fail the bundle on 401/403 and on a status that says the target
 * is wrong (404, 405, 3xx), and isolate the points of a refused request (400, 413, 422) by
 * splitting it ({@link BatchWriter}): those come out in {@link WriteResult#getFailedPoints()}, in
 * the window and at the timestamp of their input element, and the rest is written. Credentials are
 * read on the worker from the file or environment variable the target names ({@link
 * InfluxCredentials}); the configuration holds no secret. Metrics are in this class's namespace:
 * {@code points_written}, {@code write_retries}, {@code failed_batches}, {@code rejected_points},
 * {@code stale_panes_skipped}, {@code windows_kept} and the {@code batch_size} distribution.
 */
public final class InfluxDbIO {
  private InfluxDbIO() {}

  /**
   * A plain write with the defaults: 5000 points a request, 1 s in the buffer, 5 min of retries.
   */
  public static Write write() {
    return new Write(null, 5000, Duration.ofSeconds(1), Duration.ofMinutes(5), false, null);
  }

  /** The write transform: an immutable configuration, each {@code withX} returns a changed copy. */
  public static final class Write extends PTransform<PCollection<String>, WriteResult> {
    private final InfluxTarget target;
    private final int batchSize;
    private final Duration maxBatchDelay;
    private final Duration maxRetryTime;
    private final boolean latestPaneWins;
    private final Instant keepWindowsBefore;

    private Write(
        InfluxTarget target,
        int batchSize,
        Duration maxBatchDelay,
        Duration maxRetryTime,
        boolean latestPaneWins,
        Instant keepWindowsBefore) {
      this.target = target;
      this.batchSize = batchSize;
      this.maxBatchDelay = maxBatchDelay;
      this.maxRetryTime = maxRetryTime;
      this.latestPaneWins = latestPaneWins;
      this.keepWindowsBefore = keepWindowsBefore;
    }

    /** Where to write: URL, API version, database or bucket, credentials, newline mode. */
    public Write withTarget(InfluxTarget target) {
      return new Write(
          target, batchSize, maxBatchDelay, maxRetryTime, latestPaneWins, keepWindowsBefore);
    }

    /** Most points a write request carries; at least 1. */
    public Write withBatchSize(int batchSize) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
      }
      return new Write(
          target, batchSize, maxBatchDelay, maxRetryTime, latestPaneWins, keepWindowsBefore);
    }

    /**
     * Longest a point waits in the plain mode's buffer; positive. Buffers also flush per bundle.
     */
    public Write withMaxBatchDelay(Duration maxBatchDelay) {
      if (maxBatchDelay.isNegative() || maxBatchDelay.isZero()) {
        throw new IllegalArgumentException(
            "max batch delay must be positive, got " + maxBatchDelay);
      }
      return new Write(
          target, batchSize, maxBatchDelay, maxRetryTime, latestPaneWins, keepWindowsBefore);
    }

    /** Total time one request is retried for before the bundle fails ({@link RetryPolicy}). */
    public Write withMaxRetryTime(Duration maxRetryTime) {
      if (maxRetryTime.isNegative()) {
        throw new IllegalArgumentException(
            "max retry time must not be negative, got " + maxRetryTime);
      }
      return new Write(
          target, batchSize, maxBatchDelay, maxRetryTime, latestPaneWins, keepWindowsBefore);
    }

    /**
     * The mode for points of accumulating window panes: each point is keyed by its series, and a
     * stateful step writes a pane only if no newer pane of that series and window was written.
     */
    public Write withLatestPaneWins() {
      return new Write(target, batchSize, maxBatchDelay, maxRetryTime, true, keepWindowsBefore);
    }

    /**
     * Latest pane wins only: windows that start before {@code instant} are not written (counter
     * {@code windows_kept}), as when a restarted job re-reads only part of their input and their
     * stored points are final. Null: every window is written.
     */
    public Write keepingWindowsBefore(Instant instant) {
      return new Write(target, batchSize, maxBatchDelay, maxRetryTime, latestPaneWins, instant);
    }

    public InfluxTarget target() {
      return target;
    }

    /** The retry rule of the writes, for a launcher's own calls to the same server. */
    public RetryPolicy retryPolicy() {
      return RetryPolicy.of(maxRetryTime);
    }

    @Override
    public WriteResult expand(PCollection<String> points) {
      if (target == null) {
        throw new IllegalStateException("InfluxDbIO.write() needs withTarget(...)");
      }
      if (keepWindowsBefore != null && !latestPaneWins) {
        throw new IllegalStateException("keepingWindowsBefore needs withLatestPaneWins()");
      }
      PointWriter.Config config =
          new PointWriter.Config(target, batchSize, maxBatchDelay, retryPolicy());
      PCollection<FailedPoint> failed =
          latestPaneWins
              ? points.apply("LatestPaneWins", new LatestPaneWrite(config, keepWindowsBefore))
              : points.apply("Batched", new BatchedWrite(config));
      return new WriteResult(points.getPipeline(), failed);
    }
  }

  /**
   * What a write leaves: the points the server refused (ElasticsearchIO's and BigQuery's pattern).
   */
  public static final class WriteResult implements POutput {
    private static final TupleTag<FailedPoint> FAILED_POINTS = new TupleTag<>("failedPoints") {};

    private final Pipeline pipeline;
    private final PCollection<FailedPoint> failedPoints;

    private WriteResult(Pipeline pipeline, PCollection<FailedPoint> failedPoints) {
      this.pipeline = pipeline;
      this.failedPoints = failedPoints;
    }

    /** Points the server refused, each with its answer, in the window of its input element. */
    public PCollection<FailedPoint> getFailedPoints() {
      return failedPoints;
    }

    @Override
    public Pipeline getPipeline() {
      return pipeline;
    }

    @Override
    public Map<TupleTag<?>, PValue> expand() {
      return Map.of(FAILED_POINTS, failedPoints);
    }

    @Override
    public void finishSpecifyingOutput(
        String transformName, PInput input, PTransform<?, ?> transform) {}
  }
}
