package io.courtside.pipeline.health;

import io.courtside.pipeline.parse.DeadLetter;
import io.courtside.pipeline.window.AccumulatingPanes;
import io.courtside.pipeline.window.CombineInBundles;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * Dead letters counted per {@link ReasonKind} and window (the dashboards' dead-letter panel), with
 * the same accumulating panes as the polarity windows, so a replay or a later pane overwrites the
 * point instead of adding to it. Each record is counted once however often it is read (a restart's
 * rewind, a second backfill: {@link DistinctRecords}). A dead letter's time is its record's:
 * createdAt when readable and believable, else the Kafka timestamp.
 */
public final class CountDeadLetters
    extends PTransform<PCollection<DeadLetter>, PCollection<DeadLetterCounts>> {
  private final String topic;
  private final Duration windowSize;
  private final Duration allowedLateness;
  private final Duration earlyFiringPeriod;

  public CountDeadLetters(
      String topic, Duration windowSize, Duration allowedLateness, Duration earlyFiringPeriod) {
    this.topic = topic;
    this.windowSize = windowSize;
    this.allowedLateness = allowedLateness;
    this.earlyFiringPeriod = earlyFiringPeriod;
  }

  @Override
  public PCollection<DeadLetterCounts> expand(PCollection<DeadLetter> letters) {
    return letters
        .apply("FixedWindows", AccumulatingPanes.<DeadLetter>of(windowSize, allowedLateness, earlyFiringPeriod))
        .apply(
            "KindAndPosition",
            MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
                .via((DeadLetter d) -> KV.of(ReasonKind.of(d.reason()), DistinctRecords.position(d.partition(), d.offset()))))
        // Combined in each bundle first: the Spark runner would otherwise keep every dead letter of a window.
        .apply("CountDistinct", CombineInBundles.<String, Long, java.util.HashSet<Long>, Long>perKey(new DistinctRecords()))
        .apply("WithWindow", ParDo.of(new WithWindowFn(topic)));
  }

  static final class WithWindowFn extends DoFn<KV<String, Long>, DeadLetterCounts> {
    private final String topic;

    WithWindowFn(String topic) {
      this.topic = topic;
    }

    @ProcessElement
    public void process(
        @Element KV<String, Long> e, IntervalWindow window, OutputReceiver<DeadLetterCounts> out) {
      if (AccumulatingPanes.skipEmpty(e.getValue())) {
        return;
      }
      out.output(new DeadLetterCounts(topic, e.getKey(), window.start(), e.getValue()));
    }
  }
}
