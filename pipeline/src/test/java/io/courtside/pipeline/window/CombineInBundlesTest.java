package io.courtside.pipeline.window;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * {@link CombineInBundles} gives what {@code Combine.perKey} gives, per key and window, while its
 * first step sends one accumulator per key, window and bundle, timed at the window's end. On the
 * DirectRunner each {@code addElements} of a TestStream is one bundle.
 */
public class CombineInBundlesTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final Instant T0 = Instant.parse("2026-05-20T01:00:00Z");
  private static final Duration WINDOW = Duration.standardMinutes(1);
  private static final IntervalWindow FIRST = new IntervalWindow(T0, WINDOW);
  private static final IntervalWindow SECOND = new IntervalWindow(T0.plus(WINDOW), WINDOW);

  private static TimestampedValue<KV<String, String>> event(String key, int second) {
    return TimestampedValue.of(KV.of(key, key + second), T0.plus(Duration.standardSeconds(second)));
  }

  /**
   * Two bundles: "a" twice and "b" once in the first window, "a" once in the second; then "a"
   * again.
   */
  private PCollection<KV<String, String>> twoBundles() {
    return p.apply(
            TestStream.create(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
                .advanceWatermarkTo(T0)
                .addElements(event("a", 1), event("a", 2), event("b", 3), event("a", 61))
                .addElements(event("a", 4))
                .advanceWatermarkToInfinity())
        .apply(Window.into(FixedWindows.of(WINDOW)));
  }

  @Test
  public void countsPerKeyAndWindowAsCombinePerKeyDoes() {
    PCollection<KV<String, Long>> counts =
        twoBundles().apply(CombineInBundles.perKey(new CountFn()));

    PAssert.that(counts).inWindow(FIRST).containsInAnyOrder(KV.of("a", 3L), KV.of("b", 1L));
    PAssert.that(counts).inWindow(SECOND).containsInAnyOrder(KV.of("a", 1L));
    p.run().waitUntilFinish();
  }

  @Test
  public void eachBundleSendsOneAccumulatorPerKeyAndWindowAtTheWindowsEnd() {
    PCollection<String> partials =
        twoBundles()
            .apply(ParDo.of(new CombineInBundles.PartialFn<String, String, Long>(new CountFn())))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
            .apply(ParDo.of(new DescribeFn()));

    PAssert.that(partials)
        .inWindow(FIRST)
        .containsInAnyOrder(
            "a=2 at " + FIRST.maxTimestamp(),
            "b=1 at " + FIRST.maxTimestamp(),
            "a=1 at " + FIRST.maxTimestamp());
    PAssert.that(partials).inWindow(SECOND).containsInAnyOrder("a=1 at " + SECOND.maxTimestamp());
    p.run().waitUntilFinish();
  }

  /** Counts elements; the accumulator is the count so far. */
  static final class CountFn extends Combine.CombineFn<String, Long, Long> {
    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long addInput(Long count, String input) {
      return count + 1;
    }

    @Override
    public Long mergeAccumulators(Iterable<Long> counts) {
      long sum = 0;
      for (long c : counts) {
        sum += c;
      }
      return sum;
    }

    @Override
    public Long extractOutput(Long count) {
      return count;
    }

    @Override
    public Coder<Long> getAccumulatorCoder(CoderRegistry registry, Coder<String> inputCoder) {
      return VarLongCoder.of();
    }
  }

  /** A partial accumulator as "key=count at timestamp". */
  static final class DescribeFn extends DoFn<KV<String, Long>, String> {
    @ProcessElement
    public void process(
        @Element KV<String, Long> e, @Timestamp Instant t, OutputReceiver<String> out) {
      out.output(e.getKey() + "=" + e.getValue() + " at " + t);
    }
  }
}
