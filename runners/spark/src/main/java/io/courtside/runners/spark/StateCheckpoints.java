package io.courtside.runners.spark;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.SparkConf;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.StreamingContext;
import org.apache.spark.streaming.dstream.DStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * Checkpoints every state stream of a Beam streaming job on Spark at one interval, and lets Spark
 * keep each micro-batch's RDDs only as long as that interval requires: twice it, Spark's own rule.
 *
 * <p>Why: Spark remembers every stream's RDDs (and so their cached blocks) for twice the checkpoint
 * interval of the state streams that descend from it. Beam's {@code --checkpointDurationMillis}
 * sets the interval of the window state and of the read, but not of the {@code mapWithState} that
 * runs a stateful {@code DoFn} ({@code StatefulStreamingParDoEvaluator} in Beam 2.70 does not call
 * {@code checkpointIfNeeded}), which keeps Spark's default: ten batch intervals. Its ancestors, the
 * read included, then remember twenty batches (40 s at 2 s batches) whatever the flag says, and
 * hold about 4 kB of storage memory per post for that long (bench/README.md, "Spark: memory and
 * lost posts"). Spark has no setting for that default and Beam creates the streaming context
 * itself, so this listener sets the streams' intervals once the context is running, with Spark's
 * rule for what each stream must remember: {@code max(batch, 2 * own checkpoint interval, what each
 * stream reading from it must remember)}.
 *
 * <p>Measured (bench/README.md, "Spark: state checkpoints"): a 1,000,000-post drain into a local[2]
 * job with a 2 GiB heap and no batch bound went from 11,166 posts/s with a full storage memory and
 * 94 evicted blocks to 14,740 posts/s with 237 MiB of it still free and none evicted.
 *
 * <p>It runs at the first Spark job of the streaming context (a listener on the Spark bus, like
 * {@link EvictionGuard}; Spark's streaming listeners are registered through Beam's options, which
 * the launcher cannot name without the Spark runner on its classpath). Until then the streams keep
 * Spark's longer intervals, which is safe: shorter checkpoint intervals only cut lineage sooner.
 * Spark reads both fields on its job generator's thread at every batch (which RDD to checkpoint,
 * which to forget); they are plain fields, written here once. The interval is {@code
 * spark.courtside.stateCheckpointMillis}; 0 or unset leaves the job as Beam built it.
 */
public final class StateCheckpoints extends SparkListener {
  private static final Logger LOG = LoggerFactory.getLogger(StateCheckpoints.class);

  /** The Spark setting (a system property before the SparkContext starts) with the interval. */
  public static final String INTERVAL_SETTING = "spark.courtside.stateCheckpointMillis";

  private final long intervalMillis;
  private final AtomicBoolean applied = new AtomicBoolean();

  /** The constructor Spark calls for {@code spark.extraListeners}. */
  public StateCheckpoints(SparkConf conf) {
    this(conf.getLong(INTERVAL_SETTING, 0));
  }

  StateCheckpoints(long intervalMillis) {
    this.intervalMillis = intervalMillis;
  }

  @Override
  public void onJobStart(SparkListenerJobStart event) {
    if (intervalMillis <= 0 || applied.get()) {
      return;
    }
    Option<StreamingContext> active = StreamingContext.getActive();
    if (active.isEmpty() || !applied.compareAndSet(false, true)) {
      return;
    }
    StreamingContext ssc = active.get();
    List<DStream<?>> outputs = List.of(ssc.graph().getOutputStreams());
    Remembered r = apply(outputs, new Duration(intervalMillis), ssc.graph().rememberDuration());
    LOG.info(
        "courtside: state streams checkpoint every {} ms; the {} streams now remember their RDDs"
            + " for at most {} ms (Spark's defaults: {} ms)",
        intervalMillis,
        r.streams(),
        r.longestAfterMillis(),
        r.longestBeforeMillis());
  }

  /**
   * Sets the checkpoint interval of every stream that has one to {@code interval} when that is
   * shorter, and every stream's remember duration by Spark's rule ({@code asked}: what the
   * streaming context was asked to remember, or null).
   */
  static Remembered apply(List<DStream<?>> outputs, Duration interval, Duration asked) {
    Map<DStream<?>, List<DStream<?>>> children = new IdentityHashMap<>();
    List<DStream<?>> order = new ArrayList<>();
    for (DStream<?> out : outputs) {
      visit(out, children, order);
    }
    for (DStream<?> s : order) {
      Duration c = s.checkpointDuration();
      // Spark checks this at start for the intervals it is given; a stream it would not accept
      // keeps its own.
      boolean valid = !interval.less(s.slideDuration()) && interval.isMultipleOf(s.slideDuration());
      if (c != null && c.greater(interval) && valid) {
        s.checkpointDuration_$eq(interval);
      }
    }
    // order has every stream after all the streams that read from it (a reverse post-order).
    long before = 0;
    long after = 0;
    for (DStream<?> s : order) {
      Duration remember = s.slideDuration();
      if (s.checkpointDuration() != null && !s.checkpointDuration().less(remember)) {
        remember = s.checkpointDuration().times(2);
      }
      if (asked != null && children.get(s).isEmpty()) {
        remember = max(remember, asked); // StreamingContext.remember, given to the output streams
      }
      for (DStream<?> child : children.get(s)) {
        remember = max(remember, child.parentRememberDuration());
      }
      before = Math.max(before, s.rememberDuration().milliseconds());
      after = Math.max(after, remember.milliseconds());
      s.rememberDuration_$eq(remember);
    }
    return new Remembered(order.size(), before, after);
  }

  /** How many streams the job has, and the longest remember duration before and after. */
  record Remembered(int streams, long longestBeforeMillis, long longestAfterMillis) {}

  private static void visit(
      DStream<?> s, Map<DStream<?>, List<DStream<?>>> children, List<DStream<?>> order) {
    if (children.containsKey(s)) {
      return;
    }
    children.put(s, new ArrayList<>());
    for (DStream<?> parent : JavaConverters.seqAsJavaList(s.dependencies())) {
      visit(parent, children, order);
      children.get(parent).add(s);
    }
    order.add(0, s);
  }

  private static Duration max(Duration a, Duration b) {
    return a.greater(b) ? a : b;
  }
}
