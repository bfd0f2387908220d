package io.courtside.ingest;

import io.courtside.model.Post;
import io.courtside.model.PostJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends posts to the posts topic: key = post id (UTF-8), value = the post's JSON. Counts what was
 * handed over, acknowledged and failed (callbacks run on the producer's I/O thread, hence the
 * atomics) and keeps the first error so the command can report it and exit non-zero.
 *
 * <p>Nothing is dropped on purpose: with the settings from {@link KafkaSettings}, {@code send}
 * blocks while the producer's buffer is full (back-pressure), and {@link #close} waits for what is
 * buffered.
 */
public final class PostProducer implements RecordSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PostProducer.class);

  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<Exception> firstError = new AtomicReference<>();

  /** Wraps any producer; tests pass kafka-clients' {@code MockProducer}. */
  public PostProducer(Producer<byte[], byte[]> producer, String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  /** A real producer from complete client properties (see {@link KafkaSettings#producer}). */
  public static PostProducer create(Properties properties, String topic) {
    return new PostProducer(
        new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer()),
        topic);
  }

  @Override
  public void post(Post post) {
    send(post.id().getBytes(StandardCharsets.UTF_8), PostJson.toBytes(post));
  }

  @Override
  public void raw(String key, byte[] value) {
    send(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
  }

  private void send(byte[] key, byte[] value) {
    sent.incrementAndGet();
    try {
      producer.send(
          new ProducerRecord<>(topic, key, value),
          (metadata, exception) -> {
            if (exception == null) {
              acknowledged.incrementAndGet();
            } else {
              recordFailure(exception);
            }
          });
    } catch (RuntimeException e) {
      // send() throws (instead of calling back) for some errors, e.g. when interrupted or closed.
      recordFailure(e);
    }
  }

  private void recordFailure(Exception e) {
    failed.incrementAndGet();
    if (firstError.compareAndSet(null, e)) {
      LOG.error("sending to topic {} failed: {}", topic, e.toString());
    }
  }

  /** Blocks until every record handed over so far is acknowledged or failed. */
  public void flush() {
    producer.flush();
  }

  /** Flushes, waiting at most {@code timeout}; what is still buffered then is failed. */
  public void close(Duration timeout) {
    producer.close(timeout);
  }

  @Override
  public void close() {
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

  /** The first send failure, or null. */
  public Exception firstError() {
    return firstError.get();
  }

  public String topic() {
    return topic;
  }
}
