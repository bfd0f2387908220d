package io.courtside.services.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One submission of the pipeline jar: the same description gives both the local command (a {@code
 * java ... SparkSubmit} JVM from the assembled Spark home) and the plain {@code spark-submit} line
 * for a real cluster, so the two cannot disagree.
 *
 * @param master {@code local[N]}, {@code spark://host:port}, {@code yarn}, {@code k8s://...}
 * @param deployMode {@code client} (the driver runs here) or {@code cluster}
 * @param jobJar the shaded jar of {@code runners/spark}
 * @param conf Spark settings ({@code --conf k=v}), in order
 * @param beamArgs the pipeline's Beam flags; {@code --runner=SparkRunner} is added when absent
 */
public record SparkSubmitCommand(
    String master,
    String deployMode,
    Path jobJar,
    Map<String, String> conf,
    List<String> beamArgs) {

  public static final String SPARK_SUBMIT_CLASS = "org.apache.spark.deploy.SparkSubmit";

  public SparkSubmitCommand {
    conf = Map.copyOf(new LinkedHashMap<>(conf));
    beamArgs = List.copyOf(beamArgs);
    for (String a : beamArgs) {
      if (a.startsWith("--sparkMaster")) {
        // SparkRunner would build its own SparkConf master from it and fight spark-submit's.
        throw new IllegalArgumentException(
            "--sparkMaster is not used with spark-submit; give the master to spark-submit (--master)");
      }
    }
  }

  /** Loopback-safe defaults for local runs: the driver's UI off. */
  public static Map<String, String> localConf() {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.ui.enabled", "false");
    conf.put("spark.driver.host", "127.0.0.1");
    conf.put("spark.driver.bindAddress", "127.0.0.1");
    return conf;
  }

  /** spark-submit's own arguments and the application's, without the launcher in front. */
  public List<String> submitArgs(String jarPath) {
    List<String> args = new ArrayList<>();
    args.add("--master");
    args.add(master);
    args.add("--deploy-mode");
    args.add(deployMode);
    args.add("--name");
    args.add("courtside");
    conf.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              args.add("--conf");
              args.add(e.getKey() + "=" + e.getValue());
            });
    args.add("--class");
    args.add(JobJar.MAIN_CLASS);
    args.add(jarPath);
    if (beamArgs.stream().noneMatch(a -> a.startsWith("--runner="))) {
      args.add("--runner=SparkRunner");
    }
    args.addAll(beamArgs);
    return args;
  }

  /** The local JVM that runs SparkSubmit from {@code home}; the driver runs inside it. */
  public List<String> localCommand(SparkHome home) {
    return SparkJvm.command(
        home, List.of("-Xmx1g"), List.of(), SPARK_SUBMIT_CLASS, submitArgs(jobJar.toString()));
  }

  /**
   * The line for a real cluster's {@code spark-submit}, with {@code jarPath} as it is seen there.
   */
  public List<String> sparkSubmitLine(String jarPath) {
    List<String> line = new ArrayList<>();
    line.add("spark-submit");
    line.addAll(submitArgs(jarPath));
    return line;
  }

  /** Quotes each argument for a POSIX shell, only where needed. */
  public static String shell(List<String> argv) {
    StringBuilder sb = new StringBuilder();
    for (String a : argv) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(a.matches("[A-Za-z0-9_@%+=:,./-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
    }
    return sb.toString();
  }
}
