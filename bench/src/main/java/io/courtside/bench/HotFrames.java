package io.courtside.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a recording's CPU samples ({@code jdk.ExecutionSample}) are: the top frames by self time
 * (the method on top of the stack) and by total time (anywhere in the stack, once per sample), the
 * latter limited to application and framework code, which is where a change can be made. JDK 17's
 * {@code jfr} tool has no {@code view hot-methods} (JDK 21), so the aggregation is here.
 */
final class HotFrames {
  /** Frames worth naming in the "total" column: the code a change could touch. */
  private static final List<String> OWN =
      List.of(
          "io.courtside.",
          "org.apache.beam.",
          "org.apache.spark.",
          "org.apache.flink.",
          "org.apache.kafka.",
          "java.io.ObjectOutputStream",
          "java.io.ObjectInputStream",
          "com.influxdb.",
          "com.fasterxml.jackson.",
          "java.util.zip.");

  record Profile(
      long samples, List<Map.Entry<String, Long>> self, List<Map.Entry<String, Long>> total) {}

  private HotFrames() {}

  static Profile read(Path jfr, int top) throws IOException {
    Map<String, Long> self = new HashMap<>();
    Map<String, Long> total = new HashMap<>();
    long samples = 0;
    try (RecordingFile file = new RecordingFile(jfr)) {
      while (file.hasMoreEvents()) {
        RecordedEvent e = file.readEvent();
        if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
          continue;
        }
        RecordedStackTrace stack = e.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
          continue;
        }
        samples++;
        List<RecordedFrame> frames = stack.getFrames();
        self.merge(name(frames.get(0)), 1L, Long::sum);
        Set<String> seen = new HashSet<>();
        for (RecordedFrame f : frames) {
          String n = name(f);
          if (OWN.stream().anyMatch(n::startsWith) && seen.add(n)) {
            total.merge(n, 1L, Long::sum);
          }
        }
      }
    }
    return new Profile(samples, topOf(self, top), topOf(total, top));
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  private static List<Map.Entry<String, Long>> topOf(Map<String, Long> counts, int n) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(n)
        .map(e -> Map.entry(e.getKey(), e.getValue()))
        .toList();
  }

  /** Markdown: two tables, self and total, with the share of samples. */
  static String markdown(String title, Profile p) {
    StringBuilder sb = new StringBuilder();
    sb.append("#### ").append(title).append(" (").append(p.samples()).append(" CPU samples)\n\n");
    sb.append("| self % | top frame (self time) |\n|---:|---|\n");
    p.self().forEach(e -> sb.append(row(e, p.samples())));
    sb.append(
        "\n| total % | frame anywhere in the stack (courtside, beam, spark, flink, kafka, serialization) |\n|---:|---|\n");
    p.total().forEach(e -> sb.append(row(e, p.samples())));
    return sb.append('\n').toString();
  }

  private static String row(Map.Entry<String, Long> e, long samples) {
    return String.format(
        "| %.1f | `%s` |%n", 100.0 * e.getValue() / Math.max(1, samples), e.getKey());
  }
}
