package io.courtside.services.spark;

import io.courtside.services.stack.KafkaBrokerProcess;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Spark installation: a folder with {@code jars/}. Local use and tests take the one assembled
 * from Maven Central by module {@code services/spark-home}; {@code -Dcourtside.sparkHome} or env
 * {@code COURTSIDE_SPARK_HOME} point elsewhere (a downloaded Spark 3.5.x for Scala 2.12 works too).
 */
public record SparkHome(Path dir) {
  public static final String PROPERTY = "courtside.sparkHome";
  public static final String ENV = "COURTSIDE_SPARK_HOME";

  /** The Scala line of the Spark build Beam's Spark 3 runner is compiled for. */
  public static final String SCALA_VERSION = "2.12";

  public SparkHome {
    dir = dir.toAbsolutePath().normalize();
  }

  /** The configured Spark home, or the assembled one under the Courtside checkout. */
  public static SparkHome locate() {
    String configured = System.getProperty(PROPERTY);
    if (configured == null || configured.isBlank()) {
      configured = System.getenv(ENV);
    }
    if (configured != null && !configured.isBlank()) {
      return new SparkHome(Path.of(configured));
    }
    return new SparkHome(
        KafkaBrokerProcess.courtsideHome().resolve("services/spark-home/target/spark-home"));
  }

  public Path jars() {
    return dir.resolve("jars");
  }

  /** {@code <home>/jars/*}: the JVM expands the wildcard itself, no shell needed. */
  public String classpath() {
    return jars() + "/*";
  }

  /** Fails with the command that builds it when the home has no Spark jars. */
  public SparkHome requireBuilt() {
    if (!hasSparkCore()) {
      throw new SparkException(
          "No Spark jars in "
              + jars()
              + ". Assemble the local Spark home: `mvn -B -q -pl services/spark-home package` in "
              + KafkaBrokerProcess.courtsideHome()
              + " (or point -D"
              + PROPERTY
              + " / $"
              + ENV
              + " at a Spark 3.5 / Scala 2.12 installation).");
    }
    return this;
  }

  private boolean hasSparkCore() {
    try (var files = Files.list(jars())) {
      return files.anyMatch(
          f -> f.getFileName().toString().startsWith("spark-core_" + SCALA_VERSION + "-"));
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
