package io.courtside.pipeline.entity;

import io.courtside.pipeline.score.ScoredPost;
import io.courtside.pipeline.score.ScoredPostCoder;
import io.courtside.pipeline.window.AccumulatingPanes;
import io.courtside.pipeline.window.DistinctPosts;
import io.courtside.pipeline.window.PolarityCounts;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import io.courtside.pipeline.window.CombineInBundles;
import java.util.HashMap;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.joda.time.Duration;

/**
 * Polarity counts per entity and event-time window, with the same panes as the topic-wide
 * {@code polarity_window} ({@link AccumulatingPanes}): every pane carries the window's full counts
 * so far, so its {@code entity_window} point overwrites the previous one; and, like there, a post
 * delivered twice is counted once ({@link DistinctPosts}).
 */
public final class CountPolarityPerEntity
    extends PTransform<PCollection<EntityMention>, PCollection<EntityWindowCounts>> {
  private final String topic;
  private final Duration windowSize;
  private final Duration allowedLateness;
  private final Duration earlyFiringPeriod;

  public CountPolarityPerEntity(
      String topic, Duration windowSize, Duration allowedLateness, Duration earlyFiringPeriod) {
    this.topic = topic;
    this.windowSize = windowSize;
    this.allowedLateness = allowedLateness;
    this.earlyFiringPeriod = earlyFiringPeriod;
  }

  @Override
  public PCollection<EntityWindowCounts> expand(PCollection<EntityMention> mentions) {
    // The key is (kind, name) as strings: grouping needs a deterministic key coder.
    return mentions
        .apply(
            "ByEntity",
            MapElements.into(new TypeDescriptor<KV<KV<String, String>, ScoredPost>>() {})
                .via((EntityMention m) -> KV.of(KV.of(m.kind().name(), m.entity()), m.post())))
        .setCoder(
            KvCoder.of(
                KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()),
                ScoredPostCoder.of()))
        .apply("FixedWindows", AccumulatingPanes.of(windowSize, allowedLateness, earlyFiringPeriod))
        .apply("Count", CombineInBundles.<KV<String, String>, ScoredPost, HashMap<Long, DistinctPosts.Latest>, PolarityCounts>perKey(new DistinctPosts.CountFn()))
        .apply("WithWindow", ParDo.of(new WithWindowFn(topic)));
  }

  static final class WithWindowFn extends DoFn<KV<KV<String, String>, PolarityCounts>, EntityWindowCounts> {
    private final String topic;

    WithWindowFn(String topic) {
      this.topic = topic;
    }

    @ProcessElement
    public void process(
        @Element KV<KV<String, String>, PolarityCounts> e,
        IntervalWindow window,
        OutputReceiver<EntityWindowCounts> out) {
      if (AccumulatingPanes.skipEmpty(e.getValue().total())) {
        return;
      }
      out.output(
          new EntityWindowCounts(
              topic,
              e.getKey().getValue(),
              EntityKind.valueOf(e.getKey().getKey()),
              window.start(),
              window.end(),
              e.getValue()));
    }
  }
}
