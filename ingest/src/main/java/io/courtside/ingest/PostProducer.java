package io.courtside.ingest;

import io.courtside.model.Post;
import io.courtside.model.PostJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends posts to the posts topic: key = post id (UTF-8; see {@link PostJson#keyBytes}), value = the
 * post's JSON. Counts what was handed over, acknowledged and failed (callbacks run on the
 * producer's I/O thread, hence the atomics) and keeps the first error so the command can report it
 * and exit non-zero.
 *
 * <p>Nothing is dropped on purpose. Every record is held by a {@link Redelivery} until Kafka
 * acknowledges it: a broker outage longer than the producer's {@code delivery.timeout.ms} makes the
 * producer fail the records it buffered, and those are sent again (for up to {@code maxOutage}
 * without any acknowledgement) instead of being lost. Held records are bounded in bytes; when the
 * bound is reached {@code post} blocks, which blocks the source (back-pressure). {@link #close}
 * waits for what is held.
 */
public final class PostProducer implements RecordSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PostProducer.class);

  /** How long a broker may stay unreachable before held records fail (and ingest exits). */
  public static final Duration DEFAULT_MAX_OUTAGE = Duration.ofMinutes(15);

  /** Bytes of keys and values held for re-sending: ~100,000 typical posts. */
  public static final long DEFAULT_MAX_HELD_BYTES = 64L * 1024 * 1024;

  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final Redelivery redelivery;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<Exception> firstError = new AtomicReference<>();

  /** Wraps any producer; tests pass kafka-clients' {@code MockProducer}. */
  public PostProducer(Producer<byte[], byte[]> producer, String topic) {
    this(producer, topic, DEFAULT_MAX_OUTAGE, DEFAULT_MAX_HELD_BYTES, System::nanoTime);
  }

  /**
   * @param maxOutage how long records are re-sent without any acknowledgement before they fail
   * @param maxHeldBytes bytes of records held until acknowledged; a send beyond it blocks
   * @param nanoTime monotonic clock; tests pass a fake one
   */
  public PostProducer(
      Producer<byte[], byte[]> producer,
      String topic,
      Duration maxOutage,
      long maxHeldBytes,
      LongSupplier nanoTime) {
    this.producer = producer;
    this.topic = topic;
    this.redelivery =
        new Redelivery(
            producer, maxOutage, maxHeldBytes, nanoTime, this::acknowledge, this::recordFailure);
  }

  /** A real producer from complete client properties (see {@link KafkaSettings#producer}). */
  public static PostProducer create(Properties properties, String topic) {
    return create(properties, topic, DEFAULT_MAX_OUTAGE);
  }

  public static PostProducer create(Properties properties, String topic, Duration maxOutage) {
    return new PostProducer(
        new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer()),
        topic,
        maxOutage,
        DEFAULT_MAX_HELD_BYTES,
        System::nanoTime);
  }

  @Override
  public void post(Post post) {
    // Lossless for any id and text: a post with an unpaired surrogate is sent escaped, and the
    // pipeline refuses it with the reason (dead letter) instead of storing a merged "?" id.
    send(PostJson.keyBytes(post.id()), PostJson.toBytes(post));
  }

  @Override
  public void raw(String key, byte[] value) {
    send(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
  }

  private void send(byte[] key, byte[] value) {
    sent.incrementAndGet();
    try {
      redelivery.send(new ProducerRecord<>(topic, key, value));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      recordFailure(
          new IllegalStateException("interrupted while waiting for room to hold a record"));
    }
  }

  private void acknowledge() {
    acknowledged.incrementAndGet();
  }

  private void recordFailure(Exception e) {
    failed.incrementAndGet();
    if (firstError.compareAndSet(null, e)) {
      LOG.error("sending to topic {} failed: {}", topic, e.toString());
    }
  }

  /** Blocks until every record handed over so far is acknowledged or failed for good. */
  public void flush() {
    redelivery.awaitSettled(null);
  }

  /**
   * Waits at most {@code timeout} for held records (re-sending them while the broker is away),
   * fails what is still held then, and closes the producer.
   */
  public void close(Duration timeout) {
    redelivery.awaitSettled(timeout);
    redelivery.close();
    producer.close(Duration.ofSeconds(5));
  }

  /** Waits for every held record (at most the outage limit while Kafka is away), then closes. */
  @Override
  public void close() {
    redelivery.awaitSettled(null);
    redelivery.close();
    producer.close();
  }

  /** Records handed to the producer. */
  public long sent() {
    return sent.get();
  }

  public long acknowledged() {
    return acknowledged.get();
  }

  public long failed() {
    return failed.get();
  }

  /** Sends repeated after a broker outage (each record counts once in {@link #sent}). */
  public long resent() {
    return redelivery.resent();
  }

  /** The first send failure, or null. */
  public Exception firstError() {
    return firstError.get();
  }

  public String topic() {
    return topic;
  }

  /**
   * What the producer is doing about an outage, for the progress line: empty while Kafka answers,
   * e.g. {@code "; Kafka unreachable for 42 s: 1800 records held (3% of the room), 900 re-sent,
   * giving up after 900 s"} while it does not.
   */
  public String outage() {
    long seconds = redelivery.outageSeconds();
    if (seconds < 0) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        "; Kafka unreachable for %d s: %d records held (%d%% of the room%s), %d re-sent, giving up"
            + " after %d s",
        seconds,
        redelivery.held(),
        redelivery.percentFull(),
        redelivery.full() ? ": the source waits" : "",
        redelivery.resent(),
        redelivery.maxOutageSeconds());
  }
}
