package io.courtside.pipeline.influx;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import io.courtside.pipeline.parse.DeadLetter;
import org.junit.Rule;
import org.junit.Test;

/** The post-point sink against {@link ScriptedInfluxServer}. */
public class WriteToInfluxDbTest {
  @Rule public final ScriptedInfluxServer server = new ScriptedInfluxServer();

  private List<DeadLetter> runWith(List<String> lines, int batchSize) {
    return runWith(InfluxTarget.v1(server.url(), "courtside"), lines, batchSize);
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
    assertEquals(99, new java.util.HashSet<>(server.writtenLines).size());
    assertEquals(1, refused.size());
    assertEquals("m,t=x REJECT=1i 37", new String(refused.get(0).value(), StandardCharsets.UTF_8));
    assertThat(refused.get(0).reason(), containsString("answered 400"));
    assertEquals(WriteToInfluxDb.DEAD_LETTER_TOPIC, refused.get(0).topic());
  }

  @Test
  public void tooManyRequestsIsRetriedAfterRetryAfter() {
    server.statuses.add(429);
    long start = System.nanoTime();
    assertEquals(List.of(), runWith(List.of("m f=1i 1"), 10));
    assertEquals(List.of("m f=1i 1"), new ArrayList<>(server.writtenLines));
    assertEquals(2, server.writeRequests.get());
    assertTrue((System.nanoTime() - start) / 1_000_000 >= 1000);
  }

  @Test
  public void v2WritesToApiV2WithTheTokenFromAFile() throws IOException {
    java.nio.file.Path token = java.nio.file.Files.createTempFile("token", "");
    java.nio.file.Files.writeString(token, "s3cr3t-token\n");
    InfluxTarget v2 =
        new InfluxTarget(
            InfluxTarget.Api.V2, server.url(), null, "my org", "b1", null, null, token.toString(), false);
    runWith(v2, List.of("m f=1i 1"), 10);
    assertEquals(List.of("m f=1i 1"), new ArrayList<>(server.writtenLines));
    assertEquals("/api/v2/write?org=my+org&bucket=b1&precision=ns", server.lastWritePath);
    assertEquals("Token s3cr3t-token", server.lastAuthorization);
    assertEquals("", server.lastQuery); // no CREATE DATABASE on v2
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
    assertEquals(250, server.writtenLines.size());
    assertEquals(new java.util.HashSet<>(lines), new java.util.HashSet<>(server.writtenLines));
    assertThat(server.lastQuery, containsString("CREATE+DATABASE"));
  }

  @Test
  public void serverErrorsAreRetried() {
    server.statuses.addAll(List.of(503, 500));
    runWith(List.of("m f=1i 1"), 10);
    assertEquals(List.of("m f=1i 1"), new ArrayList<>(server.writtenLines));
    assertEquals(3, server.writeRequests.get());
  }

  @Test
  public void unauthorizedIsNotRetried() {
    server.statuses.addAll(List.of(401, 401, 401, 401));
    Exception e = assertThrows(Exception.class, () -> runWith(List.of("m f=1i 1"), 10));
    assertThat(rootMessage(e), containsString("answered 401"));
    assertThat(rootMessage(e), containsString("credentials were refused"));
    assertEquals(1, server.writeRequests.get());
  }

  private static String rootMessage(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append(" | ");
    }
    return all.toString();
  }
}
