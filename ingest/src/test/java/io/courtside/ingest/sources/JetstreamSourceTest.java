package io.courtside.ingest.sources;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.courtside.ingest.FakeTime;
import io.courtside.ingest.SourceFactoryAccess;
import io.courtside.ingest.StopSignal;
import io.courtside.ingest.StoppingSink;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.enums.Opcode;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

public class JetstreamSourceTest {
  private static final long T0 = 1_747_702_923_000_000L;
  private static final long SECOND_US = 1_000_000L;

  /** A Jetstream stand-in: replays its event log from ?cursor=, and drops the first connection. */
  static final class FakeJetstream extends WebSocketServer {
    final List<String> events = new ArrayList<>();
    final List<Long> times = new ArrayList<>();
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch started = new CountDownLatch(1);
    volatile int dropAfter = Integer.MAX_VALUE;

    /** Sent before the event log on each connection, as fragments of one text message each. */
    final List<List<String>> fragmented = new ArrayList<>();

    FakeJetstream() {
      super(new InetSocketAddress("127.0.0.1", 0));
      setReuseAddr(true);
    }

    void add(long timeUs, String json) {
      times.add(timeUs);
      events.add(json);
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
      String resource = handshake.getResourceDescriptor();
      requests.add(resource);
      long cursor = 0;
      for (String param : URI.create(resource).getQuery().split("&")) {
        if (param.startsWith("cursor=")) {
          cursor = Long.parseLong(param.substring("cursor=".length()));
        }
      }
      for (List<String> fragments : fragmented) {
        for (int i = 0; i < fragments.size(); i++) {
          conn.sendFragmentedFrame(
              Opcode.TEXT,
              ByteBuffer.wrap(fragments.get(i).getBytes(StandardCharsets.UTF_8)),
              i == fragments.size() - 1);
        }
      }
      int sent = 0;
      for (int i = 0; i < events.size(); i++) {
        if (times.get(i) >= cursor) {
          conn.send(events.get(i));
          if (++sent == dropAfter && requests.size() == 1) {
            conn.close(1011, "server restarting"); // a disconnect in the middle
            return;
          }
        }
      }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

    @Override
    public void onMessage(WebSocket conn, String message) {}

    @Override
    public void onError(WebSocket conn, Exception ex) {}

    @Override
    public void onStart() {
      started.countDown();
    }
  }

  private FakeJetstream server;
  private final StopSignal stop = new StopSignal();
  private final FakeTime time = new FakeTime();

  @Before
  public void setUp() throws Exception {
    server = new FakeJetstream();
  }

  @After
  public void tearDown() throws Exception {
    server.stop(1000);
  }

  private static String post(int n, String text, String facetTag) {
    String facets =
        facetTag == null
            ? ""
            : ",\"facets\":[{\"features\":[{\"$type\":"
                + "\"app.bsky.richtext.facet#tag\",\"tag\":\""
                + facetTag
                + "\"}],\"index\":"
                + "{\"byteStart\":0,\"byteEnd\":4}}]";
    return "{\"did\":\"did:plc:user"
        + n
        + "\",\"time_us\":"
        + (T0 + n * SECOND_US)
        + ",\"kind\":\"commit\",\"commit\":{\"rev\":\"r"
        + n
        + "\",\"operation\":\"create\","
        + "\"collection\":\"app.bsky.feed.post\",\"rkey\":\"rk"
        + n
        + "\",\"record\":{\"$type\":"
        + "\"app.bsky.feed.post\",\"createdAt\":\"2026-05-20T01:00:0"
        + (n % 10)
        + ".000Z\","
        + "\"langs\":[\"en\"],\"text\":\""
        + text
        + "\""
        + facets
        + "},\"cid\":\"c"
        + n
        + "\"}}";
  }

  @Test
  public void filtersByTagAndKeywordAndResumesFromTheCursorWithoutGapOrDuplicate()
      throws Exception {
    server.add(T0 + SECOND_US, post(1, "Game 7 tonight", "NBA"));
    server.add(T0 + 2 * SECOND_US, post(2, "The Lakers win it", null));
    server.add(T0 + 3 * SECOND_US, post(3, "Cooking pasta", null));
    server.add(
        T0 + 4 * SECOND_US,
        "{\"did\":\"did:plc:user1\",\"time_us\":"
            + (T0 + 4 * SECOND_US)
            + ",\"kind\":\"commit\",\"commit\":{\"operation\":\"delete\",\"collection\":"
            + "\"app.bsky.feed.post\",\"rkey\":\"rk1\"}}");
    server.add(T0 + 5 * SECOND_US, post(5, "who else watching #nba", null));
    server.add(T0 + 6 * SECOND_US, post(6, "Jokic!", "NBA"));
    server.add(T0 + 7 * SECOND_US, post(7, "LAKERS in 6", null));
    server.add(
        T0 + 8 * SECOND_US,
        "{\"did\":\"did:plc:user8\",\"time_us\":"
            + (T0 + 8 * SECOND_US)
            + ",\"kind\":\"identity\",\"identity\":{\"handle\":\"x.bsky.social\"}}");
    server.add(T0 + 9 * SECOND_US, post(9, "Flakers are not a word", null));
    server.add(T0 + 10 * SECOND_US, post(10, "Final", "NBA"));
    server.dropAfter = 6;
    server.start();
    assertThat(server.started.await(5, TimeUnit.SECONDS), is(true));

    URI url = URI.create("ws://127.0.0.1:" + server.getPort() + "/subscribe");
    JetstreamSource source =
        new JetstreamSource(
            new JetstreamSource.Config(
                url,
                List.of("#NBA", "lakers"),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                1 << 20),
            SourceFactoryAccess.httpClient(),
            new Reconnector.Timing(
                time,
                Clock.systemUTC(),
                () -> 0.0,
                Backoff.Policy.standard(),
                Backoff.Policy.network()));
    StoppingSink sink = new StoppingSink(6, stop);
    source.run(sink, stop);

    assertThat(
        sink.list.ids(),
        contains(
            "bsky:did:plc:user1/rk1",
            "bsky:did:plc:user2/rk2",
            "bsky:did:plc:user5/rk5",
            "bsky:did:plc:user6/rk6",
            "bsky:did:plc:user7/rk7",
            "bsky:did:plc:user10/rk10"));
    assertThat(server.requests.get(0), equalTo("/subscribe?wantedCollections=app.bsky.feed.post"));
    assertThat(server.requests.get(0), not(containsString("compress")));
    // Resumed 2 s before the last event handled (event 6): events 4..6 come again and are skipped.
    assertThat(
        server.requests.get(1),
        equalTo(
            "/subscribe?wantedCollections=app.bsky.feed.post" + "&cursor=" + (T0 + 4 * SECOND_US)));
    assertThat(source.stats().skippedCount(JetstreamSource.DUPLICATE), is(3L));
    assertThat(source.stats().skippedCount(JetstreamSource.NOT_MATCHING), is(2L));
    assertThat(source.stats().skippedCount("Jetstream post delete"), is(1L));
    assertThat(source.stats().skippedCount("Jetstream identity event"), is(1L));
    assertThat(source.stats().reconnectCount(), is(1L));
    assertThat(time.sleeps(), contains(250_000_000L));
    assertThat(source.cursor(), is(T0 + 10 * SECOND_US));
  }

  @Test
  public void aMessageOverTheLimitIsSkippedAndCountedWithoutBeingAssembled() throws Exception {
    // Issue 13 item 10: fragments were appended without limit. 40 fragments of 64 Ki characters,
    // then one unfragmented message over the limit, then a real post.
    String chunk = "x".repeat(64 * 1024);
    server.fragmented.add(Collections.nCopies(40, chunk));
    server.fragmented.add(List.of("{\"text\":\"" + "y".repeat(300_000) + "\"}"));
    server.add(T0 + SECOND_US, post(1, "Game 7 tonight", "NBA"));
    server.start();
    assertThat(server.started.await(5, TimeUnit.SECONDS), is(true));

    URI url = URI.create("ws://127.0.0.1:" + server.getPort() + "/subscribe");
    JetstreamSource source =
        new JetstreamSource(
            new JetstreamSource.Config(
                url, List.of("#NBA"), Duration.ofSeconds(2), Duration.ofSeconds(5), 100_000),
            SourceFactoryAccess.httpClient(),
            new Reconnector.Timing(
                time,
                Clock.systemUTC(),
                () -> 0.0,
                Backoff.Policy.standard(),
                Backoff.Policy.network()));
    StoppingSink sink = new StoppingSink(1, stop);
    source.run(sink, stop);

    assertThat(sink.list.ids(), contains("bsky:did:plc:user1/rk1"));
    assertThat(source.stats().skippedCount(JetstreamSource.OVERSIZE), is(2L));
    assertThat(source.stats().receivedCount(), is(3L));
    assertThat(source.stats().reconnectCount(), is(0L));
  }
}
