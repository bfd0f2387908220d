package io.courtside.e2e;

import io.courtside.pipeline.verify.Verify;
import io.courtside.pipeline.verify.VerifyException;
import io.courtside.pipeline.verify.VerifyReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The end-to-end tests' oracle: {@code courtside verify} (a recount of the topic with the job's own
 * rules, compared with InfluxDB) run in this JVM until it passes or time runs out.
 */
final class Verified {
  private static final List<String> RUNNER_FLAGS =
      List.of(
          "enforce",
          "blockOnRun",
          "runner",
          "sparkMaster",
          "checkpointDir",
          "batchIntervalMillis",
          "metricsSink",
          "metricsPushPeriod",
          "readTimePercentage");

  private Verified() {}

  /**
   * Runs verify with the job's {@code args} until it exits 0; fails with its last table. Until the
   * deadline, an error of verify itself (exit 2: e.g. the job has not created its database yet on a
   * slow machine) is one more reason to try again; after it, that error is the failure.
   */
  static VerifyReport await(List<String> args, Duration timeout) throws Exception {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    VerifyReport report = null;
    VerifyException error = null;
    do {
      try {
        report = once(args);
        error = null;
        if (report.exitCode() == 0) {
          // How much the pass says: a lost post can hide among the MAYBE ones.
          VerifyReport.Sharpness sharp = report.sharpness();
          Expected.waited(
              start,
              String.format(
                  "courtside verify to pass (%d of %d posts in the windows MAYBE)",
                  sharp.maybe(), sharp.posts()));
          return report;
        }
      } catch (VerifyException e) {
        error = e;
      }
      Thread.sleep(2_000);
    } while (System.nanoTime() < deadline);
    if (error != null) {
      throw error;
    }
    throw new AssertionError(
        "courtside verify still finds differences after " + timeout + ":\n" + table(report));
  }

  static VerifyReport once(List<String> args) throws Exception {
    List<String> flags = new ArrayList<>(args);
    // Flags of the runner, not of counting: verify runs here, without Spark on the classpath.
    flags.removeIf(a -> RUNNER_FLAGS.stream().anyMatch(f -> a.startsWith("--" + f)));
    return Verify.run(Verify.parse(flags.toArray(new String[0])), null, null, (read, total) -> {});
  }

  static String table(VerifyReport report) {
    StringWriter out = new StringWriter();
    try (PrintWriter w = new PrintWriter(out)) {
      report.print(w);
    }
    return out.toString();
  }
}
