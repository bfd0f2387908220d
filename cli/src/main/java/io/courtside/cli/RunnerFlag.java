package io.courtside.cli;

import io.courtside.pipeline.launch.PipelineLauncher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code --runner} flag of {@code pipeline} and {@code submit}, read before the job's JVM is
 * chosen. Spark and Flink run in JVMs of their own, so Beam's check in this JVM knows only the
 * DirectRunner: {@code --runner=spark} was "unknown, supported [DirectRunner]", and {@code submit
 * --runner=flink} or {@code --runner=DirectRunner} went to spark-submit. Names are matched as Beam
 * matches them ({@link PipelineLauncher#runnerName}): {@code SparkRunner}, {@code spark}, {@code
 * org.apache.beam.runners.spark.SparkRunner}, in any case.
 */
enum RunnerFlag {
  DIRECT("DirectRunner"),
  SPARK("SparkRunner"),
  FLINK("FlinkRunner");

  private static final String FLAG = "--runner=";

  /** Beam's name of the runner, as the job's JVM is given it. */
  final String beamName;

  RunnerFlag(String beamName) {
    this.beamName = beamName;
  }

  /**
   * The runner {@code args} choose, {@code fallback} when they name none.
   *
   * @throws IllegalArgumentException a runner Courtside does not run, two different runners, or
   *     {@code --runner} without a value
   */
  static RunnerFlag of(List<String> args, RunnerFlag fallback) {
    Set<RunnerFlag> chosen = new LinkedHashSet<>();
    for (String a : args) {
      if (a.equals("--runner")) {
        throw new IllegalArgumentException(
            "--runner needs a value joined by '=': --runner=SparkRunner (Beam flags are"
                + " --name=value)");
      }
      if (a.startsWith(FLAG)) {
        chosen.add(named(a.substring(FLAG.length())));
      }
    }
    if (chosen.size() > 1) {
      throw new IllegalArgumentException(
          "--runner is given twice, with different runners: "
              + chosen.stream().map(r -> r.beamName).toList()
              + "; give one");
    }
    return chosen.isEmpty() ? fallback : chosen.iterator().next();
  }

  private static RunnerFlag named(String value) {
    String name = PipelineLauncher.runnerName(FLAG + value);
    for (RunnerFlag r : values()) {
      if (PipelineLauncher.runnerName(FLAG + r.beamName).equals(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        FLAG
            + value
            + " is not a runner Courtside runs: give DirectRunner, SparkRunner or FlinkRunner"
            + " (or Beam's short names direct, spark, flink)");
  }

  /** {@code args} with every {@code --runner} flag replaced by one of this runner's Beam name. */
  List<String> in(List<String> args) {
    List<String> out = new ArrayList<>();
    out.add(FLAG + beamName);
    args.stream().filter(a -> !a.startsWith(FLAG)).forEach(out::add);
    return out;
  }
}
