package io.courtside.pipeline.influx;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
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
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.joda.time.Duration;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The sink against a scripted HTTP server on loopback (a stand-in for InfluxDB in this unit test
 * of one class; the end-to-end tests use the real influxd).
 */
public class WriteToInfluxDbTest {
  private HttpServer server;
  private final ConcurrentLinkedQueue<String> writtenLines = new ConcurrentLinkedQueue<>();
  private final AtomicInteger writeRequests = new AtomicInteger();
  private volatile List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
  private volatile String lastQuery = "";

  @Before
  public void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/query",
        ex -> {
          lastQuery = ex.getRequestURI().getRawQuery();
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    server.createContext(
        "/write",
        ex -> {
          writeRequests.incrementAndGet();
          int status = statuses.isEmpty() ? 204 : statuses.remove(0);
          if (status == 204) {
            try (InputStream in = new GZIPInputStream(ex.getRequestBody())) {
              for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                writtenLines.add(l);
              }
            }
            ex.sendResponseHeaders(204, -1);
          } else {
            byte[] body = ("{\"error\":\"status " + status + "\"}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
          }
          ex.close();
        });
    server.start();
  }

  @After
  public void stop() {
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void runWith(List<String> lines, int batchSize) {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    p.apply(Create.of(lines))
        .apply(
            WriteToInfluxDb.with(
                new WriteToInfluxDb.Config(url(), "courtside", batchSize, Duration.standardSeconds(20))));
    p.run().waitUntilFinish();
  }

  @Test
  public void writesEveryLineInBatchesAndCreatesTheDatabase() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      lines.add("m,t=x f=" + i + "i " + i);
    }
    runWith(lines, 100);
    assertEquals(250, writtenLines.size());
    assertEquals(new java.util.HashSet<>(lines), new java.util.HashSet<>(writtenLines));
    assertThat(lastQuery, containsString("CREATE+DATABASE"));
  }

  @Test
  public void serverErrorsAreRetried() {
    statuses.addAll(List.of(503, 500));
    runWith(List.of("m f=1i 1"), 10);
    assertEquals(List.of("m f=1i 1"), new ArrayList<>(writtenLines));
    assertEquals(3, writeRequests.get());
  }

  @Test
  public void unauthorizedIsNotRetried() {
    statuses.addAll(List.of(401, 401, 401, 401));
    Exception e = assertThrows(Exception.class, () -> runWith(List.of("m f=1i 1"), 10));
    assertThat(rootMessage(e), containsString("answered 401"));
    assertEquals(1, writeRequests.get());
  }

  private static String rootMessage(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append(" | ");
    }
    return all.toString();
  }
}
