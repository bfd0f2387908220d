package io.courtside.ingest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

/** Flag validation only: every case here fails before any Kafka client is created. */
public class IngestCommandTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private final StringWriter err = new StringWriter();
  private final StringWriter out = new StringWriter();

  private int run(String... args) {
    CommandLine cmd = new CommandLine(new IngestCommand());
    cmd.setErr(new PrintWriter(err, true));
    cmd.setOut(new PrintWriter(out, true));
    return cmd.execute(args);
  }

  private String existingFile() throws Exception {
    Path f = tmp.newFile("posts.jsonl").toPath();
    Files.writeString(f, "");
    return f.toString();
  }

  @Test
  public void sourceIsRequired() {
    assertThat(run(), is(2));
    assertThat(err.toString(), containsString("--source"));
  }

  @Test
  public void anUnknownSourceListsTheAllowedValues() {
    assertThat(run("--source=twitter"), is(2));
    assertThat(err.toString(), containsString("synthetic, replay, x, bluesky, mastodon"));
    assertThat(err.toString(), containsString("twitter"));
  }

  @Test
  public void replayNeedsAFile() {
    assertThat(run("--source=replay"), is(2));
    assertThat(err.toString(), containsString("--source=replay needs --file"));
  }

  @Test
  public void replayFileMustExist() {
    assertThat(run("--source=replay", "--file=/no/such/posts.jsonl"), is(2));
    assertThat(err.toString(), containsString("--file=/no/such/posts.jsonl: no such file"));
    String folder = System.getProperty("java.io.tmpdir");
    assertThat(run("--source=replay", "--file=" + folder), is(2));
    assertThat(err.toString(), containsString("--file=" + folder + ": is a folder, not a file"));
  }

  @Test
  public void rateMustBePositive() {
    assertThat(run("--source=synthetic", "--rate=-5"), is(2));
    assertThat(err.toString(), containsString("--rate must be a positive"));
    assertThat(run("--source=synthetic", "--rate=0"), is(2));
  }

  @Test
  public void rateMustBeANumber() {
    assertThat(run("--source=synthetic", "--rate=fast"), is(2));
    assertThat(err.toString(), containsString("--rate"));
  }

  @Test
  public void flagsOfTheOtherSourceAreRejected() throws Exception {
    String file = existingFile();
    assertThat(run("--source=replay", "--file=" + file, "--rate=10"), is(2));
    assertThat(err.toString(), containsString("--rate applies to --source=synthetic only"));
    assertThat(run("--source=replay", "--file=" + file, "--seed=1"), is(2));
    assertThat(err.toString(), containsString("--seed applies to --source=synthetic only"));
    assertThat(run("--source=synthetic", "--file=" + file), is(2));
    assertThat(err.toString(), containsString("--file applies to --source=replay only"));
    assertThat(run("--source=synthetic", "--speed=2"), is(2));
    assertThat(err.toString(), containsString("--speed applies to --source=replay only"));
  }

  @Test
  public void speedMustBePositive() throws Exception {
    assertThat(run("--source=replay", "--file=" + existingFile(), "--speed=0"), is(2));
    assertThat(err.toString(), containsString("--speed must be a positive"));
  }

  @Test
  public void countPartitionsAndReplicationMustBeAtLeastOne() {
    assertThat(run("--source=synthetic", "--count=0"), is(2));
    assertThat(err.toString(), containsString("--count must be at least 1"));
    assertThat(run("--source=synthetic", "--partitions=0"), is(2));
    assertThat(err.toString(), containsString("--partitions must be at least 1"));
    assertThat(run("--source=synthetic", "--replicationFactor=0"), is(2));
    assertThat(err.toString(), containsString("--replicationFactor must be at least 1"));
  }

  /**
   * As the pipeline checks it: before, 'nohost' failed later with Kafka's "Invalid url", exit 1.
   */
  @Test
  public void bootstrapServersMustBeHostAndPort() {
    assertThat(run("--source=synthetic", "--bootstrapServers=nohost"), is(2));
    assertThat(
        err.toString(),
        containsString("--bootstrapServers=nohost: 'nohost' is not host:port (a port from 1 to"));
  }

  @Test
  public void anEmptyTrackIsRefusedNotTakenForNone() {
    assertThat(run("--source=bluesky", "--track=#nba", "--track="), is(2));
    assertThat(err.toString(), containsString("--track is empty: give a rule, hashtag or word"));
  }

  @Test
  public void topicMustBeAValidKafkaName() {
    assertThat(run("--source=synthetic", "--topic=bad topic"), is(2));
    assertThat(err.toString(), containsString("not a valid Kafka topic name"));
  }

  @Test
  public void kafkaConfigMustExist() {
    assertThat(run("--source=synthetic", "--kafkaConfig=/no/such.properties"), is(2));
    assertThat(err.toString(), containsString("--kafkaConfig=/no/such.properties: no such file"));
  }

  /**
   * A --kafkaConfig whose content is refused is a bad flag, as in the pipeline: it was read when
   * the run started, and the same message ended it with exit 1. Refused before any Kafka client.
   */
  @Test
  public void aKafkaConfigWithAnUnknownKeyIsABadFlag() throws Exception {
    Path file = tmp.newFile("client.properties").toPath();
    Files.writeString(file, "security.protocl=SASL_SSL\n");
    assertThat(
        run("--source=synthetic", "--bootstrapServers=127.0.0.1:1", "--kafkaConfig=" + file),
        is(2));
    assertThat(
        err.toString(),
        containsString(
            "--kafkaConfig="
                + file
                + ": 'security.protocl' is not a setting of a Kafka consumer, producer or admin"
                + " client; did you mean security.protocol?"));
  }

  /** The flag's former name still works, for scripts written before the rename. */
  @Test
  public void producerConfigIsTheFormerName() {
    assertThat(run("--source=synthetic", "--producerConfig=/no/such.properties"), is(2));
    assertThat(err.toString(), containsString("--kafkaConfig=/no/such.properties: no such file"));
  }

  @Test
  public void helpListsTheFlags() {
    assertThat(run("--help"), is(0));
    for (String flag :
        new String[] {
          "--source",
          "--bootstrapServers",
          "--topic",
          "--partitions",
          "--replicationFactor",
          "--rate",
          "--count",
          "--file",
          "--speed",
          "--seed",
          "--kafkaConfig",
          "--track",
          "--bearerTokenFile",
          "--xApiBase",
          "--jetstreamUrl",
          "--mastodonInstance",
          "--mastodonTokenFile",
          "X_BEARER_TOKEN",
          "MASTODON_ACCESS_TOKEN"
        }) {
      assertThat(out.toString(), containsString(flag));
    }
    assertThat(out.toString(), containsString("127.0.0.1:9092"));
  }
}
