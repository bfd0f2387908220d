package io.courtside.bench;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.List;
import org.junit.Test;

/** The latency table gives each run's delays and the cores its job and influxd used. */
public class ReportLatencyTest {
  @Test
  public void eachRowEndsWithTheCoresTheJobAndInfluxdUsed() {
    Report report = new Report("");
    report.latencies(
        List.of(
            new Latency.Result(
                RunnerKind.DIRECT,
                "DirectRunner",
                2000,
                60_000,
                60_000,
                new double[] {106, 204, 287, 457},
                new double[] {265, 470, 561, 656},
                820,
                45,
                0.1,
                1.234,
                0.456),
            new Latency.Result(
                RunnerKind.BASELINE,
                "baseline",
                2000,
                60_000,
                60_000,
                new double[] {8, 15, 19, 31},
                new double[] {637, 1087, 1152, 1238},
                2313,
                938,
                0.1,
                Double.NaN,
                Double.NaN)));
    String md = report.markdown();
    assertThat(md, containsString("| catch-up (s) | job cores | influxd cores |"));
    assertThat(
        md,
        containsString(
            "| DirectRunner | 2000 | 60000 | 60000 | 106 | 204 | 287 | 457 | 265 | 470 | 561 | 656"
                + " | 820 | 45 | 0.1 | 1.23 | 0.46 |"));
    // No reading (the run ended before its production did): said, not made up.
    assertThat(md, containsString("| 2313 | 938 | 0.1 | n/a | n/a |"));
  }
}
