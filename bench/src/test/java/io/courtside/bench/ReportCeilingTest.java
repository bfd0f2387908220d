package io.courtside.bench;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;

/** The ceiling rows carry their ratio to the baseline, and baseline / ceiling follows the table. */
public class ReportCeilingTest {
  /** Steady: 80,000 posts in half the wall time. */
  private static Drain.Result drain(RunnerKind kind, String label, double wallSeconds) {
    return new Drain.Result(
        kind,
        label,
        100_000,
        wallSeconds,
        1,
        wallSeconds / 2,
        80_000,
        true,
        null,
        null,
        null,
        null);
  }

  @Test
  public void baselineOverCeilingIsPrintedForEachCeilingRow() {
    Report report = new Report("");
    report.drains(
        "Drain",
        List.of(
            drain(RunnerKind.BASELINE, "baseline", 10), // 10,000/s
            drain(RunnerKind.CEILING, Ceiling.label(1), 2.5), // 40,000/s
            drain(RunnerKind.CEILING, Ceiling.label(2), 2), // 50,000/s
            drain(RunnerKind.DIRECT, "DirectRunner", 20)),
        1);
    String md = report.markdown();
    assertTrue(
        md, md.contains("| influxd ceiling, 1 client thread | 100000 | 1 | 40,000 | 400% |"));
    assertTrue(
        md, md.contains("| influxd ceiling, 2 client threads | 100000 | 1 | 50,000 | 500% |"));
    assertTrue(
        md,
        md.contains(
            "**baseline / ceiling**: 25% wall, 25% steady (influxd ceiling, 1 client thread); 20%"
                + " wall, 20% steady (influxd ceiling, 2 client threads)."));
  }

  @Test
  public void withoutACeilingThereIsNoCeilingLine() {
    Report report = new Report("");
    report.drains("Drain", List.of(drain(RunnerKind.BASELINE, "baseline", 10)), 1);
    assertFalse(report.markdown().contains("ceiling"));
  }
}
