package io.courtside.dashboard;

import com.sun.net.httpserver.HttpServer;
import io.courtside.pipeline.influx.InfluxDbClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A JDK HttpServer on 127.0.0.1 standing in for InfluxDB's {@code /query}: answers each query with
 * the result of the first key it contains, and records every query it was sent.
 */
final class FakeInflux implements AutoCloseable {
  final List<String> queries = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  FakeInflux(Map<String, String> resultsByQueryPart) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/query",
        exchange -> {
          String raw = exchange.getRequestURI().getRawQuery();
          String q = "";
          for (String kv : raw.split("&")) {
            if (kv.startsWith("q=")) {
              q = URLDecoder.decode(kv.substring(2), StandardCharsets.UTF_8);
            }
          }
          queries.add(q);
          String result = "{}";
          for (Map.Entry<String, String> e : resultsByQueryPart.entrySet()) {
            if (q.contains(e.getKey())) {
              result = e.getValue();
              break;
            }
          }
          byte[] body = ("{\"results\":[" + result + "]}").getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  InfluxDbClient client() {
    return new InfluxDbClient("http://127.0.0.1:" + server.getAddress().getPort(), "db");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
