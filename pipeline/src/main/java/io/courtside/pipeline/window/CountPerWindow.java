package io.courtside.pipeline.window;

import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Polarity counts per key and event-time window: the one counting step behind {@code
 * polarity_window} (key: the topic), {@code entity_window} (key: the entity's kind and name) and
 * {@code dead_letters} (key: the reason kind). Panes as {@link AccumulatingPanes}: early panes
 * while a window is open, the on-time pane, a late pane per late item within the allowed lateness,
 * each carrying the window's full counts so far, so its point overwrites the previous one. An id
 * that arrives twice counts once, with its latest version ({@link LatestPerId}); items are combined
 * inside each bundle first ({@link CombineInBundles}): the Spark runner keeps every element of a
 * window otherwise. Empty panes are dropped ({@link AccumulatingPanes#skipEmpty}).
 */
public final class CountPerWindow<K>
    extends PTransform<PCollection<KV<K, Countable>>, PCollection<KV<K, PaneCounts>>> {
  private final WindowSpec windows;

  private CountPerWindow(WindowSpec windows) {
    this.windows = windows;
  }

  public static <K> CountPerWindow<K> of(WindowSpec windows) {
    return new CountPerWindow<>(windows);
  }

  @Override
  public PCollection<KV<K, PaneCounts>> expand(PCollection<KV<K, Countable>> items) {
    KvCoder<K, Countable> coder = (KvCoder<K, Countable>) items.getCoder();
    return items
        .apply("FixedWindows", AccumulatingPanes.<KV<K, Countable>>of(windows))
        .apply(
            "Count",
            CombineInBundles.<K, Countable, LatestVersions, WindowTally>perKey(
                new LatestPerId.CountFn()))
        .apply("WithWindow", ParDo.of(new WithWindowFn<K>()))
        .setCoder(KvCoder.of(coder.getKeyCoder(), PaneCountsCoder.of()));
  }

  static final class WithWindowFn<K> extends DoFn<KV<K, WindowTally>, KV<K, PaneCounts>> {
    @ProcessElement
    public void process(
        @Element KV<K, WindowTally> e,
        IntervalWindow window,
        PaneInfo pane,
        OutputReceiver<KV<K, PaneCounts>> out) {
      WindowTally tally = e.getValue();
      if (AccumulatingPanes.skipEmpty(tally.counts().total())) {
        return;
      }
      boolean closed = pane.getTiming() != PaneInfo.Timing.EARLY;
      out.output(
          KV.of(
              e.getKey(),
              new PaneCounts(
                  window.start(),
                  window.end(),
                  tally.counts(),
                  closed,
                  tally.earliestRecordMillis())));
    }
  }
}
