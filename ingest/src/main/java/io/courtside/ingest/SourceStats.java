package io.courtside.ingest;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a source saw, for the progress line and the summary: records received (lines, events,
 * messages), posts handed on, records skipped by reason, reconnects, and notes (events worth
 * showing, such as a replay wait that was cut). Sources update it from their own threads while the
 * reporter reads it, hence the concurrent counters.
 */
public final class SourceStats {
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong posts = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();
  private final Map<String, LongAdder> skipped = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> notes = new ConcurrentHashMap<>();

  public void received() {
    received.incrementAndGet();
  }

  public void posted() {
    posts.incrementAndGet();
  }

  public void reconnected() {
    reconnects.incrementAndGet();
  }

  /** Counts one record that did not become a post; {@code reason} is a short fixed phrase. */
  public void skipped(String reason) {
    skipped.computeIfAbsent(reason, r -> new LongAdder()).increment();
  }

  /** Counts an event shown after the reconnects; {@code what} is a short fixed phrase. */
  public void note(String what) {
    notes.computeIfAbsent(what, r -> new LongAdder()).increment();
  }

  public long noteCount(String what) {
    LongAdder n = notes.get(what);
    return n == null ? 0 : n.sum();
  }

  public long receivedCount() {
    return received.get();
  }

  public long postCount() {
    return posts.get();
  }

  public long reconnectCount() {
    return reconnects.get();
  }

  public long skippedCount() {
    return skipped.values().stream().mapToLong(LongAdder::sum).sum();
  }

  public long skippedCount(String reason) {
    LongAdder n = skipped.get(reason);
    return n == null ? 0 : n.sum();
  }

  /** Reasons with their counts, sorted by reason. */
  public Map<String, Long> skippedByReason() {
    Map<String, Long> out = new TreeMap<>();
    skipped.forEach((reason, n) -> out.put(reason, n.sum()));
    return out;
  }

  /** e.g. {@code received 120, posts 100, skipped 20 (not JSON: 2, ...), reconnects 1}. */
  public String describe() {
    StringBuilder s = new StringBuilder();
    s.append("received ")
        .append(received.get())
        .append(", posts ")
        .append(posts.get())
        .append(", skipped ")
        .append(skippedCount());
    Map<String, Long> reasons = skippedByReason();
    if (!reasons.isEmpty()) {
      s.append(" (");
      String sep = "";
      for (Map.Entry<String, Long> e : reasons.entrySet()) {
        s.append(sep).append(e.getKey()).append(": ").append(e.getValue());
        sep = ", ";
      }
      s.append(')');
    }
    s.append(", reconnects ").append(reconnects.get());
    new TreeMap<>(notes)
        .forEach((what, n) -> s.append(", ").append(what).append(": ").append(n.sum()));
    return s.toString();
  }
}
