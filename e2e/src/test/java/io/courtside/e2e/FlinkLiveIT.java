package io.courtside.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.model.Post;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.pipeline.launch.FlinkParallelism;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Utils;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;

/**
 * A live stream on the embedded FlinkRunner ({@code courtside pipeline --runner=FlinkRunner}, a JVM
 * of its own) over a 3-partition topic: every partition keeps up, not only most posts. On 2 cores
 * Flink's default parallelism (2) gave one source subtask two KafkaIO readers, and the posts of one
 * partition then came out 0.3-0.9 s late for as long as the stream ran (bench/README.md); the
 * launcher now picks 3 there ({@link FlinkParallelism}).
 */
public class FlinkLiveIT {
  private static final int PARTITIONS = 3;
  @ClassRule @Rule public static final StackRule stack = new StackRule("courtside-flink-live");

  @Test
  public void everyPartitionOfALiveStreamKeepsUpAndTheWindowsAreExact() throws Exception {
    String topic = "flink-live";
    Traffic.createTopic(stack.kafkaBootstrap(), topic, PARTITIONS);
    List<String> args =
        new ArrayList<>(JobArgs.of(stack, topic, "db_flink_live", "--windowSize=1m"));
    args.add("--runner=FlinkRunner");
    InfluxDbClient influx = new InfluxDbClient(stack.influxUrl(), "db_flink_live");
    try (PipelineJvm flink =
        PipelineJvm.start(stack.stateDir().resolve("logs/flink-live.log"), Map.of(), args)) {
      Runnable alive =
          () -> {
            if (!flink.isAlive()) {
              throw new AssertionError("the Flink job exited:\n" + tail(flink));
            }
          };
      // Warm-up: the job is up, compiled and keeping up before anything is measured.
      List<Post> posts =
          new ArrayList<>(Traffic.sendLive(stack.kafkaBootstrap(), topic, "w-", 500, 250));
      Expected.awaitPosts(influx, posts.size(), Duration.ofMinutes(3), alive);
      // 12 s at 1,200 posts/s, createdAt = when each is due, every one keyed to land on
      // partition 2: a hot partition beside two idle ones, as a hot key or a skewed producer
      // makes them. At parallelism 2 partitions 0 and 2 share a subtask (splits 0 and 2), and
      // each of partition 2's records then waits on partition 0's empty reader.
      posts.addAll(
          Traffic.sendLive(stack.kafkaBootstrap(), topic, hotPartition("l-", 14_400, 2), 1_200));
      Expected.awaitPosts(influx, posts.size(), Duration.ofMinutes(3), alive);

      int cores = Runtime.getRuntime().availableProcessors();
      int parallelism = FlinkParallelism.forPartitions(PARTITIONS, cores);
      if (parallelism != cores) {
        String said = "--parallelism=" + parallelism + ": 3 partitions of " + topic;
        assertTrue(
            "the job's log does not say '" + said + "':\n" + tail(flink),
            flink.output().contains(said));
      }

      // latency_ms (point built minus createdAt) and createdAt of the hot posts, by partition, put
      // as Kafka's producer puts a key.
      Map<String, Long> createdAt = new HashMap<>();
      posts.forEach(p -> createdAt.put(p.id(), p.createdAt().toEpochMilli()));
      Map<Integer, List<Sample>> byPartition = new HashMap<>();
      for (JsonNode row : InfluxQuery.rows(influx, "SELECT id, latency_ms FROM post_sentiment")) {
        String id = row.get("id").asText();
        if (id.startsWith("l-")) {
          byPartition
              .computeIfAbsent(partitionOf(id), p -> new ArrayList<>())
              .add(new Sample(createdAt.get(id), row.get("latency_ms").asLong()));
        }
      }
      assertEquals("partitions of the hot posts", java.util.Set.of(2), byPartition.keySet());
      Lag lag = Lag.of(byPartition.get(2));
      System.out.println("FlinkRunner live, hot partition 2: " + lag);
      // Keeping up, each second's posts come out as soon after they were sent as the second's
      // before, give or take the pauses of a busy 2-core machine (a GC, the broker's flush: a
      // pause of 1.5 s at the very end tilts the later half's trend by 0.13, of 2 s by 0.19). A
      // reader that takes fewer posts a second than are sent falls further behind every second:
      // with --parallelism=2 the later half's trend was 0.76 s a second (14.7 s behind after 12
      // s, 2026-12-02). Only the later half is judged: in CI the job, fresh from 2 s at 250
      // posts/s, fell up to 3.3 s behind in the first seconds at 1,200/s and had caught up by
      // second 9 (2026-12-02); a cold start is not a slow reader. The spread of all latencies,
      // checked before, could not tell the two apart and failed CI twice.
      Lag later = lag.laterHalf();
      assertTrue(
          "the hot partition fell behind: later half "
              + String.format("%.3f", later.growthPerSecond())
              + " s a second; "
              + lag,
          later.growthPerSecond() < 0.2);
      Expected.awaitWindows(influx, posts, Duration.ofMinutes(2));
    }
  }

  /** One post: when it was sent (its createdAt) and its latency_ms. */
  record Sample(long sentMillis, long latencyMillis) {}

  /** Latency of posts over the time they were sent: its trend and its spread, per second. */
  record Lag(List<Sample> samples) {
    static Lag of(List<Sample> samples) {
      List<Sample> sorted = new ArrayList<>(samples);
      sorted.sort(Comparator.comparingLong(Sample::sentMillis));
      return new Lag(sorted);
    }

    /** The posts sent in the later half of the time this one spans. */
    Lag laterHalf() {
      long first = samples.get(0).sentMillis();
      long last = samples.get(samples.size() - 1).sentMillis();
      long middle = first + (last - first) / 2;
      return new Lag(samples.stream().filter(s -> s.sentMillis() >= middle).toList());
    }

    /**
     * Least-squares slope of latency over createdAt: how much later each second's posts come out
     * than the previous second's (0 when keeping up, send rate / read rate - 1 when not).
     */
    double growthPerSecond() {
      double n = samples.size();
      double mx = 0;
      double my = 0;
      for (Sample s : samples) {
        mx += s.sentMillis() / n;
        my += s.latencyMillis() / n;
      }
      double sxy = 0;
      double sxx = 0;
      for (Sample s : samples) {
        double dx = s.sentMillis() - mx;
        sxy += dx * (s.latencyMillis() - my);
        sxx += dx * dx;
      }
      return sxy / sxx;
    }

    @Override
    public String toString() {
      StringBuilder out =
          new StringBuilder(
              String.format(
                  "%d posts, latency grows %.3f s a second; latency_ms p50/max by second sent:",
                  samples.size(), growthPerSecond()));
      long first = samples.get(0).sentMillis();
      Map<Long, List<Long>> bySecond = new TreeMap<>();
      for (Sample s : samples) {
        bySecond
            .computeIfAbsent((s.sentMillis() - first) / 1000, k -> new ArrayList<>())
            .add(s.latencyMillis());
      }
      bySecond.forEach(
          (second, l) -> {
            l.sort(null);
            out.append(
                String.format(" %d:%d/%d", second, l.get(l.size() / 2), l.get(l.size() - 1)));
          });
      return out.toString();
    }
  }

  /** {@code n} posts whose ids Kafka's producer puts on {@code partition} of the topic. */
  private static List<Post> hotPartition(String prefix, int n, int partition) {
    List<Post> out = new ArrayList<>();
    for (Post p : TestPosts.posts(prefix, n * (PARTITIONS + 2), Instant.now(), 1, 7)) {
      if (partitionOf(p.id()) == partition && out.size() < n) {
        out.add(p);
      }
    }
    assertEquals(n, out.size());
    return out;
  }

  /** The partition Kafka's producer gives a record with this key (murmur2, as it does). */
  private static int partitionOf(String key) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
  }

  private static String tail(PipelineJvm jvm) {
    try {
      return jvm.outputTail();
    } catch (java.io.IOException e) {
      return "(no output: " + e + ")";
    }
  }
}
