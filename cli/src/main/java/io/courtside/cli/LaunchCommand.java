package io.courtside.cli;

import io.courtside.services.spark.SparkException;
import io.courtside.services.spark.SparkSubmitCommand;
import io.courtside.services.stack.KafkaBrokerProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code launch templates/NAME.json [--param k=v ...] [--dry-run]}: run a launch template. */
@Command(
    name = "launch",
    mixinStandardHelpOptions = true,
    description = {
      "Run the pipeline as a launch template describes it (templates/*.json: local demo on"
          + " DirectRunner, Spark local, Spark standalone, spark-submit for YARN/Kubernetes).",
      "Parameters are checked against the template (name, pattern, required) before anything runs."
    })
final class LaunchCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "TEMPLATE",
      description = "A template file, e.g. templates/spark-standalone.json.")
  Path template;

  @Option(
      names = "--param",
      paramLabel = "NAME=VALUE",
      description = "A template parameter; repeatable.")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(names = "--dry-run", description = "Print the exact command instead of running it.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    LaunchTemplate t;
    try {
      t = LaunchTemplate.read(template);
    } catch (IOException e) {
      System.err.println("courtside launch: cannot read " + template + ": " + e.getMessage());
      return 2;
    }
    List<String> argv;
    try {
      argv = command(t, t.resolve(params));
    } catch (IllegalArgumentException | SparkException e) {
      System.err.println("courtside launch: " + e.getMessage());
      return 2;
    }
    if (dryRun) {
      System.out.println(SparkSubmitCommand.shell(argv));
      return 0;
    }
    System.err.println("courtside launch: " + t.name() + ": " + SparkSubmitCommand.shell(argv));
    return ForegroundProcess.run(argv);
  }

  /** The command a template runs with the resolved {@code values}. */
  static List<String> command(LaunchTemplate t, Map<String, String> values) {
    List<String> beam = new ArrayList<>();
    beam.add("--runner=" + t.runner());
    Map<String, String> launcher = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          if (t.isLauncherParameter(k)) {
            launcher.put(k, v);
          } else {
            beam.add("--" + k + "=" + v);
          }
        });
    String courtside = KafkaBrokerProcess.courtsideHome().resolve("courtside").toString();
    List<String> argv = new ArrayList<>();
    switch (t.launcher()) {
      case "pipeline" -> {
        argv.add(courtside);
        argv.add("pipeline");
        launcher.forEach((k, v) -> beam.add("--" + k + "=" + v));
        argv.addAll(beam);
      }
      case "submit" -> {
        argv.add(courtside);
        argv.add("submit");
        launcher.forEach((k, v) -> argv.add("--" + k + "=" + v));
        argv.addAll(beam);
      }
      default -> {
        String jar = launcher.getOrDefault("jobJar", "courtside-runner-spark-job.jar");
        Map<String, String> conf = new LinkedHashMap<>();
        if (launcher.containsKey("containerImage")) {
          conf.put("spark.kubernetes.container.image", launcher.get("containerImage"));
        }
        SparkSubmitCommand submit =
            new SparkSubmitCommand(
                launcher.getOrDefault("master", "yarn"),
                launcher.getOrDefault("deployMode", "cluster"),
                Path.of(jar),
                conf,
                beam);
        argv.addAll(submit.sparkSubmitLine(jar));
      }
    }
    return argv;
  }
}
