package io.courtside.pipeline.influx;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;

/** Which refusals are the points' fault (bisected, dead-lettered) and which the target's (fail). */
public class BatchWriterTest {
  @Rule public final ScriptedInfluxServer server = new ScriptedInfluxServer();

  private BatchWriter writer() {
    return new BatchWriter(
        new InfluxDbClient(server.url(), "courtside"),
        RetryPolicy.of(Duration.ofSeconds(5)),
        new BatchWriter.Stats() {
          @Override
          public void retried() {}

          @Override
          public void rejectedRequest() {}
        });
  }

  private static List<String> points(int n) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add("m,t=x f=" + i + "i " + i);
    }
    return lines;
  }

  /**
   * A dropped database or missing bucket (404), a wrong endpoint (405) or a redirect (3xx) says the
   * target is wrong, not the points: one request, an error naming the status, no dead letter.
   */
  @Test
  public void aWrongTargetFailsTheWriteInsteadOfDeadLetteringGoodPoints() {
    for (int status : new int[] {404, 405, 301, 307}) {
      server.statuses.add(status);
      int before = server.writeRequests.get();
      IOException e = assertThrows(IOException.class, () -> writer().write(points(64)));
      assertTrue(e.getMessage(), e.getMessage().contains("answered " + status));
      assertTrue(e.getMessage(), e.getMessage().contains("not dead-lettered"));
      assertEquals("requests for status " + status, 1, server.writeRequests.get() - before);
      assertTrue(server.writtenLines.isEmpty());
    }
  }

  @Test
  public void refusedPointsAreStillIsolatedAndTheRestWritten() throws Exception {
    List<String> lines = points(64);
    lines.set(17, "m,t=x REJECT=1i 17");
    List<BatchWriter.Rejected> rejected = writer().write(lines);
    assertEquals(1, rejected.size());
    assertEquals(lines.get(17), rejected.get(0).line());
    assertEquals(17, rejected.get(0).index());
    assertEquals(63, server.writtenLines.size());
  }

  @Test
  public void eachRefusalComesBackAtItsPlaceEvenWhenTwoLinesAreEqual() throws Exception {
    List<String> lines = points(64);
    for (int i : new int[] {0, 31, 32, 63}) {
      lines.set(i, "m,t=x REJECT=1i 5");
    }
    List<BatchWriter.Rejected> rejected = writer().write(lines);
    assertEquals(
        List.of(0, 31, 32, 63), rejected.stream().map(BatchWriter.Rejected::index).toList());
    for (BatchWriter.Rejected r : rejected) {
      assertEquals(lines.get(r.index()), r.line());
    }
    assertEquals(60, server.writtenLines.size());
  }
}
