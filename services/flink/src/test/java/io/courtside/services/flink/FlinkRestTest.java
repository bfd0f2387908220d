package io.courtside.services.flink;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** FlinkRest against a scripted JobManager REST endpoint (answers shaped as Flink 1.19's). */
public class FlinkRestTest {
  private HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger polls = new AtomicInteger();
  private volatile String savepointResult;
  private volatile String jobDetails;

  @Before
  public void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String path = ex.getRequestURI().toString();
          requests.add(ex.getRequestMethod() + " " + path + (body.isEmpty() ? "" : " " + body));
          if (path.equals("/jobs/overview")) {
            reply(
                ex,
                200,
                "{\"jobs\":[{\"jid\":\"a1\",\"name\":\"courtside-1\",\"state\":\"CANCELED\","
                    + "\"start-time\":1000},{\"jid\":\"b2\",\"name\":\"courtside-1\","
                    + "\"state\":\"RUNNING\",\"start-time\":2000},{\"jid\":\"c3\","
                    + "\"name\":\"other\",\"state\":\"RUNNING\",\"start-time\":3000}]}");
          } else if (path.equals("/jobs/b2/stop")) {
            reply(ex, 202, "{\"request-id\":\"t9\"}");
          } else if (path.equals("/jobs/b2/savepoints/t9")) {
            reply(
                ex,
                200,
                polls.incrementAndGet() < 3
                    ? "{\"status\":{\"id\":\"IN_PROGRESS\"}}"
                    : "{\"status\":{\"id\":\"COMPLETED\"},\"operation\":" + savepointResult + "}");
          } else if (path.equals("/jobs/b2")) {
            reply(ex, 200, jobDetails);
          } else if (path.equals("/jobs/b2?mode=cancel")) {
            reply(ex, 202, "{}");
          } else {
            reply(ex, 404, "{\"errors\":[\"Not found: " + path + "\"]}");
          }
        });
    server.start();
  }

  private static void reply(HttpExchange ex, int status, String json) throws IOException {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
    ex.close();
  }

  @After
  public void stopServer() {
    server.stop(0);
  }

  private FlinkRest rest() {
    return new FlinkRest("127.0.0.1:" + server.getAddress().getPort());
  }

  @Test
  public void theNewestJobOfANameIsFound() throws IOException {
    FlinkRest.Job job = rest().job("courtside-1").orElseThrow();
    assertEquals("b2", job.id());
    assertEquals("RUNNING", job.state());
    assertTrue(rest().job("nope").isEmpty());
  }

  @Test
  public void stopWithSavepointPollsUntilTheSavepointIsWritten() throws Exception {
    savepointResult = "{\"location\":\"file:/s/savepoints/savepoint-b2-1\"}";
    assertEquals(
        "file:/s/savepoints/savepoint-b2-1",
        rest().stopWithSavepoint("b2", null, Duration.ofSeconds(10)));
    assertEquals("POST /jobs/b2/stop {\"drain\":false}", requests.get(0));
    assertEquals(3, polls.get());
  }

  @Test
  public void aFailedSavepointIsAnErrorWithItsCause() {
    savepointResult =
        "{\"failure-cause\":{\"stack-trace\":\"java.io.IOException: disk full\\n\\tat x\"}}";
    FlinkException e =
        assertThrows(
            FlinkException.class,
            () -> rest().stopWithSavepoint("b2", "/elsewhere", Duration.ofSeconds(10)));
    assertEquals("The savepoint of job b2 failed: java.io.IOException: disk full", e.getMessage());
    assertEquals(
        "POST /jobs/b2/stop {\"drain\":false,\"targetDirectory\":\"/elsewhere\"}", requests.get(0));
  }

  @Test
  public void aJobRunsWhenItAndEveryTaskRun() throws IOException {
    jobDetails =
        "{\"state\":\"RUNNING\",\"vertices\":[{\"status\":\"RUNNING\"},"
            + "{\"status\":\"INITIALIZING\"}]}";
    assertFalse("a task still initializes after a failover", rest().allTasksRunning("b2"));
    jobDetails = "{\"state\":\"RESTARTING\",\"vertices\":[{\"status\":\"RUNNING\"}]}";
    assertFalse(rest().allTasksRunning("b2"));
    jobDetails =
        "{\"state\":\"RUNNING\",\"vertices\":[{\"status\":\"RUNNING\"},"
            + "{\"status\":\"RUNNING\"}]}";
    assertTrue(rest().allTasksRunning("b2"));
  }

  @Test
  public void anErrorStatusNamesTheCallAndTheAnswer() {
    IOException e = assertThrows(IOException.class, () -> rest().completedCheckpoints("zz"));
    assertTrue(e.getMessage(), e.getMessage().contains("GET "));
    assertTrue(e.getMessage(), e.getMessage().contains("/jobs/zz/checkpoints: HTTP 404"));
  }
}
