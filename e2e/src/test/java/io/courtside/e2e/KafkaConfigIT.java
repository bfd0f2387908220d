package io.courtside.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.courtside.ingest.IngestCommand;
import io.courtside.ingest.SyntheticPosts;
import io.courtside.model.Post;
import io.courtside.pipeline.config.KafkaClients;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.pipeline.verify.TopicRead;
import io.courtside.services.stack.FreePorts;
import io.courtside.services.stack.KafkaBrokerProcess;
import io.courtside.services.stack.ManagedProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

/**
 * {@code --kafkaConfig} on real parts: a second KRaft broker (its own JVM) whose listener takes
 * only clients that log in with SASL/PLAIN, and the Debian influxd. The job, in its own JVM as
 * {@code courtside pipeline} runs it, reaches that listener with the file's settings for every
 * client it has (its lease, the rewind, the reader, the dead-letter producer, the topic checks):
 * every post is stored, the dead letters are published, verify (with the same flags) passes, and
 * the password shows nowhere in the job's output or command line. With a wrong password the job
 * stops at once with Kafka's own reason, and says which flag to check. {@code courtside ingest}
 * takes the same file.
 */
public class KafkaConfigIT {
  @ClassRule @Rule public static final StackRule stack = new StackRule("courtside-kafka-config");
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void aJobOnASaslListenerReadsWritesAndVerifiesWithTheFilesSettings() throws Exception {
    Path dir = tmp.newFolder().toPath();
    String password = "pw-" + UUID.randomUUID();
    Path users = dir.resolve("users.properties");
    Files.writeString(users, "courtside=" + password + "\n", StandardCharsets.UTF_8);
    int port = FreePorts.pick();
    int saslPort = FreePorts.pick();
    ManagedProcess broker =
        KafkaBrokerProcess.start(
            dir.resolve("state"),
            port,
            3,
            false,
            Duration.ofSeconds(60),
            List.of("--saslPort", Integer.toString(saslPort), "--saslUsers", users.toString()));
    try {
      String plain = FreePorts.LOOPBACK + ":" + port;
      String sasl = FreePorts.LOOPBACK + ":" + saslPort;
      String topic = "secured";
      Instant start = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
      List<Post> posts = TestPosts.posts("k-", 600, start, 50, 23);
      List<Traffic.Item> records = new ArrayList<>(Traffic.of(posts));
      List<String> junk = TestPosts.malformed(12);
      for (int i = 0; i < junk.size(); i++) {
        records.add(50 * i + 3, Traffic.Item.raw("junk-" + i, junk.get(i)));
      }
      Traffic.send(plain, topic, records);

      Path client = clientConfig(dir.resolve("client.properties"), password);
      List<String> args =
          List.of(
              "--bootstrapServers=" + sasl,
              "--kafkaConfig=" + client,
              "--topic=" + topic,
              "--consumerGroup=secured",
              "--influxUrl=" + stack.influxUrl(),
              "--influxDatabase=kafka_config",
              "--windowSize=10s",
              "--maxOutOfOrderness=2s",
              "--partitionIdleness=2s");
      InfluxDbClient influx = new InfluxDbClient(stack.influxUrl(), "kafka_config");
      try (PipelineJvm job = PipelineJvm.start(dir.resolve("job.log"), Map.of(), args)) {
        Expected.awaitPosts(
            influx,
            posts.size(),
            Duration.ofSeconds(120),
            () -> assertTrue("the job died:\n" + tail(job), job.isAlive()));
        Verified.await(args, Duration.ofSeconds(120));
        Expected.awaitWindows(influx, posts, Duration.ofSeconds(10), Duration.ofSeconds(60));
        // Published through the SASL listener, read back through the plain one.
        assertEquals(
            junk.size(),
            Traffic.deadLetters(plain, topic + "-dlq", junk.size(), Duration.ofSeconds(60)).size());
        // What ps shows: the whole argv (ProcessHandle.Info cuts a long one short).
        String commandLine =
            new String(
                Files.readAllBytes(Path.of("/proc", Long.toString(job.pid()), "cmdline")),
                StandardCharsets.UTF_8);
        assertTrue(commandLine.contains("--kafkaConfig=" + client));
        assertFalse("the password is on the command line", commandLine.contains(password));
        job.terminate();
        assertNotNull(tail(job), job.awaitExit(Duration.ofSeconds(60)));
        assertTrue(
            tail(job),
            job.output()
                .contains(
                    "Kafka at "
                        + sasl
                        + " with the settings of --kafkaConfig: [fetch.max.wait.ms,"
                        + " sasl.jaas.config, sasl.mechanism, security.protocol]"));
        assertFalse("the job's output shows the password", job.output().contains(password));
      }

      // A SparkRunner backfill (spark-submit, local[2]) of the same topic with the same file: the
      // settings reach the Spark tasks' consumers and producer, which read the file where they
      // run (the job carries only its path), and every post and window comes out exact.
      List<String> backfill = new ArrayList<>(args);
      backfill.set(5, "--influxDatabase=kafka_config_spark");
      backfill.add("--backfill");
      try (SparkJob job =
          SparkJob.submitLocal("local[2]", "-Xmx1g", dir.resolve("spark.log"), backfill)) {
        assertEquals(job.logTail(), 0, job.awaitExit(Duration.ofSeconds(300)));
        assertTrue(job.logTail(), job.log().contains("courtside pipeline: finished, DONE"));
        assertFalse("the Spark job's log shows the password", job.log().contains(password));
      }
      InfluxDbClient spark = new InfluxDbClient(stack.influxUrl(), "kafka_config_spark");
      assertEquals(posts.size(), Expected.postCount(spark));
      Expected.awaitWindows(spark, posts, Duration.ofSeconds(10), Duration.ofSeconds(60));

      // A FlinkRunner backfill (an embedded cluster in the job's JVM) likewise: Flink serializes
      // the KafkaIO steps and their client factories into its tasks.
      List<String> onFlink = new ArrayList<>(backfill);
      onFlink.set(5, "--influxDatabase=kafka_config_flink");
      onFlink.add("--runner=FlinkRunner");
      try (PipelineJvm job = PipelineJvm.start(dir.resolve("flink.log"), Map.of(), onFlink)) {
        assertEquals(tail(job), Integer.valueOf(0), job.awaitExit(Duration.ofSeconds(180)));
        assertTrue(tail(job), job.output().contains("courtside pipeline: finished, DONE"));
        assertFalse("the Flink job's output shows the password", job.output().contains(password));
      }
      InfluxDbClient flink = new InfluxDbClient(stack.influxUrl(), "kafka_config_flink");
      assertEquals(posts.size(), Expected.postCount(flink));
      Expected.awaitWindows(flink, posts, Duration.ofSeconds(10), Duration.ofSeconds(60));

      // `courtside ingest` takes the same file as --kafkaConfig: its producer and admin client
      // log in through the SASL listener (the file's consumer setting is left to the job), and
      // every post it sends is in the topic, read back through the plain listener.
      int ingested = 150;
      StringWriter ingestOut = new StringWriter();
      StringWriter ingestErr = new StringWriter();
      int ingestExit =
          new CommandLine(new IngestCommand())
              .setOut(new PrintWriter(ingestOut, true))
              .setErr(new PrintWriter(ingestErr, true))
              .execute(
                  "--source=synthetic",
                  "--rate=1000",
                  "--count=" + ingested,
                  "--seed=5",
                  "--bootstrapServers=" + sasl,
                  "--kafkaConfig=" + client,
                  "--topic=ingested");
      assertEquals("ingest's stderr:\n" + ingestErr, 0, ingestExit);
      assertFalse(
          "ingest's output shows the password", (ingestOut + "" + ingestErr).contains(password));
      SyntheticPosts oracle = new SyntheticPosts(5, Clock.systemUTC());
      Set<String> sent = new TreeSet<>();
      for (int i = 0; i < ingested; i++) {
        sent.add(oracle.next().id());
      }
      Set<String> stored = new TreeSet<>();
      TopicRead.readAll(
          KafkaClients.of(plain),
          "ingested",
          r -> stored.add(new String(r.getKV().getKey(), StandardCharsets.UTF_8)),
          (read, total) -> {});
      assertEquals(sent, stored);

      // The same job with a wrong password: Kafka refuses it at the first client, and the job
      // stops instead of retrying, naming the flag to check and hiding the password.
      String wrong = "wrong-" + UUID.randomUUID();
      Path badClient = clientConfig(dir.resolve("bad.properties"), wrong);
      List<String> badArgs = new ArrayList<>(args);
      badArgs.set(1, "--kafkaConfig=" + badClient);
      badArgs.set(3, "--consumerGroup=refused");
      try (PipelineJvm job = PipelineJvm.start(dir.resolve("refused.log"), Map.of(), badArgs)) {
        Integer exit = job.awaitExit(Duration.ofSeconds(90));
        assertNotNull("still running with a wrong password:\n" + tail(job), exit);
        assertEquals(tail(job), 1, (int) exit);
        assertTrue(
            tail(job),
            job.output()
                .contains("refused the job (check the security settings of --kafkaConfig)"));
        assertTrue(tail(job), job.output().contains("Authentication failed"));
        assertFalse(job.output().contains(wrong));
      }
    } finally {
      broker.stop(Duration.ofSeconds(20));
    }
  }

  private static Path clientConfig(Path file, String password) throws Exception {
    Files.writeString(
        file,
        String.join(
            "\n",
            "security.protocol=SASL_PLAINTEXT",
            "sasl.mechanism=PLAIN",
            // A consumer-only setting: the job's reader takes it, ingest leaves it.
            "fetch.max.wait.ms=400",
            "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username=\"courtside\" password=\""
                + password
                + "\";",
            ""),
        StandardCharsets.UTF_8);
    return file;
  }

  private static String tail(PipelineJvm job) {
    try {
      return job.outputTail();
    } catch (java.io.IOException e) {
      return "(no output: " + e + ")";
    }
  }
}
