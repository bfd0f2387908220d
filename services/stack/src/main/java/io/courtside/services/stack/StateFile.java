package io.courtside.services.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * A service's state file (addresses, PIDs) as Java properties: written to a temporary file and
 * renamed, so a reader never sees half a file; read back as empty when missing or unreadable.
 */
public final class StateFile {
  private StateFile() {}

  public static void write(Path file, Properties p, String comment) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      p.store(out, comment);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * The value {@code parse} makes of the file's properties; empty when the file is missing, cannot
   * be read, or {@code parse} throws (a missing or malformed property).
   */
  public static <T> Optional<T> read(Path file, Function<Properties, T> parse) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
      return Optional.of(parse.apply(p));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
