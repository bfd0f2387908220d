package io.courtside.ingest.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for the X API v2 filtered stream on 127.0.0.1: the rules endpoint (GET, POST
 * add/delete) and the stream, which answers each connection with the next scripted {@link Conn} and
 * writes chunked newline-delimited JSON with keep-alive "\r\n" lines, as X does.
 */
final class FakeXApi implements AutoCloseable {
  /** One stream connection: an HTTP status, then lines (200 only), then close or hang. */
  record Conn(
      int status, Map<String, String> headers, String body, List<String> lines, boolean hang) {
    static Conn stream(boolean hang, String... lines) {
      return new Conn(200, Map.of(), null, List.of(lines), hang);
    }

    static Conn error(int status, Map<String, String> headers, String body) {
      return new Conn(status, headers, body, List.of(), false);
    }
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();

  final HttpServer server;
  final List<String> rules = Collections.synchronizedList(new ArrayList<>()); // "id\tvalue"
  final List<JsonNode> rulePosts = Collections.synchronizedList(new ArrayList<>());
  final List<String> authHeaders = Collections.synchronizedList(new ArrayList<>());
  final List<String> streamQueries = Collections.synchronizedList(new ArrayList<>());
  final ConcurrentLinkedQueue<Conn> script = new ConcurrentLinkedQueue<>();
  final AtomicInteger streamConnections = new AtomicInteger();
  final AtomicInteger linesSent = new AtomicInteger();
  volatile int rulesStatus = 200;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final AtomicInteger nextRuleId = new AtomicInteger(100);

  FakeXApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(XRules.PATH, this::rules);
    server.createContext(XFilteredStream.STREAM_PATH, this::stream);
    server.start();
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void rules(HttpExchange ex) throws IOException {
    authHeaders.add(ex.getRequestHeaders().getFirst("Authorization"));
    if (rulesStatus != 200) {
      send(
          ex,
          rulesStatus,
          "{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":"
              + rulesStatus
              + ",\"detail\":\"Unauthorized\"}");
      return;
    }
    if (ex.getRequestMethod().equals("GET")) {
      StringBuilder data = new StringBuilder();
      synchronized (rules) {
        for (String r : rules) {
          String[] idValue = r.split("\t", 2);
          data.append(data.length() == 0 ? "" : ",")
              .append("{\"id\":\"")
              .append(idValue[0])
              .append("\",\"value\":")
              .append(MAPPER.writeValueAsString(idValue[1]))
              .append('}');
        }
      }
      send(
          ex,
          200,
          "{"
              + (data.length() == 0 ? "" : "\"data\":[" + data + "],")
              + "\"meta\":{\"sent\":\"2026-05-20T01:00:00.000Z\",\"result_count\":"
              + rules.size()
              + "}}");
      return;
    }
    JsonNode body = MAPPER.readTree(ex.getRequestBody());
    rulePosts.add(body);
    for (JsonNode id : body.path("delete").path("ids")) {
      rules.removeIf(r -> r.startsWith(id.asText() + "\t"));
    }
    for (JsonNode add : body.path("add")) {
      rules.add(nextRuleId.incrementAndGet() + "\t" + add.path("value").asText());
    }
    send(
        ex,
        body.has("add") ? 201 : 200,
        "{\"meta\":{\"sent\":\"2026-05-20T01:00:00.000Z\","
            + "\"summary\":{\"created\":"
            + body.path("add").size()
            + ",\"not_created\":0,\"valid\":"
            + body.path("add").size()
            + ",\"invalid\":0}}}");
  }

  private void stream(HttpExchange ex) throws IOException {
    authHeaders.add(ex.getRequestHeaders().getFirst("Authorization"));
    streamQueries.add(ex.getRequestURI().getRawQuery());
    streamConnections.incrementAndGet();
    Conn conn = script.poll();
    if (conn == null) {
      conn = Conn.stream(true); // script exhausted: an idle, healthy stream
    }
    if (conn.status() != 200) {
      conn.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      send(ex, conn.status(), conn.body());
      return;
    }
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(200, 0); // chunked
    OutputStream out = ex.getResponseBody();
    try {
      for (String line : conn.lines()) {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        if (!line.isEmpty()) {
          linesSent.incrementAndGet();
        }
      }
      if (conn.hang()) {
        closing.await(10, TimeUnit.SECONDS);
      }
    } catch (IOException | InterruptedException e) {
      // the client went away
    } finally {
      ex.close();
    }
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      ex.getResponseBody().write(bytes);
    }
    ex.close();
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
  }
}
