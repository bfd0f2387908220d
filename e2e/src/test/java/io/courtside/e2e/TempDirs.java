package io.courtside.e2e;

import io.courtside.services.stack.FileTrees;
import java.io.IOException;
import java.nio.file.Path;

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
    if (dir == null) {
      return;
    }
    try {
      FileTrees.delete(dir);
    } catch (IOException e) {
      System.err.println("Could not delete the test state in " + dir + ": " + e);
    }
  }
}
