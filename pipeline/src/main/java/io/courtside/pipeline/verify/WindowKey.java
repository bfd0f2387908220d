package io.courtside.pipeline.verify;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One aggregate point of InfluxDB: its measurement, its tags as sorted {@code k=v,k=v}, and its
 * window start (the point's time).
 */
public record WindowKey(String measurement, String tags, long startMillis)
    implements Comparable<WindowKey> {
  private static final Comparator<WindowKey> ORDER =
      Comparator.comparing(WindowKey::measurement)
          .thenComparingLong(WindowKey::startMillis)
          .thenComparing(WindowKey::tags);

  /** A key from tag pairs in any order; {@code tags} alternates names and values. */
  public static WindowKey of(String measurement, long startMillis, String... tags) {
    Map<String, String> sorted = new TreeMap<>();
    for (int i = 0; i + 1 < tags.length; i += 2) {
      sorted.put(tags[i], tags[i + 1]);
    }
    return new WindowKey(measurement, join(sorted), startMillis);
  }

  static String join(Map<String, String> sortedTags) {
    return sortedTags.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }

  @Override
  public int compareTo(WindowKey o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return measurement + " " + Instant.ofEpochMilli(startMillis) + " " + tags;
  }
}
