package io.courtside.pipeline.influx;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.Rule;
import org.junit.Test;

/** A body compressed ahead ({@code gzipBody}) and sent later is the write {@code write} makes. */
public class GzippedWriteTest {
  @Rule public final ScriptedInfluxServer server = new ScriptedInfluxServer();

  private static final List<String> LINES =
      List.of(
          "post_sentiment,shard=0a1 text=\"two\nlines\",compound=0.5 1",
          "post_sentiment,shard=fff text=\"é ✓\",compound=-0.25 2");

  @Test
  public void aPreCompressedBodyStoresTheSameLinesAsWrite() throws Exception {
    InfluxDbClient client = new InfluxDbClient(server.url(), "courtside");
    client.write(LINES);
    List<String> viaWrite = new ArrayList<>(server.writtenLines);
    server.writtenLines.clear();

    client.writeGzipped(client.gzipBody(LINES), LINES.size());

    assertEquals(viaWrite, new ArrayList<>(server.writtenLines));
    assertEquals(2, server.writeRequests.get());
  }

  @Test
  public void theBodyIsTheLinesOnePerLineGzipped() throws IOException {
    byte[] body = new InfluxDbClient(server.url(), "courtside").gzipBody(LINES);
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
      assertEquals(
          String.join("\n", LINES) + "\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  public void theBodyEscapesNewlinesWhenTheTargetAsksForIt() throws IOException {
    InfluxTarget questDb =
        new InfluxTarget(
            InfluxTarget.Api.V1, server.url(), "courtside", null, null, null, null, null, true);
    byte[] body = new InfluxDbClient(questDb, java.util.Optional.empty()).gzipBody(LINES);
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(LINES.get(0).replace("\n", "\\\n") + "\n" + LINES.get(1) + "\n", text);
    }
  }
}
