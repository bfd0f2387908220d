package io.courtside.pipeline.influx;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

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
import io.courtside.pipeline.parse.DeadLetter;
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
  private volatile String lastAuthorization;
  private volatile String lastWritePath;

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
    com.sun.net.httpserver.HttpHandler write =
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
            byte[] body = ("{\"error\":\"status " + status + "\"}").getBytes(StandardCharsets.UTF_8);
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

  @After
  public void stop() {
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private List<DeadLetter> runWith(List<String> lines, int batchSize) {
    return runWith(InfluxTarget.v1(url(), "courtside"), lines, batchSize);
  }

  private List<DeadLetter> runWith(InfluxTarget target, List<String> lines, int batchSize) {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    p.apply(Create.of(lines))
        .apply(
            WriteToInfluxDb.with(
                new WriteToInfluxDb.Config(
                    target,
                    batchSize,
                    java.time.Duration.ofSeconds(1),
                    RetryPolicy.of(java.time.Duration.ofSeconds(20))),
                new Collect()));
    COLLECTED.clear();
    p.run().waitUntilFinish();
    return new ArrayList<>(COLLECTED);
  }

  private static final ConcurrentLinkedQueue<DeadLetter> COLLECTED = new ConcurrentLinkedQueue<>();

  /** Stands in for the dead-letter topic. */
  static final class Collect implements RefusedPoints {
    @Override
    public void publish(List<DeadLetter> letters) {
      COLLECTED.addAll(letters);
    }
  }

  @Test
  public void aRefusedPointGoesToTheDeadLettersAndTheRestIsWritten() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      lines.add(i == 37 ? "m,t=x REJECT=1i 37" : "m,t=x f=" + i + "i " + i);
    }
    List<DeadLetter> refused = runWith(lines, 100);
    assertEquals(99, new java.util.HashSet<>(writtenLines).size());
    assertEquals(1, refused.size());
    assertEquals("m,t=x REJECT=1i 37", new String(refused.get(0).value(), StandardCharsets.UTF_8));
    assertThat(refused.get(0).reason(), containsString("answered 400"));
    assertEquals(WriteToInfluxDb.DEAD_LETTER_TOPIC, refused.get(0).topic());
  }

  @Test
  public void tooManyRequestsIsRetriedAfterRetryAfter() {
    statuses.add(429);
    long start = System.nanoTime();
    assertEquals(List.of(), runWith(List.of("m f=1i 1"), 10));
    assertEquals(List.of("m f=1i 1"), new ArrayList<>(writtenLines));
    assertEquals(2, writeRequests.get());
    assertTrue((System.nanoTime() - start) / 1_000_000 >= 1000);
  }

  @Test
  public void v2WritesToApiV2WithTheTokenFromAFile() throws IOException {
    java.nio.file.Path token = java.nio.file.Files.createTempFile("token", "");
    java.nio.file.Files.writeString(token, "s3cr3t-token\n");
    InfluxTarget v2 =
        new InfluxTarget(
            InfluxTarget.Api.V2, url(), null, "my org", "b1", null, null, token.toString(), false);
    runWith(v2, List.of("m f=1i 1"), 10);
    assertEquals(List.of("m f=1i 1"), new ArrayList<>(writtenLines));
    assertEquals("/api/v2/write?org=my+org&bucket=b1&precision=ns", lastWritePath);
    assertEquals("Token s3cr3t-token", lastAuthorization);
    assertEquals("", lastQuery); // no CREATE DATABASE on v2
    assertThat(v2.toString(), org.hamcrest.Matchers.not(containsString("s3cr3t")));
    java.nio.file.Files.delete(token);
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
    assertThat(rootMessage(e), containsString("credentials were refused"));
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
