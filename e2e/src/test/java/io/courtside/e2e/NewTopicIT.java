package io.courtside.e2e;

import static org.junit.Assert.assertEquals;

import io.courtside.ingest.KafkaSettings;
import io.courtside.ingest.TopicAdmin;
import io.courtside.services.stack.FreePorts;
import io.courtside.services.stack.KafkaBrokerProcess;
import io.courtside.services.stack.ManagedProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Posts sent the moment their topic is created all land, with the producer settings ingest uses.
 * KAFKA-15591: an idempotent producer with several requests in flight can lose its first records to
 * a partition the broker has just created (a retriable error on the first request, the second
 * appended, the first then refused as out of order until it expires). Small batches and no linger
 * put many requests in flight at once, as a busy live source does; each round is a new topic and a
 * new producer, so the broker holds no state for either. Before ingest kept one request in flight
 * this lost records in about one round in eight on a loaded 2-core machine.
 */
public class NewTopicIT {
  private static final int ROUNDS = 12;
  private static final int PARTITIONS = 4;
  private static final int PER_PARTITION = 200;

  private static Path state;
  private static ManagedProcess broker;
  private static String bootstrap;

  @BeforeClass
  public static void startBroker() throws Exception {
    state = Files.createTempDirectory("courtside-newtopic");
    int port = FreePorts.pick();
    broker = KafkaBrokerProcess.start(state, port);
    bootstrap = "127.0.0.1:" + port;
  }

  @AfterClass
  public static void stopBroker() {
    if (broker != null) {
      broker.stop(Duration.ofSeconds(30));
    }
    TempDirs.delete(state);
  }

  @Test
  public void everyRecordSentRightAfterTheTopicIsCreatedLands() throws Exception {
    Properties busy = new Properties();
    busy.setProperty("batch.size", "2048");
    busy.setProperty("linger.ms", "0");
    busy.setProperty("request.timeout.ms", "5000");
    busy.setProperty("delivery.timeout.ms", "20000"); // a lost batch surfaces in 20 s, not 2 min
    List<String> lost = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      String topic = "fresh-" + round;
      new TopicAdmin(KafkaSettings.admin(bootstrap, new Properties()))
          .ensureTopic(topic, PARTITIONS, (short) 1);
      AtomicInteger failed = new AtomicInteger();
      AtomicReference<Exception> first = new AtomicReference<>();
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(
              KafkaSettings.producer(bootstrap, busy),
              new ByteArraySerializer(),
              new ByteArraySerializer())) {
        for (int i = 0; i < PARTITIONS * PER_PARTITION; i++) {
          byte[] value =
              ("{\"id\":\"" + round + "-" + i + "\",\"pad\":\"" + "x".repeat(180) + "\"}")
                  .getBytes();
          producer.send(
              new ProducerRecord<>(topic, i % PARTITIONS, null, value),
              (m, e) -> {
                if (e != null) {
                  failed.incrementAndGet();
                  first.compareAndSet(null, e);
                }
              });
        }
        producer.flush();
      }
      long stored = stored(topic);
      if (failed.get() > 0 || stored != PARTITIONS * PER_PARTITION) {
        lost.add(
            topic + ": " + stored + " stored, " + failed.get() + " failed (" + first.get() + ")");
      }
    }
    assertEquals("rounds that lost records", List.of(), lost);
  }

  private static long stored(String topic) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> tps = new ArrayList<>();
      for (int i = 0; i < PARTITIONS; i++) {
        tps.add(new TopicPartition(topic, i));
      }
      Map<TopicPartition, Long> end = c.endOffsets(tps);
      Map<TopicPartition, Long> begin = c.beginningOffsets(tps);
      return tps.stream().mapToLong(tp -> end.get(tp) - begin.get(tp)).sum();
    }
  }
}
