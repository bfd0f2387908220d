package io.courtside.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.Test;

/**
 * The latency run's cheap count against an oracle that counts every visible post at every poll, on
 * random runs: posts created at a rate, stored at their createdAt's second as InfluxDB holds them,
 * each visible after its own delay.
 */
public class VisibleCountTest {
  /** One post: created (ms), stored at (its second), visible from (ms). */
  private record Post(long created, long stored, long visible) {}

  @Test
  public void exactWhileEveryPostIsVisibleWithinTheMarginAndNeverAboveTheTruth() throws Exception {
    Random random = new Random(29);
    for (int run = 0; run < 300; run++) {
      long start = 1_796_055_040_000L + random.nextInt(1000);
      List<Post> posts = posts(random, start, false);
      long[] clock = {start};
      int[] queries = {0};
      VisibleCount.Counter influx = counter(posts, clock);
      VisibleCount count =
          new VisibleCount(
              (from, to) -> {
                queries[0]++;
                // The poll's own count covers only the last seconds, not every stored post.
                if (to == Long.MAX_VALUE) {
                  assertTrue(
                      "counted from " + from + " at " + clock[0],
                      from >= clock[0] - VisibleCount.MARGIN_MILLIS - 1000);
                }
                return influx.count(from, to);
              });
      for (long t = start; t < start + 40_000; t += VisibleCount.POLL_MILLIS) {
        clock[0] = t;
        assertEquals("run " + run + " at +" + (t - start) + " ms", oracle(posts, t), count.at(t));
      }
      // One count per poll, plus one per second for the posts before the split.
      long polls = 40_000 / VisibleCount.POLL_MILLIS;
      assertTrue(queries[0] + " queries", queries[0] <= polls + 41);
    }
  }

  @Test
  public void aPostLaterThanTheMarginIsCountedWithinASecond() throws Exception {
    Random random = new Random(31);
    for (int run = 0; run < 300; run++) {
      long start = 1_796_055_040_000L + random.nextInt(1000);
      List<Post> posts = posts(random, start, true);
      long[] clock = {start};
      VisibleCount count = new VisibleCount(counter(posts, clock));
      for (long t = start; t < start + 40_000; t += VisibleCount.POLL_MILLIS) {
        clock[0] = t;
        long got = count.at(t);
        String at = "run " + run + " at +" + (t - start) + " ms";
        assertTrue(at + ": " + got + " > " + oracle(posts, t), got <= oracle(posts, t));
        assertTrue(
            at + ": " + got + " < " + oracle(posts, t - 1000), got >= oracle(posts, t - 1000));
      }
    }
  }

  /** Posts at a random rate for 20 s; delays under 4.5 s, or with {@code late} some up to 15 s. */
  private static List<Post> posts(Random random, long start, boolean late) {
    List<Post> out = new ArrayList<>();
    int perSecond = 1 + random.nextInt(300);
    for (long t = start; t < start + 20_000; t += 1 + random.nextInt(2 * 1000 / perSecond + 1)) {
      long delay = late && random.nextInt(20) == 0 ? random.nextInt(15_000) : random.nextInt(4_500);
      out.add(new Post(t, Math.floorDiv(t, 1000) * 1000 + random.nextInt(1000), t + delay));
    }
    return out;
  }

  /**
   * What InfluxDB answers at {@code clock[0]}: the posts stored in [from, to) and visible by then.
   */
  private static VisibleCount.Counter counter(List<Post> posts, long[] clock) {
    return (from, to) ->
        posts.stream()
            .filter(p -> p.stored() >= from && p.stored() < to && p.visible() <= clock[0])
            .count();
  }

  private static long oracle(List<Post> posts, long t) {
    return posts.stream().filter(p -> p.visible() <= t).count();
  }
}
