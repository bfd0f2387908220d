package io.courtside.ingest.sources;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import io.courtside.ingest.FakeTime;
import io.courtside.ingest.IngestException;
import io.courtside.ingest.StopSignal;
import io.courtside.ingest.StoppingSink;
import io.courtside.ingest.sources.FakeXApi.Conn;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

public class XFilteredStreamTest {
  static final String TOKEN = "AAAAtest-bearer-SECRET-0123456789";
  private static final Instant NOW = Instant.parse("2026-05-20T01:00:00Z");

  private FakeXApi api;
  private final FakeTime time = new FakeTime();
  private final StopSignal stop = new StopSignal();
  private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
  private PrintStream savedErr;

  @Before
  public void setUp() throws Exception {
    api = new FakeXApi();
    savedErr = System.err;
    System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8)); // slf4j-simple logs here
  }

  @After
  public void tearDown() {
    System.setErr(savedErr);
    api.close();
    // Whatever happened, the token never reached a log line.
    assertThat(logs.toString(StandardCharsets.UTF_8), not(containsString(TOKEN)));
  }

  public static String tweet(int n) {
    return "{\"data\":{\"id\":\"17924123456789012"
        + (10 + n)
        + "\",\"created_at\":\"2026-05-20T01:0"
        + n
        + ":00.000Z\",\"text\":\"post "
        + n
        + " #NBA\",\"lang\":\"en\",\"author_id\":\"7\"},"
        + "\"includes\":{\"users\":[{\"id\":\"7\",\"username\":\"fan7\"}]}}";
  }

  private XFilteredStream source(List<String> rules) {
    Reconnector.Timing timing =
        new Reconnector.Timing(
            time,
            Clock.fixed(NOW, ZoneOffset.UTC),
            () -> 0.0,
            Backoff.Policy.standard(),
            Backoff.Policy.network());
    return new XFilteredStream(
        new XFilteredStream.Config(
            api.base(), rules, Secret.of(TOKEN), Duration.ofSeconds(5), 1 << 20),
        io.courtside.ingest.SourceFactoryAccess.httpClient(),
        timing);
  }

  @Test
  public void rulesAreSyncedMissingAddedStaleDeleted() throws Exception {
    api.rules.add("1\told rule from last week");
    api.rules.add("2\t#NBA lang:en");
    api.script.add(Conn.stream(false, tweet(1)));
    StoppingSink sink = new StoppingSink(1, stop);
    source(List.of("#NBA lang:en", "#Lakers -is:retweet")).run(sink, stop);
    assertThat(api.rulePosts.get(0).toString(), equalTo("{\"delete\":{\"ids\":[\"1\"]}}"));
    assertThat(
        api.rulePosts.get(1).toString(),
        equalTo("{\"add\":[{\"value\":\"#Lakers -is:retweet\",\"tag\":\"courtside\"}]}"));
    assertThat(
        api.rules.stream().map(r -> r.split("\t")[1]).toList(),
        contains("#NBA lang:en", "#Lakers -is:retweet"));
    assertThat(api.authHeaders, everyItem(equalTo("Bearer " + TOKEN)));
    assertThat(api.streamQueries.get(0), containsString("tweet.fields=created_at,lang"));
  }

  @Test
  public void keepAlivesDisconnectsAnd429AreRiddenOutWithoutLosingPosts() throws Exception {
    // 1: keep-alives around two tweets, then the server drops the connection.
    api.script.add(Conn.stream(false, "", tweet(1), "", tweet(2), ""));
    // 2: rate limited until NOW + 90 s.
    api.script.add(
        Conn.error(
            429,
            Map.of("x-rate-limit-reset", Long.toString(NOW.plusSeconds(90).getEpochSecond())),
            "{\"title\":\"Too Many Requests\"}"));
    // 3: a 503 from a bad gateway, then 4: the rest of the posts on a healthy stream.
    api.script.add(Conn.error(503, Map.of(), "<html>bad gateway</html>"));
    api.script.add(Conn.stream(true, tweet(3), "", tweet(4)));
    StoppingSink sink = new StoppingSink(4, stop);
    XFilteredStream x = source(List.of("#NBA"));
    x.run(sink, stop);

    assertThat(
        sink.list.ids(),
        contains(
            "x:1792412345678901211",
            "x:1792412345678901212",
            "x:1792412345678901213",
            "x:1792412345678901214"));
    assertThat(api.linesSent.get(), is(4)); // everything the server sent arrived
    assertThat(sink.list.posts().get(0).author(), equalTo("fan7"));
    assertThat(x.keepAlives() >= 3, is(true));
    // Drop: network backoff from 250 ms. 429: until the reset time + 1 s, no earlier.
    // 503: the standard backoff's first step, 5 s (no jitter with random = 0).
    assertThat(time.sleeps(), contains(250_000_000L, 91_000_000_000L, 5_000_000_000L));
    assertThat(x.stats().reconnectCount(), is(3L));
    assertThat(api.streamConnections.get(), is(4));
  }

  @Test
  public void unauthorizedStopsAtOnceWithAClearMessage() {
    api.rulesStatus = 401;
    XFilteredStream x = source(List.of("#NBA"));
    IngestException e =
        assertThrows(IngestException.class, () -> x.run(new StoppingSink(1, stop), stop));
    assertThat(e.getMessage(), containsString("answered HTTP 401: Unauthorized"));
    assertThat(e.getMessage(), containsString("X_BEARER_TOKEN"));
    assertThat(e.getMessage(), containsString("Not retrying"));
    assertThat(e.getMessage(), not(containsString(TOKEN)));
    assertThat(api.authHeaders.size(), is(1)); // one request: no retry storm
    assertThat(time.sleeps(), empty());
  }

  @Test
  public void forbiddenOnTheStreamStopsToo() {
    api.script.add(
        Conn.error(
            403,
            Map.of(),
            "{\"title\":\"Client Forbidden\",\"detail\":"
                + "\"This app is not attached to a project\"}"));
    IngestException e =
        assertThrows(
            IngestException.class,
            () -> source(List.of("#NBA")).run(new StoppingSink(1, stop), stop));
    assertThat(e.getMessage(), containsString("403: Client Forbidden - This app is not attached"));
    assertThat(api.streamConnections.get(), is(1));
  }

  @Test
  public void aSilentStreamIsPresumedDeadAndReconnected() throws Exception {
    XFilteredStream x =
        new XFilteredStream(
            new XFilteredStream.Config(
                api.base(), List.of("#NBA"), Secret.of(TOKEN), Duration.ofMillis(300), 1 << 20),
            io.courtside.ingest.SourceFactoryAccess.httpClient(),
            new Reconnector.Timing(
                time,
                Clock.systemUTC(),
                () -> 0.0,
                Backoff.Policy.standard(),
                Backoff.Policy.network()));
    api.script.add(Conn.stream(true, tweet(1))); // then silence: no keep-alive
    api.script.add(Conn.stream(true, tweet(2)));
    StoppingSink sink = new StoppingSink(2, stop);
    x.run(sink, stop);
    assertThat(sink.list.ids().size(), is(2));
    assertThat(logs.toString(StandardCharsets.UTF_8), containsString("connection presumed dead"));
  }
}
