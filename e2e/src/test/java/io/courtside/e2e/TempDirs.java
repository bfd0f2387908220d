package io.courtside.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The tests' temporary state folders (a broker's log, influxd's data: up to 200 MB a class),
 * deleted once the processes that wrote them have stopped, so that repeated runs do not fill the
 * disk.
 */
final class TempDirs {
  private TempDirs() {}

  /**
   * Deletes {@code dir} and everything under it. What cannot be deleted is reported on stderr, not
   * thrown: a test's outcome must not depend on it.
   */
  static void delete(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("Could not delete the test state in " + dir + ": " + e);
    }
  }
}
