package io.courtside.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;

/**
 * A failed run is listed with its reason and counts in no median; the other runners still do. A
 * ratio to the baseline pairs the runs of one round.
 */
public class ReportFailedRunTest {
  private static Drain.Result run(
      RunnerKind kind, String label, long posts, double wallSeconds, String failure) {
    return new Drain.Result(
        kind,
        label,
        posts,
        wallSeconds,
        1,
        wallSeconds / 2,
        posts / 2,
        failure == null,
        null,
        new InfluxStats.Writes(posts / 500, posts, 2_500_000_000L),
        failure,
        null);
  }

  @Test
  public void aFailedRunIsListedAndLeftOutOfTheMedian() {
    Report report = new Report("");
    report.drains(
        "Drain",
        List.of(
            run(RunnerKind.BASELINE, "baseline", 100_000, 10, null), // 10,000/s
            run(RunnerKind.SPARK_LOCAL, "SparkRunner local[2]", 100_000, 50, null), // 2,000/s
            // Fast and short: were it in the median, the row would say 3,000/s.
            run(
                RunnerKind.SPARK_LOCAL,
                "SparkRunner local[2]",
                40_000,
                10,
                "SparkRunner local[2] exited before writing every post (40000 of 100000); log"
                    + " /x/j4.log:\nOOM"),
            run(RunnerKind.SPARK_LOCAL, "SparkRunner local[2]", 100_000, 50, null),
            run(RunnerKind.DIRECT, "DirectRunner", 100_000, 40, null)),
        3);
    String md = report.markdown();
    assertTrue(md, md.contains("| SparkRunner local[2] | 100000 | 3 | 2,000 | 20% |"));
    assertTrue(md, md.contains("| **no**, 1 failed | 200 | 500.0 | 2.5 |"));
    assertTrue(md, md.contains("| DirectRunner | 100000 | 1 | 2,500 | 25% |"));
    assertTrue(
        md,
        md.contains(
            "- SparkRunner local[2]: exited before writing every post (40000 of 100000); log"
                + " /x/j4.log (40000 posts visible after 10.0 s)"));
    assertTrue(md, !md.contains("OOM"));
  }

  @Test
  public void theRatioIsTheMedianOfTheRatiosWithinEachRound() {
    // The machine got faster in rounds 2 and 3. Within rounds: 90%, 33%, 39% -> 39%. The ratio of
    // the medians (10,000 / 30,000) would say 33%.
    List<Drain.Result> base =
        List.of(
            run(RunnerKind.BASELINE, "baseline", 100_000, 10, null),
            run(RunnerKind.BASELINE, "baseline", 300_000, 10, null),
            run(RunnerKind.BASELINE, "baseline", 310_000, 10, null));
    List<Drain.Result> job =
        List.of(
            run(RunnerKind.FLINK_LOCAL, "FlinkRunner embedded", 90_000, 10, null),
            run(RunnerKind.FLINK_LOCAL, "FlinkRunner embedded", 100_000, 10, null),
            run(RunnerKind.FLINK_LOCAL, "FlinkRunner embedded", 120_000, 10, null));
    assertEquals(120_000.0 / 310_000, Report.roundRatio(job, base, Drain.Result::wallRate), 1e-12);
    // A failed round pairs with nothing: 90% and 33% are left, their median 61.7%.
    List<Drain.Result> withFailure =
        List.of(job.get(0), job.get(1), run(RunnerKind.FLINK_LOCAL, "f", 1, 1, "died"));
    assertEquals(
        (0.9 + 100_000.0 / 300_000) / 2,
        Report.roundRatio(withFailure, base, Drain.Result::wallRate),
        1e-12);
  }
}
