package io.courtside.pipeline.verify;

import io.courtside.pipeline.influx.InfluxSchema;
import io.courtside.pipeline.window.PolarityCounts;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The comparison of a {@link Recount} with what InfluxDB holds, window by window, and the table
 * {@code courtside verify} prints. A window is equal when its stored point matches the recount
 * exactly (counts, and compound_mean within {@link #MEAN_TOLERANCE}); when some of its records are
 * MAYBE ({@link LatenessRule}), when the stored total lies in the band [SURE ids, all ids]. A
 * window without a stored point is fine when none of its posts is SURE.
 */
public final class VerifyReport {
  static final double MEAN_TOLERANCE = 1e-9;

  /** Most rows printed per status; the counts cover all. */
  static final int MAX_ROWS = 50;

  private static final List<String> MEASUREMENTS =
      List.of(InfluxSchema.POLARITY_WINDOW, InfluxSchema.ENTITY_WINDOW, InfluxSchema.DEAD_LETTERS);

  public enum Status {
    EQUAL("equal"),
    IN_BAND("equal within lateness band"),
    DIFFERENT("different"),
    MISSING("missing"),
    EXTRA("extra");

    final String label;

    Status(String label) {
      this.label = label;
    }

    public boolean isDifference() {
      return this == DIFFERENT || this == MISSING || this == EXTRA;
    }
  }

  /** One window compared; {@code expected} or {@code stored} is null when absent. */
  public record Row(Status status, WindowKey key, ExpectedWindow expected, StoredWindow stored) {}

  private final Recount.Result recount;
  private final List<Row> rows;
  private final Set<String> missingPosts;

  private VerifyReport(Recount.Result recount, List<Row> rows, Set<String> missingPosts) {
    this.recount = recount;
    this.rows = rows;
    this.missingPosts = missingPosts;
  }

  /** Compares; {@code storedPostIds} are the recount's post ids that have a point. */
  public static VerifyReport compare(
      Recount.Result recount, Map<WindowKey, StoredWindow> stored, Set<String> storedPostIds) {
    Set<WindowKey> keys = new TreeSet<>(recount.windows().keySet());
    keys.addAll(stored.keySet());
    List<Row> rows = new ArrayList<>();
    for (WindowKey k : keys) {
      ExpectedWindow e = recount.windows().get(k);
      StoredWindow s = stored.get(k);
      rows.add(new Row(status(e, s), k, e, s));
    }
    Set<String> missing = new TreeSet<>(recount.postIds());
    missing.removeAll(storedPostIds);
    return new VerifyReport(recount, rows, missing);
  }

  static Status status(ExpectedWindow e, StoredWindow s) {
    if (e == null) {
      return Status.EXTRA;
    }
    if (s == null) {
      return e.sure() == 0 ? Status.IN_BAND : Status.MISSING;
    }
    if (e.uncertain()) {
      return s.total() >= e.sure() && s.total() <= e.total() ? Status.IN_BAND : Status.DIFFERENT;
    }
    return exactlyEqual(e, s) ? Status.EQUAL : Status.DIFFERENT;
  }

  private static boolean exactlyEqual(ExpectedWindow e, StoredWindow s) {
    if (e.counts() == null) {
      return s.total() == e.total();
    }
    PolarityCounts c = e.counts();
    return s.total() == e.total()
        && s.positive() == c.positive()
        && s.negative() == c.negative()
        && s.neutral() == c.neutral()
        && Math.abs(s.compoundMean() - c.compoundMean()) <= MEAN_TOLERANCE;
  }

  public List<Row> rows() {
    return rows;
  }

  /**
   * A {@code --windowSize} that divides the job's fits every stored start, so {@link
   * WindowAlignment} cannot refuse it; the report then shows the recounted windows between the
   * job's as missing. When at least two polarity windows are stored and at least two are missing,
   * and every stored one starts on a multiple of the stored starts' common divisor while no missing
   * one does, that divisor is likely the job's size: the hint names it. Empty otherwise.
   */
  public Optional<String> windowSizeHint() {
    NavigableSet<Long> storedStarts = new TreeSet<>();
    List<Long> missingStarts = new ArrayList<>();
    for (Row r : rows) {
      if (!r.key().measurement().equals(InfluxSchema.POLARITY_WINDOW)) {
        continue;
      }
      if (r.stored() != null) {
        storedStarts.add(r.key().startMillis());
      } else if (r.status() == Status.MISSING) {
        missingStarts.add(r.key().startMillis());
      }
    }
    if (storedStarts.size() < 2 || missingStarts.size() < 2) {
      return Optional.empty();
    }
    long grid = WindowAlignment.commonDivisor(storedStarts);
    if (grid == 0 || missingStarts.stream().anyMatch(start -> Math.floorMod(start, grid) == 0)) {
      return Optional.empty();
    }
    String size = WindowAlignment.format(grid);
    return Optional.of(
        String.format(
            "the %d missing polarity windows all start off the %s grid that every stored one"
                + " starts on: if the job ran with --windowSize=%s, verify with that",
            missingStarts.size(), size, size));
  }

  /**
   * How sharp the comparison is: of the posts in the recount's {@code polarity_window}s, those a
   * streaming job certainly counted (SURE). A window passes when its stored total lies in [SURE,
   * all], so the fewer posts are SURE, the more a lost post can hide in the band.
   */
  public record Sharpness(long sure, long posts) {
    /** The MAYBE posts: a streaming job may have dropped them as late. */
    public long maybe() {
      return posts - sure;
    }
  }

  public Sharpness sharpness() {
    long posts = 0, sure = 0;
    for (Row r : rows) {
      if (r.expected() != null && r.key().measurement().equals(InfluxSchema.POLARITY_WINDOW)) {
        posts += r.expected().total();
        sure += r.expected().sure();
      }
    }
    return new Sharpness(sure, posts);
  }

  public Set<String> missingPosts() {
    return missingPosts;
  }

  /**
   * Any difference outside the lateness band: a window different, missing or extra, or a post
   * missing.
   */
  public boolean hasDifferences() {
    return !missingPosts.isEmpty() || rows.stream().anyMatch(r -> r.status().isDifference());
  }

  /** 1 on any difference, else 0: the exit code of {@code courtside verify}. */
  public int exitCode() {
    return hasDifferences() ? 1 : 0;
  }

  /**
   * The verdict in one line: what matched, or how many windows and posts did not, e.g. {@code OK: 4
   * polarity windows, 223 entity windows, 0 dead-letter windows and 1510 posts match a recount of
   * the topic}.
   */
  public String verdict() {
    if (hasDifferences()) {
      long[] n = new long[Status.values().length];
      rows.forEach(r -> n[r.status().ordinal()]++);
      return String.format(
          "DIFFERENT: %d windows different, %d missing, %d extra; %d of %d posts missing",
          n[Status.DIFFERENT.ordinal()],
          n[Status.MISSING.ordinal()],
          n[Status.EXTRA.ordinal()],
          missingPosts.size(),
          recount.postIds().size());
    }
    return String.format(
        "OK: %d polarity windows, %d entity windows, %d dead-letter windows and %d posts match a"
            + " recount of the topic",
        stored(InfluxSchema.POLARITY_WINDOW),
        stored(InfluxSchema.ENTITY_WINDOW),
        stored(InfluxSchema.DEAD_LETTERS),
        recount.postIds().size());
  }

  /** Windows of {@code measurement} with a stored point. */
  private long stored(String measurement) {
    return rows.stream()
        .filter(r -> r.stored() != null && r.key().measurement().equals(measurement))
        .count();
  }

  public void print(PrintWriter out) {
    out.printf(
        "%d records: %d valid posts, %d dead letters; %d distinct post ids in range%n%n",
        recount.records(), recount.validRecords(), recount.deadLetters(), recount.postIds().size());
    out.printf(
        "%-16s %8s %8s %10s %8s %6s%n",
        "measurement", "equal", "in band", "different", "missing", "extra");
    for (String m : MEASUREMENTS) {
      long[] n = new long[Status.values().length];
      rows.stream()
          .filter(r -> r.key().measurement().equals(m))
          .forEach(r -> n[r.status().ordinal()]++);
      out.printf("%-16s %8d %8d %10d %8d %6d%n", m, n[0], n[1], n[2], n[3], n[4]);
    }
    out.printf(
        "%-16s %8d posts, %d missing%n",
        InfluxSchema.POST_SENTIMENT, recount.postIds().size(), missingPosts.size());
    Sharpness sharp = sharpness();
    if (sharp.maybe() > 0) {
      out.printf(
          "%nof the %d posts in the polarity windows %d are MAYBE (a streaming job may have dropped"
              + " them as late; windows with MAYBE posts are checked within their band)%n",
          sharp.posts(), sharp.maybe());
    }
    for (Status status : List.of(Status.DIFFERENT, Status.MISSING, Status.EXTRA, Status.IN_BAND)) {
      List<Row> of = rows.stream().filter(r -> r.status() == status).toList();
      if (!of.isEmpty()) {
        out.println();
      }
      of.stream().limit(MAX_ROWS).forEach(r -> out.println(line(r)));
      if (of.size() > MAX_ROWS) {
        out.printf("... and %d more %s windows%n", of.size() - MAX_ROWS, status.label);
      }
    }
    if (!missingPosts.isEmpty()) {
      out.println();
      missingPosts.stream().limit(MAX_ROWS).forEach(id -> out.println("missing post  id=" + id));
      if (missingPosts.size() > MAX_ROWS) {
        out.printf("... and %d more missing posts%n", missingPosts.size() - MAX_ROWS);
      }
    }
    windowSizeHint().ifPresent(hint -> out.printf("%nhint: %s%n", hint));
    out.println();
    out.println(
        hasDifferences()
            ? "DIFFERENT: InfluxDB does not match the topic"
            : "OK: InfluxDB matches the topic");
    out.flush();
  }

  static String line(Row r) {
    String stored = r.stored() == null ? "none" : describe(r.stored());
    String expected = r.expected() == null ? "none" : describe(r.expected());
    return String.format(
        "%-27s %s  stored %s; recount %s", r.status().label, r.key(), stored, expected);
  }

  private static String describe(StoredWindow s) {
    return s.key().measurement().equals(InfluxSchema.DEAD_LETTERS)
        ? "total=" + s.total()
        : String.format(
            "total=%d +%d -%d =%d mean=%.6f",
            s.total(), s.positive(), s.negative(), s.neutral(), s.compoundMean());
  }

  private static String describe(ExpectedWindow e) {
    String counts =
        e.counts() == null
            ? "total=" + e.total()
            : String.format(
                "total=%d +%d -%d =%d mean=%.6f",
                e.total(),
                e.counts().positive(),
                e.counts().negative(),
                e.counts().neutral(),
                e.counts().compoundMean());
    return e.uncertain() ? counts + " band [" + e.sure() + ", " + e.total() + "]" : counts;
  }
}
