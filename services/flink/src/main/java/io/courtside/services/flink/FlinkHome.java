package io.courtside.services.flink;

import io.courtside.services.stack.KafkaBrokerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A Flink installation's jars: a folder with {@code lib/}. Local use and tests take the one
 * assembled from Maven Central by module {@code services/flink-home} (Flink 1.19.0: runtime,
 * clients, streaming, web UI); {@code -Dcourtside.flinkHome} or env {@code COURTSIDE_FLINK_HOME}
 * point elsewhere (an unpacked Flink 1.19.x distribution works too: its {@code lib/} holds the same
 * classes in flink-dist).
 */
public record FlinkHome(Path dir) {
  public static final String PROPERTY = "courtside.flinkHome";
  public static final String ENV = "COURTSIDE_FLINK_HOME";

  public FlinkHome {
    dir = dir.toAbsolutePath().normalize();
  }

  /** The configured Flink home, or the assembled one under the Courtside checkout. */
  public static FlinkHome locate() {
    String configured = System.getProperty(PROPERTY);
    if (configured == null || configured.isBlank()) {
      configured = System.getenv(ENV);
    }
    if (configured != null && !configured.isBlank()) {
      return new FlinkHome(Path.of(configured));
    }
    return new FlinkHome(
        KafkaBrokerProcess.courtsideHome().resolve("services/flink-home/target/flink-home"));
  }

  public Path lib() {
    return dir.resolve("lib");
  }

  /** {@code <home>/lib/*}: the JVM expands the wildcard itself, no shell needed. */
  public String classpath() {
    return lib() + "/*";
  }

  /** Fails with the command that builds it when the home has no Flink runtime. */
  public FlinkHome requireBuilt() {
    if (!hasRuntime()) {
      throw new FlinkException(
          "No Flink runtime jars in "
              + lib()
              + ". Assemble the local Flink home: `mvn -B -q -pl services/flink-home package` in "
              + KafkaBrokerProcess.courtsideHome()
              + " (or point -D"
              + PROPERTY
              + " / $"
              + ENV
              + " at a Flink 1.19 installation).");
    }
    return this;
  }

  private boolean hasRuntime() {
    try (Stream<Path> files = Files.list(lib())) {
      return files.anyMatch(
          f -> {
            String n = f.getFileName().toString();
            return n.startsWith("flink-runtime-1.") || n.startsWith("flink-dist");
          });
    } catch (IOException e) {
      return false;
    }
  }
}
