package io.courtside.ingest.sources;

import io.courtside.ingest.IngestException;
import io.courtside.model.SecretText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An API token. It is read from an environment variable or a file, never from a flag, because flag
 * values show in {@code ps} and shell history. {@link #toString()} is redacted so that a token can
 * never reach a log line or an exception message by accident; only {@link #authorizationHeader()}
 * reveals it, for the request header.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** For tests and embedding code that hold the token already. */
  public static Secret of(String value) {
    return new Secret(SecretText.token(value, "the token"));
  }

  /**
   * The token from {@code file} when given, else from the environment variable {@code envName}.
   *
   * @param flag the file flag's name, for messages
   */
  public static Secret load(Path file, String envName, String flag, Map<String, String> env)
      throws IngestException {
    if (file != null) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IngestException(
            flag
                + "="
                + file
                + ": cannot read the token file ("
                + e.getClass().getSimpleName()
                + ")");
      }
      if (text.isBlank()) {
        throw new IngestException(flag + "=" + file + ": the file is empty");
      }
      return checked(text, flag + "=" + file);
    }
    String fromEnv = env.get(envName);
    if (fromEnv == null || fromEnv.isBlank()) {
      throw new IngestException(
          "no token: set the environment variable "
              + envName
              + " or pass "
              + flag
              + "=FILE (a file holding only the token)");
    }
    return checked(fromEnv, envName);
  }

  private static Secret checked(String raw, String origin) throws IngestException {
    try {
      return new Secret(SecretText.token(raw, origin));
    } catch (IllegalArgumentException e) {
      throw new IngestException(e.getMessage());
    }
  }

  /** {@code Bearer <token>}. */
  public String authorizationHeader() {
    return "Bearer " + value;
  }

  @Override
  public String toString() {
    return "Secret[redacted]";
  }
}
