package io.courtside.pipeline.influx;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/** {@link InfluxDbIO}'s builder and plain mode against {@link ScriptedInfluxServer}. */
public class InfluxDbIOTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final ScriptedInfluxServer server = new ScriptedInfluxServer();

  private InfluxDbIO.Write write(InfluxTarget target, int batchSize) {
    return InfluxDbIO.write()
        .withTarget(target)
        .withBatchSize(batchSize)
        .withMaxRetryTime(Duration.ofSeconds(20));
  }

  private PCollection<FailedPoint> run(List<String> lines, int batchSize) {
    return p.apply(Create.of(lines))
        .apply(write(InfluxTarget.v1(server.url(), "courtside"), batchSize))
        .getFailedPoints();
  }

  @Test
  public void aRefusedPointIsAFailedPointWithTheAnswerAndTheRestIsWritten() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      lines.add(i == 37 ? "m,t=x REJECT=1i 37" : "m,t=x f=" + i + "i " + i);
    }
    PAssert.that(run(lines, 100))
        .satisfies(
            failed -> {
              List<FailedPoint> all = new ArrayList<>();
              failed.forEach(all::add);
              assertEquals(1, all.size());
              assertEquals("m,t=x REJECT=1i 37", all.get(0).line());
              assertThat(all.get(0).error(), containsString("answered 400"));
              return null;
            });
    p.run().waitUntilFinish();
    assertEquals(99, new HashSet<>(server.writtenLines).size());
  }

  /**
   * A refusal goes out in its own element's window and timestamp, not in the flushing element's.
   */
  @Test
  public void aFailedPointKeepsTheWindowAndTimestampOfItsElement() {
    Instant t0 = Instant.parse("2026-05-20T01:00:00Z");
    org.joda.time.Duration minute = org.joda.time.Duration.standardMinutes(1);
    TestStream<String> points =
        TestStream.create(StringUtf8Coder.of())
            .addElements(
                TimestampedValue.of("m,t=x f=1i 1", t0.plus(1000)),
                TimestampedValue.of("m,t=x REJECT=1i 2", t0.plus(minute).plus(2000)),
                TimestampedValue.of("m,t=x f=3i 3", t0.plus(minute).plus(3000)))
            .advanceWatermarkToInfinity();
    PCollection<String> refused =
        p.apply(points)
            .apply(Window.into(FixedWindows.of(minute)))
            .apply(write(InfluxTarget.v1(server.url(), "courtside"), 100))
            .getFailedPoints()
            .apply(ParDo.of(new LineAtTime()));
    PAssert.that(refused).inWindow(new IntervalWindow(t0, minute)).empty();
    PAssert.that(refused)
        .inWindow(new IntervalWindow(t0.plus(minute), minute))
        .containsInAnyOrder("m,t=x REJECT=1i 2@" + t0.plus(minute).plus(2000).getMillis());
    p.run().waitUntilFinish();
    assertEquals(List.of("m,t=x f=1i 1", "m,t=x f=3i 3"), sorted(server.writtenLines));
  }

  static final class LineAtTime extends DoFn<FailedPoint, String> {
    @ProcessElement
    public void process(@Element FailedPoint f, @Timestamp Instant t, OutputReceiver<String> out) {
      out.output(f.line() + "@" + t.getMillis());
    }
  }

  private static List<String> sorted(Iterable<String> lines) {
    List<String> l = new ArrayList<>();
    lines.forEach(l::add);
    l.sort(null);
    return l;
  }

  @Test
  public void tooManyRequestsIsRetriedAfterRetryAfter() {
    server.statuses.add(429);
    long start = System.nanoTime();
    PAssert.that(run(List.of("m f=1i 1"), 10)).empty();
    p.run().waitUntilFinish();
    assertEquals(List.of("m f=1i 1"), new ArrayList<>(server.writtenLines));
    assertEquals(2, server.writeRequests.get());
    assertTrue((System.nanoTime() - start) / 1_000_000 >= 1000);
  }

  @Test
  public void v2WritesToApiV2WithTheTokenFromAFile() throws IOException {
    Path token = Files.createTempFile("token", "");
    Files.writeString(token, "s3cr3t-token\n");
    InfluxTarget v2 =
        new InfluxTarget(
            InfluxTarget.Api.V2,
            server.url(),
            null,
            "my org",
            "b1",
            null,
            null,
            token.toString(),
            false);
    p.apply(Create.of(List.of("m f=1i 1"))).apply(write(v2, 10));
    p.run().waitUntilFinish();
    assertEquals(List.of("m f=1i 1"), new ArrayList<>(server.writtenLines));
    assertEquals("/api/v2/write?org=my+org&bucket=b1&precision=ns", server.lastWritePath);
    assertEquals("Token s3cr3t-token", server.lastAuthorization);
    assertEquals("", server.lastQuery); // no CREATE DATABASE on v2
    assertThat(v2.toString(), org.hamcrest.Matchers.not(containsString("s3cr3t")));
    Files.delete(token);
  }

  @Test
  public void writesEveryLineInBatchesAndCreatesTheDatabase() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      lines.add("m,t=x f=" + i + "i " + i);
    }
    PAssert.that(run(lines, 100)).empty();
    p.run().waitUntilFinish();
    assertEquals(250, server.writtenLines.size());
    assertEquals(new HashSet<>(lines), new HashSet<>(server.writtenLines));
    assertThat(server.lastQuery, containsString("CREATE+DATABASE"));
  }

  @Test
  public void serverErrorsAreRetried() {
    server.statuses.addAll(List.of(503, 500));
    PAssert.that(run(List.of("m f=1i 1"), 10)).empty();
    p.run().waitUntilFinish();
    assertEquals(List.of("m f=1i 1"), new ArrayList<>(server.writtenLines));
    assertEquals(3, server.writeRequests.get());
  }

  @Test
  public void unauthorizedIsNotRetried() {
    server.statuses.addAll(List.of(401, 401, 401, 401));
    run(List.of("m f=1i 1"), 10);
    Exception e = assertThrows(Exception.class, () -> p.run().waitUntilFinish());
    assertThat(rootMessage(e), containsString("answered 401"));
    assertThat(rootMessage(e), containsString("credentials were refused"));
    assertEquals(1, server.writeRequests.get());
  }

  @Test
  public void theBuilderIsAnImmutableValueThatChecksItsSettings() {
    InfluxDbIO.Write plain = InfluxDbIO.write();
    InfluxDbIO.Write targeted = plain.withTarget(InfluxTarget.v1(server.url(), "db"));
    assertNull(plain.target());
    assertEquals("db", targeted.target().database());
    assertEquals(Duration.ofMinutes(5), targeted.retryPolicy().maxTotal());
    assertEquals(
        Duration.ofSeconds(3),
        targeted.withMaxRetryTime(Duration.ofSeconds(3)).retryPolicy().maxTotal());
    assertEquals(Duration.ofMinutes(5), targeted.retryPolicy().maxTotal());
    assertThrows(IllegalArgumentException.class, () -> plain.withBatchSize(0));
    assertThrows(IllegalArgumentException.class, () -> plain.withMaxBatchDelay(Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class, () -> plain.withMaxRetryTime(Duration.ofSeconds(-1)));
  }

  @Test
  public void aWriteWithoutTargetOrWithWindowsKeptOutsideLatestPaneWinsIsRefusedAtConstruction() {
    PCollection<String> lines = p.apply(Create.of(List.of("m f=1i 1")));
    assertThrows(IllegalStateException.class, () -> lines.apply("NoTarget", InfluxDbIO.write()));
    InfluxDbIO.Write keeping =
        write(InfluxTarget.v1(server.url(), "db"), 10).keepingWindowsBefore(Instant.EPOCH);
    assertThrows(IllegalStateException.class, () -> lines.apply("Keeping", keeping));
    p.enableAbandonedNodeEnforcement(false);
  }

  private static String rootMessage(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append(" | ");
    }
    return all.toString();
  }
}
