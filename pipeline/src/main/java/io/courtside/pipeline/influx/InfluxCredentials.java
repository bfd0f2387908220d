package io.courtside.pipeline.influx;

import io.courtside.model.SecretText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the InfluxDB secret where it runs (on the worker, in {@code @Setup}), from a file or an
 * environment variable, and turns it into an {@code Authorization} header. Secrets never travel in
 * pipeline options: Beam serialises those into the job, prints them in runner UIs and logs them,
 * and a flag value shows in {@code ps}.
 *
 * <p>v1: {@code --influxUser} with the password from {@code --influxPasswordFile} or {@code
 * INFLUX_PASSWORD}, sent as Basic auth. v2: the token from {@code --influxTokenFile} or {@code
 * INFLUX_TOKEN}, sent as {@code Authorization: Token}. A file wins over the variable; both are
 * cleaned and checked by {@link SecretText}.
 */
public final class InfluxCredentials {
  public static final String PASSWORD_ENV = "INFLUX_PASSWORD";
  public static final String TOKEN_ENV = "INFLUX_TOKEN";

  private InfluxCredentials() {}

  /** The header for {@code target}, read from the process environment and files. */
  public static Optional<AuthHeader> header(InfluxTarget target) {
    return header(target, System::getenv);
  }

  static Optional<AuthHeader> header(InfluxTarget target, Function<String, String> env) {
    if (target.api() == InfluxTarget.Api.V1) {
      if (target.user() == null || target.user().isEmpty()) {
        return Optional.empty();
      }
      String password =
          secret(target.passwordFile(), "--influxPasswordFile", PASSWORD_ENV, env, false)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "--influxUser="
                              + target.user()
                              + " needs a password: set "
                              + PASSWORD_ENV
                              + " or --influxPasswordFile"));
      String basic = target.user() + ":" + password;
      return Optional.of(
          new AuthHeader(
              "Basic "
                  + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8))));
    }
    return secret(target.tokenFile(), "--influxTokenFile", TOKEN_ENV, env, true)
        .map(token -> new AuthHeader("Token " + token));
  }

  /**
   * Refuses a v1 password given without {@code --influxUser}: {@code INFLUX_PASSWORD} set, or
   * {@code --influxPasswordFile}. InfluxDB v1 logs in with a user and its password, so a password
   * alone was never sent, silently, and a server with authentication answered 401 once the job
   * wrote. Only v1: a v2 job logs in with its token. Called where a command starts ({@code
   * pipeline}, {@code verify}, {@code dashboard}), not by {@link #header}: the demo's local
   * InfluxDB has no login and must not be refused for a password exported for another server.
   *
   * @throws IllegalArgumentException naming the variable or flag and {@code --influxUser}, never
   *     the password
   */
  public static void requireUserWithPassword(InfluxTarget target) {
    requireUserWithPassword(target, System::getenv);
  }

  static void requireUserWithPassword(InfluxTarget target, Function<String, String> env) {
    if (target.api() != InfluxTarget.Api.V1
        || (target.user() != null && !target.user().isEmpty())) {
      return;
    }
    String given;
    String without;
    if (target.passwordFile() != null && !target.passwordFile().isEmpty()) {
      given = "--influxPasswordFile=" + target.passwordFile() + " is given";
      without = "drop --influxPasswordFile";
    } else {
      String password = env.apply(PASSWORD_ENV);
      if (password == null || password.isEmpty()) {
        return;
      }
      given = PASSWORD_ENV + " is set";
      without = "unset " + PASSWORD_ENV;
    }
    throw new IllegalArgumentException(
        given
            + " but --influxUser is not: InfluxDB v1 logs in with a user and its password; give"
            + " --influxUser=NAME, or "
            + without
            + " to connect without a login");
  }

  private static Optional<String> secret(
      String file, String flag, String variable, Function<String, String> env, boolean token) {
    String raw;
    String origin;
    if (file != null && !file.isEmpty()) {
      origin = flag + " " + file;
      if (Files.isDirectory(Path.of(file))) {
        // Reading a folder fails with a bare IOException ("Is a directory" on Linux).
        throw new IllegalStateException(
            flag
                + "="
                + file
                + ": is a folder, not a file; give the file that holds the "
                + (token ? "token" : "password"));
      }
      try {
        raw = Files.readString(Path.of(file), StandardCharsets.UTF_8);
      } catch (IOException e) {
        // The file's name is fine to show; its content never is.
        throw new IllegalStateException(
            "cannot read " + origin + ": " + e.getClass().getSimpleName());
      }
    } else {
      origin = variable;
      raw = env.apply(variable);
      if (raw == null || raw.isEmpty()) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(token ? SecretText.token(raw, origin) : SecretText.password(raw, origin));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(e.getMessage());
    }
  }

  /** An {@code Authorization} header value that never prints itself. */
  public static final class AuthHeader {
    private final String value;

    AuthHeader(String value) {
      this.value = value;
    }

    String value() {
      return value;
    }

    @Override
    public String toString() {
      return "AuthHeader[redacted]";
    }
  }
}
