package io.courtside.pipeline.influx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * A small InfluxDB HTTP client on the JDK's HttpClient: line-protocol writes (gzip) to v1 {@code
 * /write} or v2 {@code /api/v2/write}, and v1 {@code /query} (InfluxQL). Hand-written because
 * influxdb-client-java 7.x only posts to {@code /api/v2/write}, which InfluxDB 1.x lacks. {@code
 * https://} URLs use the JVM's default trust store. The Authorization header is set on each request
 * and never appears in a message.
 */
public final class InfluxDbClient implements AutoCloseable {
  private static final int MAX_BODY_IN_MESSAGE = 500;

  private final InfluxTarget target;
  private final Optional<InfluxCredentials.AuthHeader> auth;
  private final HttpClient http;
  private final Duration timeout;

  /** A v1 client without authentication (the local stack, tests). */
  public InfluxDbClient(String baseUrl, String database) {
    this(InfluxTarget.v1(baseUrl, database), Optional.empty());
  }

  public InfluxDbClient(InfluxTarget target, Optional<InfluxCredentials.AuthHeader> auth) {
    this.target = target;
    this.auth = auth;
    this.timeout = Duration.ofSeconds(30);
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  public InfluxTarget target() {
    return target;
  }

  /** v1 only: {@code CREATE DATABASE} is idempotent in InfluxQL, a no-op when it exists. */
  public void createDatabase() throws InfluxDbException {
    String q = "CREATE DATABASE \"" + target.database().replace("\"", "\\\"") + "\"";
    HttpRequest.Builder req =
        request(target.base().resolve("query?q=" + InfluxTarget.enc(q)))
            .POST(HttpRequest.BodyPublishers.noBody());
    send(req.build(), "CREATE DATABASE");
  }

  /** Writes line-protocol points (nanosecond timestamps) in one gzip request. */
  public void write(List<String> lines) throws InfluxDbException {
    if (lines.isEmpty()) {
      return;
    }
    writeGzipped(gzipBody(lines), lines.size());
  }

  /**
   * The request body {@link #write} sends for {@code lines}: one point per line, newlines inside
   * string fields escaped if this client's target asks for it ({@link
   * InfluxTarget#escapeNewlines}), gzip-compressed. For callers that compress before they write
   * (the bench's ceiling measures influxd's ingest without the compression).
   */
  public byte[] gzipBody(List<String> lines) {
    return gzip(lines, target.escapeNewlines());
  }

  /**
   * Sends an already-compressed body in one write request, exactly as {@link #write} sends the body
   * it compresses. The body is not checked: it should come from {@link #gzipBody} of a client with
   * the same target; {@code points} (how many lines it holds) only names the batch in an error
   * message.
   */
  public void writeGzipped(byte[] body, int points) throws InfluxDbException {
    HttpRequest.Builder req =
        request(target.writeUri())
            .header("Content-Encoding", "gzip")
            .header("Content-Type", "text/plain; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    send(req.build(), "write of " + points + " points");
  }

  /**
   * An empty write: the server checks credentials, write permission and the database or bucket
   * before it reads the body, so this asks "may these points go there?" without writing any.
   */
  public void writeNothing() throws InfluxDbException {
    HttpRequest.Builder req =
        request(target.writeUri())
            .header("Content-Encoding", "gzip")
            .header("Content-Type", "text/plain; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofByteArray(gzip(List.of(), false)));
    send(req.build(), "empty write");
  }

  /**
   * Runs an InfluxQL query ({@code /query}) against the v1 database, or on the v2 API the bucket of
   * the same name (InfluxDB 2.x maps each bucket to a v1 database), and returns the raw JSON.
   */
  public String query(String influxql) throws InfluxDbException {
    String db = target.api() == InfluxTarget.Api.V1 ? target.database() : target.bucket();
    URI uri =
        target
            .base()
            .resolve("query?db=" + InfluxTarget.enc(db) + "&q=" + InfluxTarget.enc(influxql));
    return send(request(uri).GET().build(), "query").body();
  }

  /**
   * Why a call failed: the innermost message of the exception's chain, or, as the JDK's HTTP client
   * gives none for these, what its exception class means (it was "(java.net.ConnectException)").
   */
  static String reason(Throwable e) {
    String reason = null;
    boolean unresolved = false;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        reason = t.getMessage() + " (" + t.getClass().getSimpleName() + ")";
      }
      unresolved |= t instanceof java.nio.channels.UnresolvedAddressException;
    }
    if (reason != null) {
      return reason;
    }
    if (unresolved) {
      return "its host name does not resolve";
    }
    if (e instanceof java.net.ConnectException) {
      return "connection refused: nothing accepts connections there";
    }
    return e.getClass().getSimpleName();
  }

  private HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout);
    auth.ifPresent(a -> b.header("Authorization", a.value()));
    return b;
  }

  private HttpResponse<String> send(HttpRequest req, String what) throws InfluxDbException {
    HttpResponse<String> resp;
    try {
      resp = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new InfluxDbException(
          "cannot reach InfluxDB at " + target.url() + ": " + reason(e), 0, true, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InfluxDbException("interrupted while calling InfluxDB", 0, false, e);
    }
    int status = resp.statusCode();
    if (status / 100 == 2) {
      return resp;
    }
    String body = resp.body() == null ? "" : resp.body().strip();
    if (body.length() > MAX_BODY_IN_MESSAGE) {
      body = body.substring(0, MAX_BODY_IN_MESSAGE) + "...";
    }
    boolean retryable = status >= 500 || status == 429 || status == 408;
    String hint =
        status == 401 || status == 403
            ? " (the credentials were refused: check --influxUser and INFLUX_PASSWORD /"
                + " --influxPasswordFile for v1, INFLUX_TOKEN / --influxTokenFile for v2;"
                + " authentication errors are not retried)"
            : "";
    throw new InfluxDbException(
        "InfluxDB "
            + what
            + " at "
            + target.describe()
            + " answered "
            + status
            + ": "
            + body
            + hint,
        status,
        retryable,
        retryAfter(resp).orElse(null),
        null);
  }

  /** {@code Retry-After} as seconds or an HTTP date; absent or unreadable: empty. */
  static Optional<Duration> retryAfter(HttpResponse<?> resp) {
    return resp.headers().firstValue("Retry-After").flatMap(InfluxDbClient::parseRetryAfter);
  }

  static Optional<Duration> parseRetryAfter(String v) {
    String s = v.trim();
    try {
      long seconds = Long.parseLong(s);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(java.time.Instant.now(), at.toInstant());
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (RuntimeException unreadable) {
        return Optional.empty();
      }
    }
  }

  /**
   * One line per point. With {@code escapeNewlines}, a raw newline (which, after {@link
   * InfluxSchema}'s escaping, can only sit inside a quoted string field) is sent as
   * backslash-newline: QuestDB's dialect; InfluxDB keeps raw newlines inside quotes.
   */
  static byte[] gzip(List<String> lines, boolean escapeNewlines) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(lines.size() * 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes, 64 * 1024)) {
      for (String line : lines) {
        String l = escapeNewlines ? line.replace("\n", "\\\n") : line;
        gz.write(l.getBytes(StandardCharsets.UTF_8));
        gz.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public void close() {
    // HttpClient has no close() before Java 21; its threads end with the JVM.
  }
}
