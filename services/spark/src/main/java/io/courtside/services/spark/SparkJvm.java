package io.courtside.services.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line of a JVM that runs Spark code (master, worker, SparkSubmit) on Java 17.
 *
 * <p>The environment goes on the command line through {@code env}, which execs java in place (the
 * PID stays the service's): SPARK_HOME and SPARK_SCALA_VERSION let the worker build executor
 * command lines from our assembled jars ("Cannot find any build directories" without them), and
 * SPARK_LOCAL_IP=127.0.0.1 keeps every Spark UI and RPC endpoint on loopback (0.0.0.0 otherwise).
 */
public final class SparkJvm {
  /**
   * Spark 3.5 reflects into these JDK packages; without them: IllegalAccessError on DirectBuffer.
   */
  static final List<String> OPENS =
      List.of(
          "java.lang",
          "java.lang.invoke",
          "java.lang.reflect",
          "java.io",
          "java.net",
          "java.nio",
          "java.util",
          "java.util.concurrent",
          "java.util.concurrent.atomic",
          "jdk.internal.ref",
          "sun.nio.ch",
          "sun.nio.cs",
          "sun.security.action",
          "sun.util.calendar");

  private SparkJvm() {}

  /** JVM flags every Spark JVM needs on Java 17. */
  public static List<String> javaFlags() {
    List<String> flags = new ArrayList<>();
    flags.add("-XX:+IgnoreUnrecognizedVMOptions");
    flags.add("-Djdk.reflect.useDirectMethodHandle=false");
    for (String pkg : OPENS) {
      flags.add("--add-opens=java.base/" + pkg + "=ALL-UNNAMED");
    }
    return flags;
  }

  /** SPARK_HOME, SPARK_SCALA_VERSION and SPARK_LOCAL_IP for {@code home}. */
  public static Map<String, String> environment(SparkHome home) {
    return Map.of(
        "SPARK_HOME",
        home.dir().toString(),
        "SPARK_SCALA_VERSION",
        SparkHome.SCALA_VERSION,
        "SPARK_LOCAL_IP",
        "127.0.0.1");
  }

  /**
   * {@code env K=V... java FLAGS [jvmOptions] -cp CLASSPATH mainClass args}.
   *
   * @param extraClasspath entries after Spark's jars (Spark's own classes win, as under
   *     spark-submit), may be empty
   */
  public static List<String> command(
      SparkHome home,
      List<String> jvmOptions,
      List<String> extraClasspath,
      String mainClass,
      List<String> args) {
    List<String> argv = new ArrayList<>();
    argv.add("env");
    environment(home).entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> argv.add(e.getKey() + "=" + e.getValue()));
    argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    argv.addAll(javaFlags());
    argv.addAll(jvmOptions);
    argv.add("-cp");
    List<String> cp = new ArrayList<>();
    cp.add(home.classpath());
    cp.addAll(extraClasspath);
    argv.add(String.join(java.io.File.pathSeparator, cp));
    argv.add(mainClass);
    argv.addAll(args);
    return argv;
  }
}
