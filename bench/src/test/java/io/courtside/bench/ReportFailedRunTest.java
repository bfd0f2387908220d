package io.courtside.bench;

import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;

/** A failed run is listed with its reason and counts in no median; the other runners still do. */
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
        failure);
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
}
