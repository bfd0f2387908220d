package io.courtside.e2e;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.ingest.KafkaSettings;
import io.courtside.ingest.PostProducer;
import io.courtside.ingest.SyntheticPosts;
import io.courtside.ingest.TopicAdmin;
import io.courtside.model.Post;
import io.courtside.model.PostJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Records into Kafka (all at once or paced, as a live feed) and dead letters out of it. */
final class Traffic {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Traffic() {}

  /** One record to send: key and raw value. */
  record Item(String key, byte[] value) {
    static Item of(Post p) {
      return new Item(p.id(), PostJson.toBytes(p));
    }

    static Item raw(String key, String value) {
      return new Item(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }
  }

  static List<Item> of(List<Post> posts) {
    List<Item> out = new ArrayList<>(posts.size());
    posts.forEach(p -> out.add(Item.of(p)));
    return out;
  }

  static void createTopic(String bootstrap, String topic) throws Exception {
    createTopic(bootstrap, topic, 3);
  }

  static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
    new TopicAdmin(KafkaSettings.admin(bootstrap, new Properties()))
        .ensureTopic(topic, partitions, (short) 1);
  }

  /** Sends everything now and waits for every acknowledgement. */
  static void send(String bootstrap, String topic, List<Item> items) throws Exception {
    sendPaced(bootstrap, topic, items, 0).get();
  }

  /**
   * Sends {@code items} at {@code perSecond} (0: as fast as possible) on another thread. The
   * producer is idempotent with acks=all and retries through a broker restart; it gives a record
   * ten minutes ({@link CheckedProducer#DELIVERY_TIMEOUT_MS}) and fails the test on any it lost.
   */
  static CompletableFuture<Void> sendPaced(
      String bootstrap, String topic, List<Item> items, int perSecond) throws Exception {
    return sendPaced(bootstrap, topic, items.size(), items::get, perSecond, () -> false);
  }

  /**
   * As {@link #sendPaced(String, String, List, int)}, the {@code i}-th record made by {@code item}
   * on the sending thread just before it is sent; it sends no more once {@code stop} says so.
   */
  private static CompletableFuture<Void> sendPaced(
      String bootstrap,
      String topic,
      int n,
      IntFunction<Item> item,
      int perSecond,
      BooleanSupplier stop)
      throws Exception {
    createTopic(bootstrap, topic);
    Properties extra = new Properties();
    extra.put("delivery.timeout.ms", CheckedProducer.DELIVERY_TIMEOUT_MS);
    return CompletableFuture.runAsync(
        () -> {
          try (PostProducer producer =
              PostProducer.create(KafkaSettings.producer(bootstrap, extra), topic)) {
            long start = System.nanoTime();
            for (int i = 0; i < n && !stop.getAsBoolean(); i++) {
              if (perSecond > 0) {
                long due = start + i * 1_000_000_000L / perSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                  Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
              }
              Item next = item.apply(i);
              producer.raw(next.key(), next.value());
            }
            producer.flush();
            assertEquals("send failures: " + producer.firstError(), 0, producer.failed());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        });
  }

  /**
   * Sends {@code n} posts (texts of {@link TestPosts}) created as they are sent, {@code perSecond}
   * a second, and waits for them; returns them.
   */
  static List<Post> sendLive(String bootstrap, String topic, String prefix, int n, int perSecond) {
    return sendLive(
        bootstrap, topic, TestPosts.posts(prefix, n, java.time.Instant.now(), 1, n), perSecond);
  }

  /**
   * Sends the posts of {@code shape} (ids, texts), {@code perSecond} a second, each created at the
   * moment it is handed to the producer, and waits for them; returns them as sent. The time is
   * taken at the send, not from the schedule: a sender that falls behind its schedule (a busy
   * machine, the producer starting up) would otherwise add its own delay to every post's latency.
   */
  static List<Post> sendLive(String bootstrap, String topic, List<Post> shape, int perSecond) {
    Post[] sent = new Post[shape.size()];
    try {
      sendPaced(
              bootstrap,
              topic,
              shape.size(),
              i -> {
                sent[i] = createdNow(shape.get(i).id(), shape.get(i));
                return Item.of(sent[i]);
              },
              perSecond,
              () -> false)
          .get();
    } catch (Exception e) {
      throw new IllegalStateException("sending the live feed failed", e);
    }
    return List.of(sent);
  }

  /**
   * {@code shape}'s text, author, language, source and hashtags as post {@code id}, created now.
   */
  private static Post createdNow(String id, Post shape) {
    return new Post(
        id,
        java.time.Instant.ofEpochMilli(System.currentTimeMillis()),
        shape.text(),
        shape.lang(),
        shape.author(),
        shape.source(),
        shape.hashtags());
  }

  /**
   * A live feed that runs until it is stopped: posts with ids {@code prefix + i} and synthetic
   * texts, {@code perSecond} a second, each created at the moment it is handed to the producer.
   * Unlike {@link #sendLive}, whose feed may end before a slow job has stored any of it, a test can
   * act (kill a job) while this one is certainly still sending.
   */
  static final class LiveFeed {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Post> sent = Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<Void> sending;

    private LiveFeed(String bootstrap, String topic, String prefix, int perSecond)
        throws Exception {
      SyntheticPosts texts = new SyntheticPosts(prefix.hashCode(), java.time.Clock.systemUTC());
      sending =
          sendPaced(
              bootstrap,
              topic,
              Integer.MAX_VALUE,
              i -> {
                Post now = createdNow(prefix + i, texts.next());
                sent.add(now);
                return Item.of(now);
              },
              perSecond,
              stop::get);
    }

    static LiveFeed start(String bootstrap, String topic, String prefix, int perSecond)
        throws Exception {
      return new LiveFeed(bootstrap, topic, prefix, perSecond);
    }

    /** Whether it is still sending (not stopped, not failed). */
    boolean sending() {
      return !sending.isDone();
    }

    /** How many posts it has handed to the producer so far. */
    int sentSoFar() {
      return sent.size();
    }

    /** Stops it, waits for every acknowledgement and returns the posts sent, in order. */
    List<Post> stop() throws Exception {
      stop.set(true);
      sending.get();
      synchronized (sent) {
        return List.copyOf(sent);
      }
    }
  }

  /**
   * Dead letters of {@code topic}'s DLQ, keyed by "partition@offset" of the bad record (a rewind
   * may publish one again: the same key), read until {@code want} distinct ones or a timeout.
   */
  static Map<String, JsonNode> deadLetters(
      String bootstrap, String dlqTopic, int want, Duration timeout) throws Exception {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-dlq-reader-" + System.nanoTime());
    Map<String, JsonNode> out = new LinkedHashMap<>();
    try (KafkaConsumer<String, String> c =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      c.subscribe(List.of(dlqTopic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (out.size() < want && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
          JsonNode d = MAPPER.readTree(r.value());
          out.put(
              d.path("topic").asText()
                  + "/"
                  + d.path("partition").asInt()
                  + "@"
                  + d.path("offset").asLong()
                  + (d.path("offset").asLong() < 0 ? "#" + out.size() : ""),
              d);
        }
      }
    }
    return out;
  }
}
