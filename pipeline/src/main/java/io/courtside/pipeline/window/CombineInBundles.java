package io.courtside.pipeline.window;

import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * {@code Combine.perKey(fn)} that first combines inside each bundle, so the GroupByKey behind it
 * receives one accumulator per key, window and bundle instead of every element. Why: Beam's Spark
 * runner does not lift combiners in streaming; its GroupAlsoByWindow keeps every element of a
 * window in a bag state that it re-encodes on every add (quadratic in the window's size).
 */
public final class CombineInBundles<K, InputT, AccumT, OutputT>
    extends PTransform<PCollection<KV<K, InputT>>, PCollection<KV<K, OutputT>>> {
  private final Combine.CombineFn<InputT, AccumT, OutputT> fn;

  private CombineInBundles(Combine.CombineFn<InputT, AccumT, OutputT> fn) {
    this.fn = fn;
  }

  public static <K, InputT, AccumT, OutputT> CombineInBundles<K, InputT, AccumT, OutputT> perKey(
      Combine.CombineFn<InputT, AccumT, OutputT> fn) {
    return new CombineInBundles<>(fn);
  }

  @Override
  public PCollection<KV<K, OutputT>> expand(PCollection<KV<K, InputT>> input) {
    KvCoder<K, InputT> kv = (KvCoder<K, InputT>) input.getCoder();
    Coder<AccumT> accCoder;
    Coder<OutputT> outCoder;
    try {
      accCoder = fn.getAccumulatorCoder(input.getPipeline().getCoderRegistry(), kv.getValueCoder());
      outCoder =
          fn.getDefaultOutputCoder(input.getPipeline().getCoderRegistry(), kv.getValueCoder());
    } catch (CannotProvideCoderException e) {
      throw new IllegalStateException(e);
    }
    return input
        .apply("PartialPerBundle", ParDo.of(new PartialFn<>(fn)))
        .setCoder(KvCoder.of(kv.getKeyCoder(), accCoder))
        .apply("Merge", Combine.perKey(new MergeFn<>(fn)))
        .setCoder(KvCoder.of(kv.getKeyCoder(), outCoder));
  }

  static final class PartialFn<K, InputT, AccumT> extends DoFn<KV<K, InputT>, KV<K, AccumT>> {
    private final Combine.CombineFn<InputT, AccumT, ?> fn;
    private transient Map<BoundedWindow, Map<K, AccumT>> partial;

    PartialFn(Combine.CombineFn<InputT, AccumT, ?> fn) {
      this.fn = fn;
    }

    @StartBundle
    public void start() {
      partial = new HashMap<>();
    }

    @ProcessElement
    public void process(@Element KV<K, InputT> e, BoundedWindow window) {
      Map<K, AccumT> byKey = partial.computeIfAbsent(window, w -> new HashMap<>());
      AccumT acc = byKey.get(e.getKey());
      byKey.put(e.getKey(), fn.addInput(acc == null ? fn.createAccumulator() : acc, e.getValue()));
    }

    @FinishBundle
    public void finish(FinishBundleContext c) {
      // Emitted at the window's end: inside the window, never earlier than its elements.
      partial.forEach(
          (w, byKey) -> byKey.forEach((k, acc) -> c.output(KV.of(k, acc), w.maxTimestamp(), w)));
      partial = null;
    }
  }

  static final class MergeFn<InputT, AccumT, OutputT>
      extends Combine.CombineFn<AccumT, AccumT, OutputT> {
    private final Combine.CombineFn<InputT, AccumT, OutputT> fn;

    MergeFn(Combine.CombineFn<InputT, AccumT, OutputT> fn) {
      this.fn = fn;
    }

    @Override
    public AccumT createAccumulator() {
      return fn.createAccumulator();
    }

    @Override
    public AccumT addInput(AccumT acc, AccumT partial) {
      return fn.mergeAccumulators(java.util.List.of(acc, partial));
    }

    @Override
    public AccumT mergeAccumulators(Iterable<AccumT> accs) {
      return fn.mergeAccumulators(accs);
    }

    @Override
    public OutputT extractOutput(AccumT acc) {
      return fn.extractOutput(acc);
    }

    @Override
    public Coder<AccumT> getAccumulatorCoder(
        org.apache.beam.sdk.coders.CoderRegistry r, Coder<AccumT> in) {
      return in;
    }
  }
}
