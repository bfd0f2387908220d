package io.courtside.ingest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.sun.net.httpserver.HttpServer;
import io.courtside.model.Post;
import io.courtside.model.PostJson;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Whole runs of {@code ingest} into kafka-clients' MockProducer: flags to Kafka records. */
public class IngestEndToEndTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private final MockProducer<byte[], byte[]> kafka =
      new MockProducer<>(true, new ByteArraySerializer(), new ByteArraySerializer());
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    CommandLine cmd =
        new CommandLine(
            new IngestCommand((k, extra, props) -> new PostProducer(kafka, k.topic), env));
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  private List<String> keys() {
    List<String> keys = new ArrayList<>();
    for (ProducerRecord<byte[], byte[]> r : kafka.history()) {
      keys.add(new String(r.key(), StandardCharsets.UTF_8));
    }
    return keys;
  }

  @Test
  public void aReplayMixingAllFiveFormatsAndGarbageProducesTheRightPostsAndSaysWhatItSkipped()
      throws Exception {
    Path file = tmp.getRoot().toPath().resolve("mixed.jsonl");
    try (InputStream in = getClass().getResourceAsStream("/formats/mixed.jsonl")) {
      Files.copy(in, file);
    }
    assertThat(run(Map.of(), "--source=replay", "--file=" + file), is(0));
    assertThat(
        keys(),
        contains(
            "syn-1", // Courtside JSONL
            "x:1792412345678901248", // X v2 stream line
            "x:1792412345678901249", // bare X v2 tweet
            "x:1050118621198921728", // X v1.1 via twitter4j
            "bsky:did:plc:eygmaihciaxprqvxpfvl6flk/3lpcqzbyr4k2e", // Jetstream event
            "mastodon:mastodon.social/114540123456789012", // Mastodon status
            "line-7",
            "line-9",
            "line-13",
            "line-14")); // garbage, raw for the DLQ
    for (ProducerRecord<byte[], byte[]> r : kafka.history().subList(0, 6)) {
      Post p = PostJson.parse(r.value()); // Courtside's format on the topic
      assertThat(new String(r.key(), StandardCharsets.UTF_8), equalTo(p.id()));
    }
    String summary = out.toString();
    assertThat(summary, containsString("ingest done: received 14, posts 6, skipped 8 ("));
    assertThat(summary, containsString("not JSON (sent raw): 1"));
    assertThat(summary, containsString("unknown format (sent raw): 1"));
    assertThat(summary, containsString("not a JSON object (sent raw): 1"));
    assertThat(summary, containsString("invalid Courtside post (sent raw): 1"));
    assertThat(summary, containsString("blank line: 1"));
    assertThat(summary, containsString("Jetstream post delete: 1"));
    assertThat(summary, containsString("X v1.1 delete notice: 1"));
    assertThat(summary, containsString("Mastodon boost: 1"));
  }

  @Test
  public void xRunsEndToEndAndTheTokenAppearsNowhere() throws Exception {
    String token = "AAAA-e2e-SECRET-bearer-token";
    List<String> auth = new ArrayList<>();
    assertThat(runX(auth, Map.of("X_BEARER_TOKEN", token)), is(0));
    assertThat(keys(), contains("x:1792412345678901211", "x:1792412345678901212"));
    assertThat(PostJson.parse(kafka.history().get(0).value()).source(), equalTo("x"));
    assertThat(out.toString(), containsString("ingest done: received 2, posts 2"));
    assertThat(auth, everyItem(equalTo("Bearer " + token)));
    assertNowhere(token);
  }

  @Test
  public void aTokenWithATrailingNewlineFromTheEnvironmentIsSentWithoutIt() throws Exception {
    String token = "AAAA-env-SECRET-newline";
    List<String> auth = new ArrayList<>();
    assertThat(runX(auth, Map.of("X_BEARER_TOKEN", token + "\n")), is(0));
    assertThat(auth, everyItem(equalTo("Bearer " + token)));
    assertThat(auth.isEmpty(), is(false));
    assertNowhere(token);
  }

  @Test
  public void aTokenFileWithAUtf8BomAndCrlfIsCleanedAndTheTokenAppearsNowhere() throws Exception {
    String token = "AAAA-bom-SECRET-file";
    Path f = tmp.newFile("bom-token").toPath();
    Files.write(f, ("\uFEFF" + token + "\r\n").getBytes(StandardCharsets.UTF_8));
    List<String> auth = new ArrayList<>();
    assertThat(err.toString(), runX(auth, Map.of(), "--bearerTokenFile=" + f), is(0));
    assertThat(auth, everyItem(equalTo("Bearer " + token)));
    assertThat(auth.isEmpty(), is(false));
    assertNowhere(token);
  }

  @Test
  public void aControlCharacterInsideATokenIsRefusedAndTheTokenNeverPrinted() throws Exception {
    String head = "AAAA-ctl-SECRET";
    String tail = "tail-SECRET-part";
    List<String> auth = new ArrayList<>();
    assertThat(runX(auth, Map.of("X_BEARER_TOKEN", head + "\u001b[31m" + tail)), is(1));
    assertThat(auth, is(List.of())); // refused before any request
    assertThat(err.toString(), containsString("X_BEARER_TOKEN"));
    assertThat(err.toString(), containsString("holds a control or invisible character"));
    assertThat(err.toString().strip().lines().count(), is(1L));
    assertNowhere(head);
    assertNowhere(tail);

    Path f = tmp.newFile("nul-token").toPath();
    Files.writeString(f, head + "\u0000" + tail + "\n");
    assertThat(
        run(Map.of(), "--source=mastodon", "--track=nba", "--mastodonTokenFile=" + f), is(1));
    assertThat(err.toString(), containsString("--mastodonTokenFile=" + f));
    assertNowhere(head);
    assertNowhere(tail);
  }

  /** Runs {@code --source=x} against a fake X API that records each Authorization header. */
  private int runX(List<String> authSeen, Map<String, String> env, String... extra)
      throws Exception {
    HttpServer x = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    x.createContext(
        "/2/tweets/search/stream/rules",
        ex -> {
          synchronized (authSeen) {
            authSeen.add(ex.getRequestHeaders().getFirst("Authorization"));
          }
          byte[] b =
              (ex.getRequestMethod().equals("GET")
                      ? "{\"meta\":{\"result_count\":0}}"
                      : "{\"meta\":{\"summary\":{\"created\":1,\"not_created\":0,\"valid\":1,\"invalid\":0}}}")
                  .getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(ex.getRequestMethod().equals("GET") ? 200 : 201, b.length);
          ex.getResponseBody().write(b);
          ex.close();
        });
    x.createContext(
        "/2/tweets/search/stream",
        ex -> {
          synchronized (authSeen) {
            authSeen.add(ex.getRequestHeaders().getFirst("Authorization"));
          }
          ex.sendResponseHeaders(200, 0);
          ex.getResponseBody()
              .write(
                  ("\r\n"
                          + io.courtside.ingest.sources.XFilteredStreamTest.tweet(1)
                          + "\r\n\r\n"
                          + io.courtside.ingest.sources.XFilteredStreamTest.tweet(2)
                          + "\r\n")
                      .getBytes(StandardCharsets.UTF_8));
          ex.close();
        });
    x.start();
    PrintStream savedErr = System.err;
    System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
    try {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "--source=x",
                  "--track=#NBA lang:en",
                  "--count=2",
                  "--xApiBase=http://127.0.0.1:" + x.getAddress().getPort()));
      args.addAll(List.of(extra));
      return run(env, args.toArray(new String[0]));
    } finally {
      System.setErr(savedErr);
      x.stop(0);
    }
  }

  /** Neither the command's output nor anything logged holds {@code secret}. */
  private void assertNowhere(String secret) {
    for (String text :
        List.of(out.toString(), err.toString(), logs.toString(StandardCharsets.UTF_8))) {
      assertThat(text, not(containsString(secret)));
    }
  }

  @Test
  public void aMissingTokenIsAClearErrorAndNoFlagCanCarryOne() {
    assertThat(run(Map.of(), "--source=x", "--track=#NBA"), is(1));
    assertThat(
        err.toString(),
        containsString(
            "set the environment variable X_BEARER_TOKEN" + " or pass --bearerTokenFile=FILE"));
    // No option takes a token value (it would show in `ps`): only *TokenFile paths.
    CommandLine cmd = new CommandLine(new IngestCommand());
    for (OptionSpec o : cmd.getCommandSpec().options()) {
      if (o.longestName().toLowerCase().contains("token")) {
        assertThat(o.longestName(), o.longestName().endsWith("TokenFile"), is(true));
      }
    }
    assertThat(run(Map.of(), "--source=x", "--track=#NBA", "--bearerToken=abc"), is(2));
  }

  @Test
  public void aTokenFileIsRead() throws Exception {
    Path f = tmp.newFile("token").toPath();
    Files.writeString(f, "");
    assertThat(
        run(Map.of(), "--source=mastodon", "--track=nba", "--mastodonTokenFile=" + f), is(1));
    assertThat(err.toString(), containsString("--mastodonTokenFile=" + f + ": the file is empty"));
  }
}
