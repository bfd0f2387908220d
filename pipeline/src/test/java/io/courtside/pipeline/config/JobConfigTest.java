package io.courtside.pipeline.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.courtside.pipeline.entity.Watchlist;
import io.courtside.pipeline.influx.InfluxTarget;
import io.courtside.pipeline.window.WindowSpec;
import io.courtside.sentiment.VaderConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The flags read once: typed values, the documented defaults, and an error naming each bad flag.
 */
public class JobConfigTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static JobConfig config(String... args) {
    return JobConfig.of(JobConfig.options(args));
  }

  @Test
  public void defaultsAreTheDocumentedOnes() {
    JobConfig c = config();
    assertEquals(
        new JobConfig.Kafka(
            KafkaClients.of("127.0.0.1:9092"),
            "twitterdata",
            "courtside",
            false,
            Duration.standardSeconds(30),
            Duration.standardSeconds(10),
            Duration.standardMinutes(2),
            null),
        c.kafka());
    assertEquals(
        new WindowSpec(
            Duration.standardMinutes(1), Duration.standardMinutes(5), Duration.standardSeconds(5)),
        c.windows());
    assertNull(c.recountFrom());
    assertEquals("twitterdata-dlq", c.dlqTopic());
    // The dead-letter topic follows the input topic unless given.
    assertEquals("finals-dlq", config("--topic=finals").dlqTopic());
    assertEquals("bad", config("--topic=finals", "--dlqTopic=bad").dlqTopic());
    assertEquals(1_048_576, c.maxRecordBytes());
    assertEquals(VaderConfig.defaults(), c.scoring());
    assertEquals(Watchlist.nba(), c.watchlist());
    assertEquals(
        new JobConfig.Sink(
            InfluxTarget.v1("http://127.0.0.1:8086", "courtside"),
            5000,
            java.time.Duration.ofSeconds(1),
            java.time.Duration.ofMinutes(5)),
        c.sink());
  }

  @Test
  public void everyFlagIsReadIntoItsType() throws Exception {
    Path overlay = tmp.newFile("overlay.tsv").toPath();
    Files.writeString(overlay, "clutch\t2.5\n");
    Path token = tmp.newFile("token").toPath();
    Files.writeString(token, "t0ken\n");
    JobConfig c =
        config(
            "--bootstrapServers=k:1",
            "--topic=t",
            "--dlqTopic=d",
            "--consumerGroup=g",
            "--backfill",
            "--windowSize=30s",
            "--allowedLateness=PT2M",
            "--earlyFiringPeriod=500ms",
            "--maxOutOfOrderness=1m",
            "--partitionIdleness=2s",
            "--restartRewindMargin=3m",
            "--recountFrom=2026-05-20T01:02:00Z",
            "--maxRecordBytes=100",
            "--maxTextLength=7",
            "--lexiconOverlay=" + overlay,
            "--influxApi=V2",
            "--influxUrl=https://influx.example:8086",
            "--influxOrg=o",
            "--influxBucket=b",
            "--influxTokenFile=" + token,
            "--influxNewlines=escaped",
            "--influxBatchSize=10",
            "--influxMaxBatchDelay=250ms",
            "--influxMaxRetryTime=1h");
    assertEquals(
        new JobConfig.Kafka(
            KafkaClients.of("k:1"),
            "t",
            "g",
            true,
            Duration.standardMinutes(1),
            Duration.standardSeconds(2),
            Duration.standardMinutes(3),
            null),
        c.kafka());
    assertEquals(
        new WindowSpec(
            Duration.standardSeconds(30), Duration.standardMinutes(2), Duration.millis(500)),
        c.windows());
    assertEquals(Instant.parse("2026-05-20T01:02:00Z"), c.recountFrom());
    assertEquals("d", c.dlqTopic());
    assertEquals(100, c.maxRecordBytes());
    assertEquals(7, c.scoring().maxTextLength());
    assertEquals(Map.of("clutch", 2.5), new LinkedHashMap<>(c.scoring().overlay()));
    assertEquals(
        new JobConfig.Sink(
            new InfluxTarget(
                InfluxTarget.Api.V2,
                "https://influx.example:8086",
                "courtside",
                "o",
                "b",
                null,
                null,
                token.toString(),
                true),
            10,
            java.time.Duration.ofMillis(250),
            java.time.Duration.ofHours(1)),
        c.sink());
    assertEquals(java.time.Duration.ofHours(1), c.sink().write().retryPolicy().maxTotal());
  }

  @Test
  public void theEnumFlagsTakeAnyCase() {
    assertEquals(InfluxTarget.Api.V1, config("--influxApi=V1").sink().target().api());
    assertTrue(config("--influxNewlines=ESCAPED").sink().target().escapeNewlines());
    assertFalse(config("--influxNewlines=Raw").sink().target().escapeNewlines());
  }

  @Test
  public void aStartSetsTheRecountPointAndNothingElse() {
    JobConfig c = config();
    Instant from = Instant.parse("2026-05-20T01:00:00Z");
    JobConfig r = c.withRecountFrom(from);
    assertEquals(from, r.recountFrom());
    assertEquals(c, r.withRecountFrom(null));
  }

  @Test
  public void eachBadFlagIsNamedWithTheReason() {
    Map<String, String> errors = new LinkedHashMap<>();
    errors.put(
        "--windowSize=often",
        "--windowSize=often is not a duration; use e.g. 500ms, 30s, 1m, 2h or PT1M");
    errors.put("--windowSize=0s", "--windowSize=0s must be greater than zero");
    errors.put(
        "--allowedLateness=", "--allowedLateness is empty; give a duration like 30s, 1m or PT1M");
    errors.put("--earlyFiringPeriod=0ms", "--earlyFiringPeriod=0ms must be greater than zero");
    errors.put(
        "--maxOutOfOrderness=x",
        "--maxOutOfOrderness=x is not a duration; use e.g. 500ms, 30s, 1m, 2h or PT1M");
    errors.put(
        "--restartRewindMargin=x",
        "--restartRewindMargin=x is not a duration; use e.g. 500ms, 30s, 1m, 2h or PT1M");
    errors.put(
        "--partitionIdleness=x",
        "--partitionIdleness=x is not a duration; use e.g. 500ms, 30s, 1m, 2h or PT1M");
    errors.put(
        "--recountFrom=yesterday",
        "--recountFrom=yesterday is not an ISO-8601 instant such as 2026-05-20T01:02:00Z");
    errors.put("--influxApi=v3", "--influxApi=v3 is not v1 or v2");
    errors.put("--influxApi=", "--influxApi= is not v1 or v2");
    errors.put("--influxNewlines=crlf", "--influxNewlines=crlf is not raw or escaped");
    errors.put("--influxNewlines=", "--influxNewlines= is not raw or escaped");
    errors.put("--influxApi=v2", "--influxApi=v2 needs --influxOrg and --influxBucket");
    errors.put("--influxUrl=ftp://x", "--influxUrl must start with http:// or https://");
    errors.put(
        "--influxMaxRetryTime=x",
        "--influxMaxRetryTime=x is not a duration; use e.g. 500ms, 30s, 1m, 2h or PT1M");
    errors.put("--influxMaxBatchDelay=0s", "--influxMaxBatchDelay=0s must be greater than zero");
    errors.put("--influxBatchSize=0", "--influxBatchSize must be at least 1, got 0");
    errors.put("--maxRecordBytes=0", "--maxRecordBytes must be at least 1, got 0");
    errors.put("--influxMaxRetryTime=PT-1M", "--influxMaxRetryTime=PT-1M must not be negative");
    errors.put("--allowedLateness=-5s", "--allowedLateness=-5s must not be negative");
    errors.put("--maxOutOfOrderness=PT-1S", "--maxOutOfOrderness=PT-1S must not be negative");
    errors.put(
        "--windowSize=9999999999999d",
        "--windowSize=9999999999999d is too long (at most 292 million years in milliseconds)");
    errors.put(
        "--bootstrapServers=", "--bootstrapServers is empty; give host:port, e.g. 127.0.0.1:9092");
    errors.put(
        "--bootstrapServers=kafka",
        "--bootstrapServers=kafka: 'kafka' is not host:port (a port from 1 to 65535; several"
            + " servers separated by commas, e.g. 127.0.0.1:9092,127.0.0.1:9093)");
    errors.put(
        "--bootstrapServers=127.0.0.1:9092,127.0.0.1:99999",
        "--bootstrapServers=127.0.0.1:9092,127.0.0.1:99999: '127.0.0.1:99999' is not host:port (a"
            + " port from 1 to 65535; several servers separated by commas, e.g."
            + " 127.0.0.1:9092,127.0.0.1:9093)");
    errors.put(
        "--bootstrapServers=127.0.0.1:123456789012",
        "--bootstrapServers=127.0.0.1:123456789012: '127.0.0.1:123456789012' is not host:port (a"
            + " port from 1 to 65535; several servers separated by commas, e.g."
            + " 127.0.0.1:9092,127.0.0.1:9093)");
    errors.put(
        "--bootstrapServers=, ,",
        "--bootstrapServers=, , names no server; give host:port, e.g. 127.0.0.1:9092");
    errors.put(
        "--topic=fans/nba",
        "--topic=fans/nba: Topic name is invalid: 'fans/nba' contains one or more characters"
            + " other than ASCII alphanumerics, '.', '_' and '-'");
    errors.put("--topic=", "--topic=: Topic name is invalid: the empty string is not allowed");
    errors.put("--dlqTopic=..", "--dlqTopic=..: Topic name is invalid: '..' is not allowed");
    errors.put(
        "--consumerGroup= ",
        "--consumerGroup is empty; the job commits its offsets under this group");
    errors.put("--backfill=maybe", "--backfill=maybe is not true or false");
    errors.put("--influxBatchSize=lots", "--influxBatchSize=lots is not a whole number");
    // A runner's flag (the DirectRunner's, registered by Beam) is read by the same rule.
    errors.put("--targetParallelism=many", "--targetParallelism=many is not a whole number");
    // Below 1 the DirectRunner's thread pool failed with a bare IllegalArgumentException.
    errors.put(
        "--targetParallelism=0",
        "--targetParallelism must be at least 1, got 0 (the DirectRunner's worker threads)");
    errors.put(
        "--targetParallelism=-3",
        "--targetParallelism must be at least 1, got -3 (the DirectRunner's worker threads)");
    errors.put(
        "--maxRecordBytes=4294967296",
        "--maxRecordBytes=4294967296 is out of range (-2147483648 to 2147483647)");
    errors.put(
        "--windowsize=1m", "--windowsize is not a flag of this job: did you mean --windowSize?");
    errors.put(
        "--wndowSize=1m", "--wndowSize is not a flag of this job: did you mean --windowSize?");
    errors.put("--colour=blue", "--colour is not a flag of this job");
    errors.put("--maxTextLength=0", "--maxTextLength must be at least 1, got 0");
    errors.put(
        "--dlqTopic=twitterdata",
        "--dlqTopic must differ from --topic (twitterdata), or bad records would loop");
    errors.forEach(
        (flag, message) ->
            assertEquals(
                flag,
                message,
                assertThrows(IllegalArgumentException.class, () -> config(flag)).getMessage()));
  }

  /**
   * A single-valued flag given twice is named; Beam said only "expected one element but was: <a,
   * b>". A list flag repeats as Beam allows.
   */
  @Test
  public void aFlagGivenTwiceIsNamedUnlessItIsAList() {
    Map<String[], String> errors = new LinkedHashMap<>();
    errors.put(
        new String[] {"--topic=a", "--topic=b"}, "--topic is given twice (a, b): give it once");
    errors.put(
        new String[] {"--influxUrl=http://a:1", "--backfill", "--influxUrl=http://b:2"},
        "--influxUrl is given twice (http://a:1, http://b:2): give it once");
    errors.put(
        new String[] {"--bootstrapServers=a:1", "--bootstrapServers=b:2", "--bootstrapServers=c:3"},
        "--bootstrapServers is given 3 times (a:1, b:2, c:3): give it once");
    errors.put(
        new String[] {"--backfill", "--backfill=false"},
        "--backfill is given twice (true, false): give it once");
    // A runner's flag (the DirectRunner's) too.
    errors.put(
        new String[] {"--targetParallelism=4", "--targetParallelism=8"},
        "--targetParallelism is given twice (4, 8): give it once");
    errors.forEach(
        (args, message) ->
            assertEquals(
                String.join(" ", args),
                message,
                assertThrows(IllegalArgumentException.class, () -> config(args)).getMessage()));
    assertEquals(
        java.util.List.of("a", "b", "c"),
        JobConfig.options("--experiments=a", "--experiments=b,c")
            .as(org.apache.beam.sdk.options.ExperimentalOptions.class)
            .getExperiments());
  }

  /** Beam printed "Unable to find option yes." and ended the JVM with exit 0. */
  @Test
  public void aHelpValueThatNamesNoOptionsInterfaceIsNamed() {
    String message =
        assertThrows(IllegalArgumentException.class, () -> JobConfig.options("--help=yes"))
            .getMessage();
    assertThat(
        message,
        startsWith(
            "--help=yes names no options interface: give --help for every flag, or --help=NAME"
                + " for the flags of one of "));
    assertTrue(message, message.contains(" CourtsideOptions, "));
    assertTrue(message, message.contains(" DirectOptions, "));
  }

  @Test
  public void bootstrapServersAreReadAsTheKafkaClientReadsThem() {
    for (String servers :
        new String[] {
          "127.0.0.1:9092",
          "kafka-0.kafka.svc:9092, kafka-1.kafka.svc:9093",
          "[::1]:9092",
          "127.0.0.1:9092,",
          "no-such-host.invalid:9092"
        }) {
      assertEquals(servers, config("--bootstrapServers=" + servers).kafka().bootstrapServers());
    }
  }

  @Test
  public void aSavepointIsRefusedWhereNoRunnerRestoresIt() {
    assertEquals(
        "--savepointPath restores a FlinkRunner job on a Flink cluster; the runner is DirectRunner."
            + " A restart on this runner rewinds and recounts (README, Restarts and crashes).",
        assertThrows(IllegalArgumentException.class, () -> config("--savepointPath=/sp/x"))
            .getMessage());
    assertNull(config("--savepointPath=").kafka().savepointPath());
  }

  @Test
  public void unreadableFilesAreNamedByTheirFlag() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> config("--watchlist=/no/such/file.yaml"));
    assertEquals("--watchlist=/no/such/file.yaml: no such file", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> config("--influxUser=fan", "--influxPasswordFile=/no/such/password"));
    assertEquals(
        "cannot read --influxPasswordFile /no/such/password: NoSuchFileException", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> config("--lexiconOverlay=/no/such/overlay.tsv"));
    assertThat(e.getMessage(), startsWith("--lexiconOverlay=/no/such/overlay.tsv: "));
  }
}
