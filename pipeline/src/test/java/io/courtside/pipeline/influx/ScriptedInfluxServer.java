package io.courtside.pipeline.influx;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.rules.ExternalResource;

/**
 * A scripted HTTP server on loopback that answers like InfluxDB's write and query endpoints: a
 * stand-in for unit tests of the sink's classes (the end-to-end tests use the real influxd). It
 * answers each write with the next scripted status (204 once the script is used up), each query
 * with the next scripted answer (200 once used up), refuses with 400 any accepted batch that
 * contains {@code REJECT}, and records the lines of accepted writes in arrival order. A JUnit rule:
 * started before each test, stopped after it.
 */
final class ScriptedInfluxServer extends ExternalResource {
  private HttpServer server;
  final ConcurrentLinkedQueue<String> writtenLines = new ConcurrentLinkedQueue<>();
  final AtomicInteger writeRequests = new AtomicInteger();
  final List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
  volatile String lastQuery = "";

  /** Decoded query strings of /query requests, in order. */
  final List<String> queries = Collections.synchronizedList(new ArrayList<>());

  /** The next answers to /query, {status, body}; 200 with no body once used up. */
  final List<String[]> queryAnswers = Collections.synchronizedList(new ArrayList<>());

  volatile String lastAuthorization;
  volatile String lastWritePath;

  @Override
  protected void before() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/query",
        ex -> {
          lastQuery = ex.getRequestURI().getRawQuery();
          queries.add(java.net.URLDecoder.decode(lastQuery, StandardCharsets.UTF_8));
          String[] answer =
              queryAnswers.isEmpty() ? new String[] {"200", ""} : queryAnswers.remove(0);
          byte[] body = answer[1].getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(Integer.parseInt(answer[0]), body.length == 0 ? -1 : body.length);
          if (body.length > 0) {
            ex.getResponseBody().write(body);
          }
          ex.close();
        });
    HttpHandler write =
        ex -> {
          writeRequests.incrementAndGet();
          lastAuthorization = ex.getRequestHeaders().getFirst("Authorization");
          lastWritePath = ex.getRequestURI().toString();
          String text;
          try (InputStream in = new GZIPInputStream(ex.getRequestBody())) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
          int status = statuses.isEmpty() ? 204 : statuses.remove(0);
          if (status == 204 && text.contains("REJECT")) {
            status = 400; // like a field type conflict: the server refuses this batch
          }
          if (status == 204) {
            for (String l : text.split("\n")) {
              writtenLines.add(l);
            }
            ex.sendResponseHeaders(204, -1);
          } else {
            byte[] body =
                ("{\"error\":\"status " + status + "\"}").getBytes(StandardCharsets.UTF_8);
            if (status == 429) {
              ex.getResponseHeaders().add("Retry-After", "1");
            }
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
          }
          ex.close();
        };
    server.createContext("/write", write);
    server.createContext("/api/v2/write", write);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  protected void after() {
    server.stop(0);
  }
}
