package io.courtside.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.courtside.ingest.IngestCommand;
import io.courtside.ingest.SyntheticPosts;
import io.courtside.pipeline.verify.TopicRead;
import io.courtside.services.stack.FreePorts;
import io.courtside.services.stack.KafkaBrokerProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.Rule;
import org.junit.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Issue 13 item 12: a broker outage longer than the producer's {@code delivery.timeout.ms} while a
 * source keeps producing. Ingest runs with a 20 s delivery timeout (through {@code --kafkaConfig},
 * as an operator would set it) and the broker is down for 35-45 s: the producer fails what it
 * buffered, ingest holds and re-sends it, says so in its progress line, and exits 0 with every post
 * in the topic. Delivery is at least once: a post the broker stored just as it stopped, whose
 * acknowledgement was lost, is stored again by the re-send (the job counts each id once); a second
 * copy is allowed only for a record ingest sent again after its send failed. The defaults (120 s
 * timeout, 15 min outage limit) ride out the same at a larger scale; only the timings differ.
 */
public class IngestBrokerOutageIT {
  private static final Logger LOG = LoggerFactory.getLogger(IngestBrokerOutageIT.class);
  private static final String TOPIC = "outage-ingest";
  private static final int COUNT = 2_000;
  private static final int RATE = 50;
  private static final long SEED = 13;

  /** Before the restart begins; the restart itself adds a few seconds more. */
  private static final Duration OUTAGE = Duration.ofSeconds(35);

  @Rule public final StackRule stack = new StackRule("courtside-ingest-outage");

  @Test
  public void aBrokerOutageLongerThanTheDeliveryTimeoutLosesNoPost() throws Exception {
    Path producerConfig = stack.stateDir().resolve("producer.properties");
    Files.writeString(
        producerConfig,
        "delivery.timeout.ms=20000\nrequest.timeout.ms=5000\n",
        StandardCharsets.UTF_8);
    IngestCommand ingest = new IngestCommand();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli =
        new CommandLine(ingest)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true));
    CompletableFuture<Integer> run =
        CompletableFuture.supplyAsync(
            () ->
                cli.execute(
                    "--source=synthetic",
                    "--rate=" + RATE,
                    "--count=" + COUNT,
                    "--seed=" + SEED,
                    "--bootstrapServers=" + stack.kafkaBootstrap(),
                    "--topic=" + TOPIC,
                    "--kafkaConfig=" + producerConfig));

    Expected.await(
        "the first 200 posts acknowledged",
        Duration.ofSeconds(60),
        () -> ingest.acknowledged() >= 200);
    int port = URI.create("kafka://" + stack.kafkaBootstrap()).getPort();
    long down = System.nanoTime();
    stack.kafka().orElseThrow().stop(Duration.ofSeconds(30));
    long ackedAtStop = ingest.acknowledged();
    // Past the 20 s delivery timeout and the progress line after it.
    while (System.nanoTime() - down < OUTAGE.minusSeconds(3).toNanos()) {
      Thread.sleep(100);
    }
    assertTrue("ingest exited during the outage:\n" + err, !run.isDone());
    assertTrue(
        "the progress line says what ingest is doing:\n" + err,
        err.toString().contains("Kafka unreachable for"));
    Expected.await(
        "port " + port + " to be free", Duration.ofSeconds(60), () -> FreePorts.isFree(port));
    while (System.nanoTime() - down < OUTAGE.toNanos()) {
      Thread.sleep(100);
    }
    stack.stopAfter(
        KafkaBrokerProcess.start(stack.stateDir(), port, 3, false, Duration.ofSeconds(60)));
    long outageMs = (System.nanoTime() - down) / 1_000_000;
    LOG.info(
        "broker down {} ms; {} posts acknowledged before, {} produced by then",
        outageMs,
        ackedAtStop,
        ingest.produced());

    int exit = run.get(); // ends when every post is acknowledged, or fails the test via exit 1
    LOG.info("ingest output:\n{}\n{}", out, err);
    assertEquals("ingest exit code; stderr:\n" + err, 0, exit);
    assertTrue(
        "the outage outlasted the 20 s delivery timeout: " + outageMs + " ms",
        outageMs >= OUTAGE.toMillis());

    Map<String, Integer> copies = readKeys(stack.kafkaBootstrap(), TOPIC);
    SyntheticPosts oracle = new SyntheticPosts(SEED, Clock.systemUTC());
    Set<String> expected = new TreeSet<>();
    for (int i = 0; i < COUNT; i++) {
      expected.add(oracle.next().id());
    }
    assertEquals("the post ids in the topic", expected, new TreeSet<>(copies.keySet()));
    long extra = copies.values().stream().mapToLong(n -> n - 1).sum();
    // A second copy needs a second send: only a record whose send failed is sent again, so there
    // are never more extra copies than re-sends. A record can be stored twice when its send
    // failed after the broker wrote it: its acknowledgement lost as the broker stopped, or the
    // delivery timeout expiring it in flight just as the restarted broker took it.
    long resent = ingest.resent();
    LOG.info("{} extra copies; {} re-sends", extra, resent);
    copies.forEach((id, n) -> assertTrue("copies of " + id + ": " + n, n <= 2));
    assertTrue("extra copies " + extra + " > re-sends " + resent, extra <= resent);
  }

  /** Every key in the topic with how many records carry it (the job's own whole-topic read). */
  private static Map<String, Integer> readKeys(String bootstrap, String topic) throws Exception {
    Map<String, Integer> copies = new HashMap<>();
    TopicRead.readAll(
        io.courtside.pipeline.config.KafkaClients.of(bootstrap),
        topic,
        r -> copies.merge(new String(r.getKV().getKey(), StandardCharsets.UTF_8), 1, Integer::sum),
        (read, total) -> {});
    return copies;
  }
}
