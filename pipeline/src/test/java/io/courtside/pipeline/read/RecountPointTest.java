package io.courtside.pipeline.read;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.courtside.pipeline.influx.InfluxDbClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The recount point from InfluxDB's answer, against a one-answer HTTP server on loopback. */
public class RecountPointTest {
  private HttpServer server;

  /** The answer to the newest-closed-window query, and to the earliest-record query. */
  private volatile String answer;

  private volatile String earliestAnswer = "{\"results\":[{\"statement_id\":0}]}";
  private volatile String query;
  private volatile String earliestQuery;

  @Before
  public void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/query",
        ex -> {
          String q = URLDecoder.decode(ex.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
          boolean earliest = q.contains("min(\"earliest_record_ms\")");
          if (earliest) {
            earliestQuery = q;
          } else {
            query = q;
          }
          byte[] body = (earliest ? earliestAnswer : answer).getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
  }

  @After
  public void stop() {
    server.stop(0);
  }

  private Optional<Instant> recountPoint() throws Exception {
    return find().map(RecountPoint::from);
  }

  private Optional<RecountPoint> find() throws Exception {
    InfluxDbClient client =
        new InfluxDbClient("http://127.0.0.1:" + server.getAddress().getPort(), "courtside");
    return RecountPoint.find(client, "twitterdata", Duration.ofMinutes(5), Duration.ofMinutes(2));
  }

  private static String newestClosed(String windowStart) {
    return "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"polarity_window\","
        + "\"columns\":[\"time\",\"last\"],\"values\":[[\""
        + windowStart
        + "\",42]]}]}]}";
  }

  private static String minAnswer(long millis) {
    return "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"polarity_window\","
        + "\"columns\":[\"time\",\"min\"],\"values\":[[\"1970-01-01T00:00:00Z\","
        + millis
        + "]]}]}]}";
  }

  @Test
  public void theNewestClosedWindowMinusTheLatenessAndTheMargin() throws Exception {
    answer = newestClosed("2026-05-20T01:30:00Z");
    assertEquals(Optional.of(Instant.parse("2026-05-20T01:23:00Z")), recountPoint());
    assertTrue(
        query, query.contains("\"topic\" = 'twitterdata'") && query.contains("\"closed\" = true"));
  }

  @Test
  public void aClosedWindowAheadOfTheClockIsNotBelieved() throws Exception {
    // A database written before createdAt was held to the clock may hold a window of year 2200;
    // believed, it would put the recount point there and stop every rewind.
    answer = "{\"results\":[{\"statement_id\":0}]}";
    recountPoint();
    assertTrue(query, query.contains("time <= now() + 60m"));
  }

  @Test
  public void noClosedWindowOrNoDatabaseMeansEveryWindowIsRecounted() throws Exception {
    answer = "{\"results\":[{\"statement_id\":0}]}";
    assertEquals(Optional.empty(), recountPoint());
    answer = "{\"results\":[{\"statement_id\":0,\"error\":\"database not found: courtside\"}]}";
    assertEquals(Optional.empty(), recountPoint());
  }

  @Test
  public void anyOtherErrorStopsTheStartWithTheServersWords() {
    answer =
        "{\"results\":[{\"statement_id\":0,\"error\":\"invalid operation: time and *influxql.VarRef are not compatible\"}]}";
    IllegalStateException e = assertThrows(IllegalStateException.class, this::recountPoint);
    assertTrue(e.getMessage(), e.getMessage().contains("not compatible"));
  }

  @Test
  public void theRewindGoesOneMarginFurtherWhenNoRecountedWindowHoldsAnEarlierRecord()
      throws Exception {
    answer = newestClosed("2026-05-20T01:30:00Z");
    // Recounted windows from 01:23 on; their earliest record is stamped 01:22:30, within the
    // margin.
    earliestAnswer = minAnswer(Instant.parse("2026-05-20T01:22:30Z").toEpochMilli());
    assertEquals(
        new RecountPoint(
            Instant.parse("2026-05-20T01:23:00Z"), Instant.parse("2026-05-20T01:21:00Z")),
        find().get());
    assertTrue(
        earliestQuery,
        earliestQuery.contains("\"topic\" = 'twitterdata'")
            && earliestQuery.contains("time >= '2026-05-20T01:23:00Z'"));
  }

  @Test
  public void theRewindReachesTheEarliestRecordOfARecountedWindow() throws Exception {
    // A post created in a recounted window, its record stamped 40 minutes before (a fast clock):
    // a rewind of one margin would not read it again, and its window would be recounted without it.
    answer = newestClosed("2026-05-20T01:30:00Z");
    earliestAnswer = minAnswer(Instant.parse("2026-05-20T00:43:00Z").toEpochMilli());
    assertEquals(
        new RecountPoint(
            Instant.parse("2026-05-20T01:23:00Z"), Instant.parse("2026-05-20T00:43:00Z")),
        find().get());
    // Windows written before the field existed have none: one margin, as before.
    earliestAnswer = "{\"results\":[{\"statement_id\":0}]}";
    assertEquals(Instant.parse("2026-05-20T01:21:00Z"), find().get().rewindTo());
  }

  @Test
  public void aGivenRecountPointRewindsToTheEarliestRecordOfItsWindowsToo() throws Exception {
    // --recountFrom: no newest closed window is asked for, the rewind is found as for a found one.
    InfluxDbClient client =
        new InfluxDbClient("http://127.0.0.1:" + server.getAddress().getPort(), "courtside");
    earliestAnswer = minAnswer(Instant.parse("2026-05-20T00:43:00Z").toEpochMilli());
    assertEquals(
        new RecountPoint(
            Instant.parse("2026-05-20T01:00:00Z"), Instant.parse("2026-05-20T00:43:00Z")),
        RecountPoint.at(
            client, "twitterdata", Instant.parse("2026-05-20T01:00:00Z"), Duration.ofMinutes(2)));
    assertEquals(null, query);
    assertTrue(earliestQuery, earliestQuery.contains("time >= '2026-05-20T01:00:00Z'"));
  }
}
