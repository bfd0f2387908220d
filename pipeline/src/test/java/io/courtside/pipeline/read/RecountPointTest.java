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
  private volatile String answer;
  private volatile String query;

  @Before
  public void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/query",
        ex -> {
          query = URLDecoder.decode(ex.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
          byte[] body = answer.getBytes(StandardCharsets.UTF_8);
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
    InfluxDbClient client =
        new InfluxDbClient("http://127.0.0.1:" + server.getAddress().getPort(), "courtside");
    return RecountPoint.of(client, "twitterdata", Duration.ofMinutes(5), Duration.ofMinutes(2));
  }

  @Test
  public void theNewestClosedWindowMinusTheLatenessAndTheMargin() throws Exception {
    answer =
        "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"polarity_window\","
            + "\"columns\":[\"time\",\"last\"],\"values\":[[\"2026-05-20T01:30:00Z\",42]]}]}]}";
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
}
