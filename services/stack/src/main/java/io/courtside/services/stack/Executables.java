package io.courtside.services.stack;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds programs on PATH, the way a shell would, without spawning one. */
public final class Executables {

  private Executables() {}

  public static Optional<Path> find(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    // The standard folders too: PATH can be minimal (cron, some CI runners) while setsid and
    // the Debian influxd live in /usr/bin.
    String extra = File.pathSeparator + "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin";
    for (String dir : (path + extra).split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The java launcher of this JVM, so the broker runs on the same Java the user chose. */
  static Path currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }
}
