package io.courtside.e2e;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The tests' raw producer: idempotent, acks=all, and it never loses a record silently. A record the
 * broker did not take fails the test at {@link #flush()} or {@link #close()}, naming the error, so
 * a test can never "pass" on a topic that holds fewer records than it sent (the recount of {@code
 * courtside verify} reads the topic and would agree with a short one). The delivery timeout is ten
 * minutes: a broker or machine that stalls for a while (a loaded CI box) delays the test instead of
 * dropping its records.
 */
final class CheckedProducer implements AutoCloseable {
  static final String DELIVERY_TIMEOUT_MS = "600000";

  private final KafkaProducer<byte[], byte[]> producer;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<Exception> firstError = new AtomicReference<>();

  CheckedProducer(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // As ingest does (KafkaSettings.MAX_IN_FLIGHT): tests create topics right before they send.
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, DELIVERY_TIMEOUT_MS);
    producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  void send(ProducerRecord<byte[], byte[]> record) {
    sent.incrementAndGet();
    producer.send(
        record,
        (meta, e) -> {
          if (e != null) {
            failed.incrementAndGet();
            firstError.compareAndSet(null, e);
          }
        });
  }

  /** Waits for every record sent so far; fails if the broker refused or lost any. */
  void flush() {
    producer.flush();
    if (failed.get() > 0) {
      throw new AssertionError(
          failed.get() + " of " + sent.get() + " records were not delivered: " + firstError.get(),
          firstError.get());
    }
  }

  @Override
  public void close() {
    try {
      flush();
    } finally {
      producer.close();
    }
  }
}
