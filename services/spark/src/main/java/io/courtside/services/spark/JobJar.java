package io.courtside.services.spark;

import io.courtside.services.stack.KafkaBrokerProcess;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The spark-submit jar of module {@code runners/spark}: the pipeline without Spark inside. */
public final class JobJar {
  public static final String PROPERTY = "courtside.jobJar";
  public static final String MAIN_CLASS = "io.courtside.pipeline.launch.PipelineLauncher";

  private JobJar() {}

  /**
   * {@code -Dcourtside.jobJar}, else {@code runners/spark/target/courtside-runner-spark-*-job.jar}.
   */
  public static Path locate() {
    String configured = System.getProperty(PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return require(Path.of(configured).toAbsolutePath());
    }
    Path target = KafkaBrokerProcess.courtsideHome().resolve("runners/spark/target");
    if (Files.isDirectory(target)) {
      try (DirectoryStream<Path> jars =
          Files.newDirectoryStream(target, "courtside-runner-spark-*-job.jar")) {
        for (Path jar : jars) {
          return jar;
        }
      } catch (IOException e) {
        // Reported below as not built.
      }
    }
    throw notBuilt(target.resolve("courtside-runner-spark-VERSION-job.jar"));
  }

  private static Path require(Path jar) {
    if (!Files.isRegularFile(jar)) {
      throw notBuilt(jar);
    }
    return jar;
  }

  private static SparkException notBuilt(Path jar) {
    return new SparkException(
        "No pipeline jar for Spark at "
            + jar
            + ". Build it: `mvn -B -q -pl"
            + " runners/spark -am package -DskipTests` in "
            + KafkaBrokerProcess.courtsideHome()
            + ".");
  }
}
