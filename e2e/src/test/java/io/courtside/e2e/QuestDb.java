package io.courtside.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.services.stack.FreePorts;
import io.courtside.services.stack.ManagedProcess;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * QuestDB (Maven Central {@code org.questdb:questdb}) in its own JVM on free loopback ports, with
 * the PostgreSQL wire, TCP/UDP line protocol and telemetry off: a real server that accepts
 * InfluxDB's {@code /api/v2/write}. Read back with its SQL endpoint {@code /exec}. Stopped by PID.
 */
final class QuestDb implements AutoCloseable {
  // QuestDB's /exec writes control characters such as NUL into JSON strings unescaped.
  private static final ObjectMapper MAPPER =
      com.fasterxml.jackson.databind.json.JsonMapper.builder()
          .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
          .build();
  private final ManagedProcess process;
  private final int httpPort;
  private final HttpClient http = HttpClient.newHttpClient();

  private QuestDb(ManagedProcess process, int httpPort) {
    this.process = process;
    this.httpPort = httpPort;
  }

  static QuestDb start(Path dir) throws Exception {
    Path jar = Path.of(System.getProperty("questdb.jar", "e2e/target/questdb/questdb.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no QuestDB jar at " + jar + " (the e2e pom copies it)");
    }
    int httpPort = FreePorts.pick();
    int minPort = FreePorts.pick();
    Files.createDirectories(dir.resolve("conf"));
    Files.writeString(
        dir.resolve("conf").resolve("server.conf"),
        String.join(
            "\n",
            "http.net.bind.to=127.0.0.1:" + httpPort,
            "http.min.net.bind.to=127.0.0.1:" + minPort,
            "pg.enabled=false",
            "line.tcp.enabled=false",
            "line.udp.enabled=false",
            "telemetry.enabled=false",
            ""));
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-p",
            jar.toString(),
            "-m",
            "io.questdb/io.questdb.ServerMain",
            "-d",
            dir.toString());
    ManagedProcess p = ManagedProcess.start("questdb", cmd, dir.resolve("questdb.log"), false);
    QuestDb q = new QuestDb(p, httpPort);
    try {
      q.awaitReady(Duration.ofSeconds(60));
      return q;
    } catch (Exception e) {
      q.close();
      throw e;
    }
  }

  String url() {
    return "http://127.0.0.1:" + httpPort;
  }

  long pid() {
    return process.pid();
  }

  /** Rows of a SQL query as JSON objects (column name -> value). */
  List<JsonNode> rows(String sql) throws Exception {
    URI uri = URI.create(url() + "/exec?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8));
    HttpResponse<String> r =
        http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    JsonNode root = MAPPER.readTree(r.body());
    if (r.statusCode() != 200 || root.has("error")) {
      throw new IOException("QuestDB " + sql + ": " + r.statusCode() + " " + r.body());
    }
    List<JsonNode> out = new java.util.ArrayList<>();
    JsonNode columns = root.get("columns");
    for (JsonNode values : root.get("dataset")) {
      var row = MAPPER.createObjectNode();
      for (int i = 0; i < columns.size(); i++) {
        row.set(columns.get(i).get("name").asText(), values.get(i));
      }
      out.add(row);
    }
    return out;
  }

  private void awaitReady(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("QuestDB exited:\n" + process.logTail(30));
      }
      try {
        rows("select 1");
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException(
        "QuestDB not ready in " + timeout + ":\n" + process.logTail(30));
  }

  @Override
  public void close() {
    process.stop(Duration.ofSeconds(20));
  }
}
