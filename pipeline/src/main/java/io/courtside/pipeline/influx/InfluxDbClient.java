package io.courtside.pipeline.influx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * A small client for InfluxDB's v1 HTTP API: {@code POST /write} (line protocol, gzip) and
 * {@code /query} (InfluxQL). Hand-written on the JDK's HttpClient because influxdb-client-java
 * 7.x only posts to {@code /api/v2/write}, which InfluxDB 1.x lacks; every InfluxDB from 1.x to
 * 3.x accepts v1 {@code /write}.
 */
public final class InfluxDbClient implements AutoCloseable {
  private final URI base;
  private final String database;
  private final HttpClient http;
  private final Duration timeout;

  public InfluxDbClient(String baseUrl, String database) {
    this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    this.database = database;
    this.timeout = Duration.ofSeconds(30);
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** {@code CREATE DATABASE} is idempotent in InfluxQL: a no-op when the database exists. */
  public void createDatabase() throws InfluxDbException {
    post("query", "q=" + enc("CREATE DATABASE \"" + database.replace("\"", "\\\"") + "\""), null);
  }

  /** Writes line-protocol points (nanosecond timestamps) in one gzip request. */
  public void write(List<String> lines) throws InfluxDbException {
    if (lines.isEmpty()) {
      return;
    }
    post("write", "db=" + enc(database) + "&precision=ns", gzip(lines));
  }

  /** Runs an InfluxQL query against the database and returns the raw JSON response. */
  public String query(String influxql) throws InfluxDbException {
    URI uri = base.resolve("query?db=" + enc(database) + "&q=" + enc(influxql));
    HttpRequest req = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    return send(req, "query").body();
  }

  private void post(String path, String query, byte[] gzipBody) throws InfluxDbException {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(base.resolve(path + "?" + query)).timeout(timeout);
    if (gzipBody != null) {
      req.header("Content-Encoding", "gzip")
          .header("Content-Type", "text/plain; charset=utf-8")
          .POST(HttpRequest.BodyPublishers.ofByteArray(gzipBody));
    } else {
      req.POST(HttpRequest.BodyPublishers.noBody());
    }
    send(req.build(), path);
  }

  private HttpResponse<String> send(HttpRequest req, String what) throws InfluxDbException {
    HttpResponse<String> resp;
    try {
      resp = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new InfluxDbException(
          "cannot reach InfluxDB at " + base + " (" + e + ")", 0, true, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InfluxDbException("interrupted while calling InfluxDB", 0, false, e);
    }
    int status = resp.statusCode();
    if (status / 100 == 2) {
      return resp;
    }
    String body = resp.body() == null ? "" : resp.body().strip();
    if (body.length() > 500) {
      body = body.substring(0, 500) + "...";
    }
    boolean retryable = status >= 500 || status == 429 || status == 408;
    String hint =
        status == 401 || status == 403
            ? " (check the InfluxDB credentials; authentication errors are not retried)"
            : "";
    throw new InfluxDbException(
        "InfluxDB " + what + " at " + base + " answered " + status + ": " + body + hint,
        status,
        retryable,
        null);
  }

  private static byte[] gzip(List<String> lines) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(lines.size() * 128);
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes, 64 * 1024)) {
      for (String line : lines) {
        gz.write(line.getBytes(StandardCharsets.UTF_8));
        gz.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    // HttpClient has no close() before Java 21; its threads end with the JVM.
  }
}
