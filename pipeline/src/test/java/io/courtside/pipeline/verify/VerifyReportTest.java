package io.courtside.pipeline.verify;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.courtside.pipeline.verify.VerifyReport.Status;
import io.courtside.pipeline.window.PolarityCounts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.Test;

public class VerifyReportTest {
  private static final WindowKey KEY = WindowKey.of("polarity_window", 60_000, "topic", "t");
  private static final PolarityCounts COUNTS = new PolarityCounts(2, 1, 1, 0.6);

  private static ExpectedWindow expected(long sure, boolean uncertain) {
    return new ExpectedWindow(KEY, COUNTS, 4, sure, uncertain);
  }

  private static StoredWindow stored(long positive, long total, double mean) {
    return new StoredWindow(KEY, positive, 1, 1, total, mean);
  }

  @Test
  public void aWindowWithoutMaybeRecordsMustMatchExactly() {
    assertEquals(Status.EQUAL, VerifyReport.status(expected(4, false), stored(2, 4, 0.15 + 1e-12)));
    assertEquals(
        Status.DIFFERENT, VerifyReport.status(expected(4, false), stored(2, 4, 0.15 + 1e-6)));
    assertEquals(Status.DIFFERENT, VerifyReport.status(expected(4, false), stored(3, 5, 0.15)));
  }

  @Test
  public void aWindowWithMaybeRecordsIsEqualWhenItsTotalLiesInTheBand() {
    assertEquals(Status.IN_BAND, VerifyReport.status(expected(2, true), stored(1, 2, 0.1)));
    assertEquals(Status.IN_BAND, VerifyReport.status(expected(2, true), stored(2, 4, 0.15)));
    assertEquals(Status.DIFFERENT, VerifyReport.status(expected(2, true), stored(0, 1, 0.1)));
    assertEquals(Status.DIFFERENT, VerifyReport.status(expected(2, true), stored(3, 5, 0.1)));
  }

  @Test
  public void anUnwrittenWindowIsMissingOnlyWhenSomeOfItsRecordsAreSure() {
    assertEquals(Status.IN_BAND, VerifyReport.status(expected(0, true), null));
    assertEquals(Status.MISSING, VerifyReport.status(expected(1, true), null));
    assertEquals(Status.EXTRA, VerifyReport.status(null, stored(2, 4, 0.15)));
  }

  @Test
  public void theSharpnessCountsTheSureAndMaybePostsOfThePolarityWindowsOnly() {
    WindowKey later = WindowKey.of("polarity_window", 120_000, "topic", "t");
    WindowKey entity = WindowKey.of("entity_window", 60_000, "entity", "Lakers", "topic", "t");
    Recount.Result recount =
        new Recount.Result(
            Map.of(
                KEY,
                expected(4, false),
                later,
                new ExpectedWindow(later, COUNTS, 4, 1, true),
                entity,
                new ExpectedWindow(entity, COUNTS, 4, 0, true)),
            Set.of("a", "b"),
            new TreeSet<>(),
            8,
            8,
            0);
    VerifyReport report = VerifyReport.compare(recount, Map.of(), Set.of("a", "b"));
    assertEquals(new VerifyReport.Sharpness(5, 8), report.sharpness());
    StringWriter text = new StringWriter();
    report.print(new PrintWriter(text));
    assertTrue(
        text.toString(),
        text.toString().contains("of the 8 posts in the polarity windows 3 are MAYBE"));
    VerifyReport exact =
        VerifyReport.compare(
            new Recount.Result(Map.of(KEY, expected(4, false)), Set.of(), new TreeSet<>(), 4, 4, 0),
            Map.of(),
            Set.of());
    StringWriter none = new StringWriter();
    exact.print(new PrintWriter(none));
    assertFalse(none.toString(), none.toString().contains("MAYBE"));
  }

  /** A recount with {@code verifySize} windows of 4 SURE posts each over {@code span}. */
  private static Map<WindowKey, ExpectedWindow> recounted(long base, long verifySize, long span) {
    Map<WindowKey, ExpectedWindow> windows = new TreeMap<>();
    for (long start = base; start < base + span; start += verifySize) {
      WindowKey k = WindowKey.of("polarity_window", start, "topic", "t");
      windows.put(k, new ExpectedWindow(k, COUNTS, 4, 4, false));
    }
    return windows;
  }

  /** What a job of {@code jobSize} windows stored for the same posts: one point per window. */
  private static Map<WindowKey, StoredWindow> stored(long base, long jobSize, long span) {
    Map<WindowKey, StoredWindow> windows = new TreeMap<>();
    for (long start = base; start < base + span; start += jobSize) {
      WindowKey k = WindowKey.of("polarity_window", start, "topic", "t");
      long total = 4 * Math.min(jobSize, base + span - start) / 10_000;
      windows.put(k, new StoredWindow(k, total / 2, total / 4, total / 4, total, 0.15));
    }
    return windows;
  }

  @Test
  public void aWindowSizeThatDividesTheJobsIsNamedAsAHint() {
    long base = 29_455_200L * 60_000; // a whole minute
    Recount.Result recount =
        new Recount.Result(recounted(base, 10_000, 180_000), Set.of(), new TreeSet<>(), 72, 72, 0);
    // Verify with 10s after a job of 1m windows: every stored start fits the 10s grid.
    VerifyReport wrongSize = VerifyReport.compare(recount, stored(base, 60_000, 180_000), Set.of());
    assertTrue(wrongSize.hasDifferences());
    assertEquals(
        Optional.of(
            "the 15 missing polarity windows all start off the 1m grid that every stored one"
                + " starts on: if the job ran with --windowSize=1m, verify with that"),
        wrongSize.windowSizeHint());
    StringWriter text = new StringWriter();
    wrongSize.print(new PrintWriter(text));
    assertTrue(text.toString(), text.toString().contains("hint: the 15 missing polarity windows"));

    // The right size: nothing missing, no hint.
    VerifyReport right = VerifyReport.compare(recount, stored(base, 10_000, 180_000), Set.of());
    assertFalse(right.hasDifferences());
    assertEquals(Optional.empty(), right.windowSizeHint());

    // Two windows really lost, one on the stored starts' grid: a loss, not a size.
    Map<WindowKey, StoredWindow> lost = new TreeMap<>(stored(base, 10_000, 180_000));
    lost.remove(WindowKey.of("polarity_window", base + 10_000, "topic", "t"));
    lost.remove(WindowKey.of("polarity_window", base + 60_000, "topic", "t"));
    assertEquals(Optional.empty(), VerifyReport.compare(recount, lost, Set.of()).windowSizeHint());
  }

  @Test
  public void aMissingPostIsADifferenceAndIsNamed() {
    Recount.Result recount =
        new Recount.Result(
            Map.of(KEY, expected(4, false)), Set.of("a", "b"), new TreeSet<>(), 6, 6, 0);
    VerifyReport ok =
        VerifyReport.compare(recount, Map.of(KEY, stored(2, 4, 0.15)), Set.of("a", "b"));
    VerifyReport bad = VerifyReport.compare(recount, Map.of(KEY, stored(2, 4, 0.15)), Set.of("a"));
    assertFalse(ok.hasDifferences());
    assertEquals(0, ok.exitCode());
    assertTrue(bad.hasDifferences());
    assertEquals(1, bad.exitCode());
    StringWriter text = new StringWriter();
    bad.print(new PrintWriter(text));
    assertTrue(text.toString(), text.toString().contains("missing post  id=b"));
  }

  @Test
  public void theVerdictCountsWhatMatchedOrWhatDidNot() {
    WindowKey entity = WindowKey.of("entity_window", 60_000, "entity", "Lakers", "topic", "t");
    Recount.Result recount =
        new Recount.Result(
            Map.of(
                KEY, expected(4, false), entity, new ExpectedWindow(entity, COUNTS, 4, 4, false)),
            Set.of("a", "b"),
            new TreeSet<>(),
            6,
            6,
            0);
    VerifyReport ok =
        VerifyReport.compare(
            recount,
            Map.of(KEY, stored(2, 4, 0.15), entity, new StoredWindow(entity, 2, 1, 1, 4, 0.15)),
            Set.of("a", "b"));
    assertEquals(
        "OK: 1 polarity windows, 1 entity windows, 0 dead-letter windows and 2 posts match a"
            + " recount of the topic",
        ok.verdict());
    VerifyReport bad = VerifyReport.compare(recount, Map.of(KEY, stored(3, 5, 0.15)), Set.of("a"));
    assertEquals(
        "DIFFERENT: 1 windows different, 1 missing, 0 extra; 1 of 2 posts missing", bad.verdict());
  }
}
