package io.courtside.ingest.sources;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.courtside.ingest.FakeTime;
import io.courtside.ingest.IngestException;
import io.courtside.ingest.SourceFactoryAccess;
import io.courtside.ingest.StopSignal;
import io.courtside.ingest.StoppingSink;
import io.courtside.model.Post;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

public class MastodonStreamTest {
  private static final String TOKEN = "mastodon-user-token-SECRET-42";

  private HttpServer server;

  /** Per tag, the SSE bodies of successive connections; a body ending in "HANG" stays open. */
  private final Map<String, Queue<String>> script = new ConcurrentHashMap<>();

  private final List<String> auth = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger updatesSent = new AtomicInteger();
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile int status = 200;
  private final StopSignal stop = new StopSignal();
  private final FakeTime time = new FakeTime();

  @Before
  public void setUp() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(MastodonStream.STREAM_PATH, this::stream);
    server.start();
  }

  @After
  public void tearDown() {
    closing.countDown();
    server.stop(0);
  }

  private void stream(HttpExchange ex) throws IOException {
    auth.add(ex.getRequestHeaders().getFirst("Authorization"));
    if (status != 200) {
      byte[] body = "{\"error\":\"The access token is invalid\"}".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status, body.length);
      ex.getResponseBody().write(body);
      ex.close();
      return;
    }
    String tag = ex.getRequestURI().getQuery().replace("tag=", "");
    String body = script.getOrDefault(tag, new ConcurrentLinkedQueue<>()).poll();
    ex.getResponseHeaders().add("Content-Type", "text/event-stream");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    try {
      boolean hang = body == null || body.endsWith("HANG");
      if (body != null) {
        out.write(body.replace("HANG", "").getBytes(StandardCharsets.UTF_8));
        out.flush();
        updatesSent.addAndGet(body.split("event: update", -1).length - 1);
      }
      if (hang) {
        closing.await(10, TimeUnit.SECONDS);
      }
    } catch (IOException | InterruptedException e) {
      // client gone
    } finally {
      ex.close();
    }
  }

  private static String status(String id, String html) {
    return "{\"id\":\""
        + id
        + "\",\"created_at\":\"2026-05-20T01:02:03.000Z\",\"language\":\"en\","
        + "\"spoiler_text\":\"\",\"content\":\""
        + html
        + "\",\"reblog\":null,"
        + "\"account\":{\"id\":\"1\",\"acct\":\"fan@hoops.social\"},\"tags\":[{\"name\":\"nba\"}]}";
  }

  private static String update(String id, String html) {
    return "event: update\ndata: " + status(id, html) + "\n\n";
  }

  private MastodonStream source(List<String> tags) {
    URI instance = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    return new MastodonStream(
        new MastodonStream.Config(instance, tags, Secret.of(TOKEN), Duration.ofSeconds(5), 1 << 20),
        SourceFactoryAccess.httpClient(),
        new Reconnector.Timing(
            time,
            Clock.systemUTC(),
            () -> 0.0,
            Backoff.Policy.standard(),
            Backoff.Policy.network()));
  }

  @Test
  public void updatesBecomePostsDeletesAndHeartbeatsAreIgnoredAndADropIsRiddenOut()
      throws Exception {
    script.put(
        "nba",
        new ConcurrentLinkedQueue<>(
            List.of(
                ":thump\n\n"
                    + update(
                        "101",
                        "<p>Go <a href=\\\"x\\\" class=\\\"mention hashtag\\\">#<span>NBA"
                            + "</span></a> &amp; more</p>")
                    + "event: delete\ndata: 99\n\n"
                    + ":thump\n\n"
                    + update("102", "<p>second</p>"),
                update("103", "<p>after the reconnect</p>")
                    + ":thump\n\n"
                    + update("104", "<p>four</p>")
                    + "HANG")));
    script.put(
        "lakers",
        new ConcurrentLinkedQueue<>(
            List.of(update("102", "<p>second</p>") + update("105", "<p>#Lakers</p>") + "HANG")));
    StoppingSink sink = new StoppingSink(5, stop);
    MastodonStream source = source(List.of("nba", "lakers"));
    source.run(sink, stop);

    List<Post> posts = sink.list.posts();
    assertThat(
        sink.list.ids(),
        containsInAnyOrder(
            "mastodon:127.0.0.1/101",
            "mastodon:127.0.0.1/102",
            "mastodon:127.0.0.1/103",
            "mastodon:127.0.0.1/104",
            "mastodon:127.0.0.1/105"));
    Post first = posts.stream().filter(p -> p.id().endsWith("/101")).findFirst().orElseThrow();
    assertThat(first.text(), equalTo("Go #NBA & more"));
    assertThat(first.hashtags().get(0), equalTo("NBA"));
    assertThat(first.author(), equalTo("fan@hoops.social"));
    assertThat(first.source(), equalTo("mastodon"));
    assertThat(updatesSent.get(), is(6)); // 6 updates sent, 5 distinct posts, nothing lost
    assertThat(source.stats().skippedCount("Mastodon delete"), is(1L));
    assertThat(source.stats().skippedCount("already produced from another tag stream"), is(1L));
    assertThat(source.heartbeats() >= 2, is(true));
    assertThat(source.stats().reconnectCount(), is(1L));
    assertThat(time.sleeps(), containsInAnyOrder(250_000_000L));
    assertThat(auth, everyItem(equalTo("Bearer " + TOKEN)));
  }

  @Test
  public void anInvalidTokenStopsEveryStreamWithAClearMessage() {
    status = 401;
    IngestException e =
        assertThrows(
            IngestException.class,
            () -> source(List.of("nba")).run(new StoppingSink(1, stop), stop));
    assertThat(e.getMessage(), containsString("HTTP 401: The access token is invalid"));
    assertThat(e.getMessage(), containsString("MASTODON_ACCESS_TOKEN"));
    assertThat(auth.size(), is(1));
  }
}
