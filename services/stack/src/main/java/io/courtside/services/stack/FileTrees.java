package io.courtside.services.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Deleting a folder of state (a broker's log, influxd's data, checkpoints) once nothing writes it.
 */
public final class FileTrees {
  private FileTrees() {}

  /**
   * Deletes {@code dir} and everything under it, deepest first; nothing if it does not exist.
   *
   * @return the bytes of the files deleted
   * @throws IOException the first file or folder that could not be deleted (what came before it is
   *     gone)
   */
  public static long delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    long bytes = 0;
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        long size = Files.isRegularFile(p) ? Files.size(p) : 0;
        Files.deleteIfExists(p);
        bytes += size;
      }
    } catch (UncheckedIOException e) {
      throw e.getCause(); // a folder that vanished or could not be read while walking
    }
    return bytes;
  }
}
