package io.courtside.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.courtside.model.Post;
import io.courtside.model.PostJson;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.pipeline.influx.InfluxSchema;
import io.courtside.pipeline.score.ScoredPost;
import io.courtside.sentiment.SentimentScores;
import io.courtside.sentiment.Vader;
import io.courtside.sentiment.VaderConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The ceiling's points are the drain's, batched and compressed as the baseline writes them; its
 * writer threads send every batch once and it ends when the count covers the backlog.
 */
public class CeilingTest {
  private static final Instant BUILT = Instant.parse("2026-11-30T12:00:00Z");

  /**
   * A stand-in for influxd: stores written lines, answers CREATE DATABASE, the post count and its
   * write counters.
   */
  private HttpServer server;

  private final List<String> stored = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong failWritesWith = new AtomicLong();
  private final AtomicLong writeRequests = new AtomicLong();

  @Before
  public void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    server.createContext(
        "/write",
        ex -> {
          writeRequests.incrementAndGet();
          String text;
          try (InputStream in = new GZIPInputStream(ex.getRequestBody())) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
          int status = (int) failWritesWith.get();
          if (status == 0) {
            stored.addAll(Arrays.asList(text.split("\n")));
            ex.sendResponseHeaders(204, -1);
          } else {
            byte[] body = "{\"error\":\"no\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
          }
          ex.close();
        });
    server.createContext(
        "/query",
        ex -> {
          String json =
              java.net.URLDecoder.decode(ex.getRequestURI().getRawQuery(), StandardCharsets.UTF_8)
                      .contains("SHOW STATS")
                  ? "{\"results\":[{\"series\":[{\"name\":\"httpd\",\"columns\":[\"pointsWrittenOK\","
                      + "\"writeReq\",\"writeReqDurationNs\"],\"values\":[["
                      + stored.size()
                      + ","
                      + writeRequests.get()
                      + ",1000]]}]}]}"
                  : "{\"results\":[{\"series\":[{\"values\":[[\"1970-01-01T00:00:00Z\","
                      + stored.size()
                      + "]]}]}]}";
          byte[] body = json.getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
  }

  @After
  public void stopServer() {
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static List<String> gunzipLines(byte[] body) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertTrue("a body ends with a newline", text.endsWith("\n"));
      return Arrays.asList(text.substring(0, text.length() - 1).split("\n", -1));
    }
  }

  /** What the baseline writes for each backlog post, built here the baseline's way. */
  private static List<String> baselineLines(int n, Instant builtAt) {
    Vader vader = VaderConfig.defaults().toVader();
    List<String> lines = new ArrayList<>();
    Posts.backlogPosts(
        n,
        Posts.BACKLOG_SEED,
        p -> {
          try {
            Post post = PostJson.parse(PostJson.toBytes(p));
            SentimentScores s = vader.polarityScores(post.text());
            lines.add(
                InfluxSchema.postLine(
                    new ScoredPost(post, s.compound(), s.neg(), s.neu(), s.pos()), builtAt));
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
    return lines;
  }

  @Test
  public void theBacklogIsCutIntoBatchesOfFiveThousandThatDecompressToExactlyItsLines()
      throws IOException {
    int n = 12_345;
    Ceiling.Batches b =
        Ceiling.encode(n, Posts.BACKLOG_SEED, BUILT, new InfluxDbClient(url(), "unused"));

    assertEquals((n + BaselineMain.BATCH_SIZE - 1) / BaselineMain.BATCH_SIZE, b.batches().size());
    assertEquals(n, b.points());
    List<String> all = new ArrayList<>();
    for (int i = 0; i < b.batches().size(); i++) {
      Ceiling.Batch batch = b.batches().get(i);
      int expected =
          i < b.batches().size() - 1 ? BaselineMain.BATCH_SIZE : n % BaselineMain.BATCH_SIZE;
      List<String> lines = gunzipLines(batch.body());
      assertEquals("batch " + i, expected, batch.points());
      assertEquals("batch " + i, expected, lines.size());
      all.addAll(lines);
    }
    assertEquals(baselineLines(n, BUILT), all);
    long bytes = all.stream().mapToLong(l -> l.getBytes(StandardCharsets.UTF_8).length + 1).sum();
    assertEquals(bytes, b.lineBytes());
    assertTrue(b.gzipBytes() < b.lineBytes());
    assertEquals("one point per post", n, all.stream().distinct().count());
  }

  @Test
  public void theSameBacklogGivesTheSameBodies() {
    InfluxDbClient c = new InfluxDbClient(url(), "unused");
    Ceiling.Batches a = Ceiling.encode(700, Posts.BACKLOG_SEED, BUILT, c);
    Ceiling.Batches b = Ceiling.encode(700, Posts.BACKLOG_SEED, BUILT, c);
    assertEquals(1, a.batches().size());
    assertTrue(Arrays.equals(a.batches().get(0).body(), b.batches().get(0).body()));
    Ceiling.Batches other = Ceiling.encode(700, Posts.BACKLOG_SEED + 1, BUILT, c);
    assertTrue(!Arrays.equals(a.batches().get(0).body(), other.batches().get(0).body()));
  }

  /** Small fake batches: the run writes each exactly once, from both threads' clients. */
  private Ceiling.Batches fakeBatches(int batches, int perBatch) {
    InfluxDbClient c = new InfluxDbClient(url(), "unused");
    List<Ceiling.Batch> out = new ArrayList<>();
    for (int b = 0; b < batches; b++) {
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < perBatch; i++) {
        lines.add("post_sentiment,shard=000 compound=0.5 " + (b * perBatch + i));
      }
      out.add(new Ceiling.Batch(c.gzipBody(lines), lines.size()));
    }
    return new Ceiling.Batches(out, 0);
  }

  @Test
  public void twoThreadsWriteEveryBatchOnceAndTheRunEndsWhenTheCountCoversTheBacklog()
      throws Exception {
    Ceiling.Batches b = fakeBatches(40, 50);
    Drain.Result r =
        Ceiling.run(b, url(), "ceiling_test", 2, Duration.ofSeconds(30), Ceiling.label(2));

    assertTrue(r.complete());
    assertEquals(2000, r.posts());
    assertEquals(RunnerKind.CEILING, r.kind());
    assertEquals("influxd ceiling, 2 client threads", r.label());
    assertEquals(2000, stored.size());
    assertEquals(2000, stored.stream().distinct().count());
    assertEquals("one request per batch, as influxd counted them", 40, r.writes().requests());
    assertEquals(2000, r.writes().points());
    assertEquals(50.0, r.writes().pointsPerRequest(), 0);
    assertTrue(r.wallSeconds() > 0);
    assertTrue(Double.isFinite(r.wallRate()));
  }

  @Test
  public void aRefusedWriteFailsTheRunInsteadOfWaitingForTheTimeout() throws Exception {
    failWritesWith.set(500);
    long t0 = System.nanoTime();
    Drain.Result r =
        Ceiling.run(
            fakeBatches(3, 10), url(), "ceiling_test", 1, Duration.ofSeconds(60), Ceiling.label(1));
    assertTrue(r.failed());
    assertFalse(r.complete());
    assertTrue(r.failure(), r.failure().contains("a write failed"));
    assertTrue(r.failure(), r.failure().contains("answered 500"));
    assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(30).toNanos());
  }
}
