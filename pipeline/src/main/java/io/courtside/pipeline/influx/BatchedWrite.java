package io.courtside.pipeline.influx;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Instant;

/**
 * {@link InfluxDbIO}'s plain mode: points are buffered per bundle and flushed at {@code batchSize},
 * when the oldest buffered point has waited {@code maxBatchDelay}, and at the end of every bundle,
 * so a bundle only completes once its points are stored. While InfluxDB is down the flush blocks in
 * the {@link RetryPolicy}, and so does the bundle and the worker thread that runs it: the sink
 * holds at most one batch per thread, and the runner cannot hand that thread more work. Refused
 * points come out as {@link FailedPoint}s ({@link BatchWriter}); 401/403 fail the job at once with
 * one clear error. Writes are idempotent by design of the schema, so a retried or replayed batch
 * never double-counts.
 */
final class BatchedWrite extends PTransform<PCollection<String>, PCollection<FailedPoint>> {
  private final PointWriter.Config config;

  BatchedWrite(PointWriter.Config config) {
    this.config = config;
  }

  @Override
  public PCollection<FailedPoint> expand(PCollection<String> lines) {
    return lines
        .apply("BatchedWrite", ParDo.of(new WriteFn(config)))
        .setCoder(FailedPoint.Coder.of());
  }

  static final class WriteFn extends PointWriter.Fn<String> {
    private transient List<PointWriter.Pending> buffer;
    private transient long oldestNanos;

    WriteFn(PointWriter.Config config) {
      super(config);
    }

    @Override
    void clearBuffer() {
      buffer = new ArrayList<>();
    }

    @ProcessElement
    public void process(@Element String line, @Timestamp Instant timestamp, BoundedWindow window)
        throws Exception {
      if (buffer.isEmpty()) {
        oldestNanos = System.nanoTime();
      }
      buffer.add(new PointWriter.Pending(line, timestamp, window));
      if (buffer.size() >= config.batchSize()
          || System.nanoTime() - oldestNanos >= config.maxBatchDelay().toNanos()) {
        flush();
      }
    }

    @Override
    void flush() throws Exception {
      List<PointWriter.Pending> batch = buffer;
      buffer = new ArrayList<>();
      write(batch);
    }
  }
}
