package io.courtside.pipeline.influx;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * {@link InfluxDbIO}'s latest-pane-wins mode, for the points of window aggregates (Courtside's
 * {@code polarity_window}, {@code entity_window}, {@code dead_letters}): an older pane never
 * overwrites a newer one.
 *
 * <p>Why a mode of its own: panes accumulate and every pane's point has the same series and time,
 * so the last write wins. A runner may run the bundles of two panes of one window at once (the
 * DirectRunner does, on several threads); if the older pane's write lands last, InfluxDB keeps a
 * stale count for good. Here each point is keyed by its series, and a stateful step, which every
 * runner runs one key and window at a time, remembers the newest pane it wrote for that series and
 * window, skips older ones (counter {@code stale_panes_skipped}) and writes before the next bundle
 * of that key starts. The pane index comes from the runner ({@link PaneInfo}), read right here from
 * the element; within a bundle a later pane of the same point replaces the earlier one.
 *
 * <p>The step keeps a window's state an hour longer than the window accepts posts (its allowed
 * lateness): a pane the combiner fires as the window closes must not be dropped as late on its way
 * here.
 */
final class LatestPaneWrite extends PTransform<PCollection<String>, PCollection<FailedPoint>> {
  /** How much longer than the aggregates' allowed lateness this step keeps a window open. */
  static final Duration EXTRA_LATENESS = Duration.standardHours(1);

  private final PointWriter.Config config;
  private final Instant keepWindowsBefore;

  /** {@code keepWindowsBefore}: see {@link InfluxDbIO.Write#keepingWindowsBefore}; null: none. */
  LatestPaneWrite(PointWriter.Config config, Instant keepWindowsBefore) {
    this.config = config;
    this.keepWindowsBefore = keepWindowsBefore;
  }

  @Override
  public PCollection<FailedPoint> expand(PCollection<String> lines) {
    Duration lateness = lines.getWindowingStrategy().getAllowedLateness().plus(EXTRA_LATENESS);
    return lines
        .apply("KeyBySeries", ParDo.of(new KeyBySeriesFn()))
        .setCoder(
            KvCoder.of(StringUtf8Coder.of(), KvCoder.of(VarLongCoder.of(), StringUtf8Coder.of())))
        .apply(
            "KeepWindowState",
            Window.<KV<String, KV<Long, String>>>configure().withAllowedLateness(lateness))
        .apply("WriteNewestPane", ParDo.of(new NewestPaneFn(config, keepWindowsBefore)))
        .setCoder(FailedPoint.Coder.of());
  }

  /** line -> (series, (pane index, line)). */
  static final class KeyBySeriesFn extends DoFn<String, KV<String, KV<Long, String>>> {
    @ProcessElement
    public void process(
        @Element String line, PaneInfo pane, OutputReceiver<KV<String, KV<Long, String>>> out) {
      out.output(KV.of(InfluxSchema.seriesKey(line), KV.of(pane.getIndex(), line)));
    }
  }

  static final class NewestPaneFn extends PointWriter.Fn<KV<String, KV<Long, String>>> {
    private final Counter stalePanes = Metrics.counter(InfluxDbIO.class, "stale_panes_skipped");
    private final Counter windowsKept = Metrics.counter(InfluxDbIO.class, "windows_kept");
    private final Instant keepWindowsBefore;

    @StateId("newestPane")
    private final StateSpec<ValueState<Long>> newestPaneSpec = StateSpecs.value(VarLongCoder.of());

    /** series and window -> newest point of this bundle. */
    private transient Map<String, PointWriter.Pending> buffer;

    NewestPaneFn(PointWriter.Config config, Instant keepWindowsBefore) {
      super(config);
      this.keepWindowsBefore = keepWindowsBefore;
    }

    @Override
    void clearBuffer() {
      buffer = new LinkedHashMap<>();
    }

    @ProcessElement
    public void process(
        @Element KV<String, KV<Long, String>> point,
        @Timestamp Instant timestamp,
        BoundedWindow window,
        @StateId("newestPane") ValueState<Long> newestPane)
        throws Exception {
      if (keepWindowsBefore != null
          && window instanceof IntervalWindow w
          && w.start().isBefore(keepWindowsBefore)) {
        windowsKept.inc();
        return;
      }
      long pane = point.getValue().getKey();
      Long newest = newestPane.read();
      if (newest != null && pane < newest) {
        stalePanes.inc();
        return;
      }
      newestPane.write(pane);
      buffer.put(
          point.getKey() + '@' + window.maxTimestamp().getMillis(),
          new PointWriter.Pending(point.getValue().getValue(), timestamp, window));
      if (buffer.size() >= config.batchSize()) {
        flush();
      }
    }

    @Override
    void flush() throws Exception {
      write(buffer.values());
      buffer.clear();
    }
  }
}
