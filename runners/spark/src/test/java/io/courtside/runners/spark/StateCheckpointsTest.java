package io.courtside.runners.spark;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.StateSpec;
import org.apache.spark.streaming.StreamingContext;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaMapWithStateDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.dstream.DStream;
import org.junit.Test;
import scala.Tuple2;
import scala.collection.JavaConverters;

/**
 * On a running Spark streaming context with the shape Beam builds (one read, several branches, a
 * {@code mapWithState} checkpointed at an interval and one left at Spark's default, outputs on
 * each), the listener's intervals and remember durations are exactly those Spark computes itself
 * when every state stream is given that interval before the start: Spark is the oracle.
 */
public class StateCheckpointsTest {
  private static final long BATCH_MS = 500;

  private static List<String> untouched;

  /** The job with the listener at interval 0: as Spark built it. */
  private static synchronized List<String> untouched() throws Exception {
    if (untouched == null) {
      untouched = durations(0, false, null);
    }
    return untouched;
  }

  @Test
  public void aRunningJobEndsWithTheDurationsSparkGivesWhenAskedAtTheStart() throws Exception {
    List<String> oracle = durations(0, true, null);
    assertEquals(oracle, durations(2 * BATCH_MS, false, null));
    // Not vacuous: with interval 0 the listener leaves Spark's default state interval (10
    // batches), which made the read remember 20 batches.
    String read = untouched().get(0);
    assertTrue(read, read.startsWith("QueueInputDStream"));
    assertTrue(read, read.endsWith("remember 10000 ms"));
    assertTrue(oracle.get(0), oracle.get(0).endsWith("remember 2000 ms"));
  }

  @Test
  public void whatTheContextWasAskedToRememberStillHolds() throws Exception {
    assertEquals(
        durations(0, true, Durations.seconds(3)),
        durations(2 * BATCH_MS, false, Durations.seconds(3)));
  }

  @Test
  public void anIntervalSparkWouldRejectIsNotApplied() throws Exception {
    // Not a multiple of the batch: Spark would never checkpoint at it.
    assertEquals(untouched(), durations(BATCH_MS * 3 / 2, false, null));
  }

  /**
   * Runs a small job for three batches, with the listener at {@code intervalMillis} (0: none) or
   * with every state stream checkpointed at two batches before the start ({@code askSpark}), and
   * returns each stream's class, checkpoint interval and remember duration, parents first (the read
   * first).
   */
  private static List<String> durations(
      long intervalMillis, boolean askSpark, org.apache.spark.streaming.Duration remember)
      throws Exception {
    Path checkpoints = Files.createTempDirectory("state-checkpoints-test");
    SparkConf conf =
        new SparkConf()
            .setMaster("local[2]")
            .setAppName("StateCheckpointsTest")
            .set("spark.ui.enabled", "false")
            .set("spark.driver.host", "127.0.0.1")
            .set("spark.driver.bindAddress", "127.0.0.1")
            .set("spark.extraListeners", StateCheckpoints.class.getName())
            .set(StateCheckpoints.INTERVAL_SETTING, Long.toString(intervalMillis));
    JavaStreamingContext jssc =
        new JavaStreamingContext(new JavaSparkContext(conf), Durations.milliseconds(BATCH_MS));
    try {
      jssc.checkpoint(checkpoints.toString());
      if (remember != null) {
        jssc.remember(remember);
      }
      Queue<JavaRDD<String>> input = new LinkedList<>();
      for (int i = 0; i < 20; i++) {
        input.add(jssc.sparkContext().parallelize(List.of("a", "bb", "ccc", "dddd"), 2));
      }
      JavaDStream<String> read = jssc.queueStream(input, true);
      JavaDStream<Integer> parsed = read.map(String::length);
      var keyed = parsed.mapToPair(n -> new Tuple2<>(n % 2, n));
      StateSpec<Integer, Integer, Integer, Integer> sum =
          StateSpec.function(
              (Integer k,
                  org.apache.spark.api.java.Optional<Integer> v,
                  org.apache.spark.streaming.State<Integer> s) -> {
                int total = (s.exists() ? s.get() : 0) + v.orElse(0);
                s.update(total);
                return total;
              });
      // Like Beam's window state: checkpointed at two batches by --checkpointDurationMillis.
      JavaMapWithStateDStream<Integer, Integer, Integer, Integer> windows = keyed.mapWithState(sum);
      windows.checkpoint(Durations.milliseconds(2 * BATCH_MS));
      // Like Beam's stateful DoFn: left at Spark's default, ten batches.
      JavaMapWithStateDStream<Integer, Integer, Integer, Integer> latest =
          parsed.filter(n -> n > 1).mapToPair(n -> new Tuple2<>(n, 1)).mapWithState(sum);
      if (askSpark) {
        latest.checkpoint(Durations.milliseconds(2 * BATCH_MS));
      }
      windows.foreachRDD(rdd -> rdd.count());
      latest.foreachRDD(rdd -> rdd.count());
      parsed.foreachRDD(rdd -> rdd.count());
      jssc.start();
      jssc.awaitTerminationOrTimeout(4 * BATCH_MS);
      jssc.sparkContext().sc().listenerBus().waitUntilEmpty();
      StreamingContext ssc = jssc.ssc();
      List<String> out = new ArrayList<>();
      Map<DStream<?>, Boolean> seen = new IdentityHashMap<>();
      for (DStream<?> o : ssc.graph().getOutputStreams()) {
        describe(o, seen, out);
      }
      return out;
    } finally {
      jssc.stop(true, false);
      org.apache.commons.io.FileUtils.deleteQuietly(checkpoints.toFile());
    }
  }

  /** Adds {@code s}'s parents, then {@code s}: its class, checkpoint interval and remember time. */
  private static void describe(DStream<?> s, Map<DStream<?>, Boolean> seen, List<String> out) {
    if (seen.put(s, true) != null) {
      return;
    }
    for (DStream<?> p : JavaConverters.seqAsJavaList(s.dependencies())) {
      describe(p, seen, out);
    }
    out.add(
        s.getClass().getSimpleName()
            + " checkpoint "
            + Optional.ofNullable(s.checkpointDuration())
                .map(d -> d.milliseconds() + " ms")
                .orElse("none")
            + " remember "
            + s.rememberDuration().milliseconds()
            + " ms");
  }
}
