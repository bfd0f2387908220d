package io.courtside.ingest;

import io.courtside.model.KafkaClientSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client properties for ingest: our delivery defaults, then the user's {@code --kafkaConfig} file
 * (SASL/SSL and tuning), the same file the pipeline reads: the producer and the admin client each
 * take the keys their kind of client knows, so a consumer setting in it (for the pipeline) is no
 * warning here. Values from that file are never logged, only their keys, because it typically holds
 * passwords and JAAS configs.
 */
public final class KafkaSettings {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaSettings.class);

  static final String CLIENT_ID = "courtside-ingest";

  /** How long the admin client may try to reach the broker before we call it unreachable. */
  static final int ADMIN_TIMEOUT_MS = 15_000;

  private KafkaSettings() {}

  /**
   * Reads a Java properties file of extra client settings (UTF-8), checked as the job checks its
   * {@code --kafkaConfig} ({@link KafkaClientSettings#check}: a key no Kafka client knows, a JAAS
   * line Kafka cannot read; IllegalArgumentException naming the key, never a value).
   */
  public static Properties load(Path file) throws IOException {
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(reader);
    }
    Map<String, String> settings = new TreeMap<>();
    for (String key : props.stringPropertyNames()) {
      settings.put(key, props.getProperty(key));
    }
    KafkaClientSettings.check(settings);
    // Keys only: the values are often secrets.
    LOG.info(
        "extra Kafka client settings from {}: {}",
        file,
        new TreeSet<>(props.stringPropertyNames()));
    return props;
  }

  /**
   * Requests in flight per broker connection. Why one, not Kafka's five: with several in flight, an
   * idempotent producer writing to a partition the broker holds no state for yet (a topic created a
   * moment ago) loses records silently: the first request fails with a retriable
   * NOT_LEADER_OR_FOLLOWER, the next one is appended (the broker accepts any first sequence), and
   * every retry of the first then fails with OUT_OF_ORDER_SEQUENCE_NUMBER until the delivery
   * timeout drops it (KAFKA-15591, open in 3.9). Seen in our CI as 76 of 600 posts missing. With
   * one request in flight nothing is sent past a batch that has not been acknowledged.
   */
  public static final String MAX_IN_FLIGHT = "1";

  /**
   * Producer properties. Defaults: {@code acks=all} and idempotence (no loss, no duplicates from
   * retries), one request in flight per broker (see {@link #MAX_IN_FLIGHT}), lz4 (cheap CPU, has a
   * pure-Java fallback), a short linger to fill batches, and a bounded buffer whose {@code send}
   * blocks when full instead of failing: back-pressure.
   */
  public static Properties producer(String bootstrapServers, Properties extra) {
    Properties props = new Properties();
    props.put(ProducerConfig.CLIENT_ID_CONFIG, CLIENT_ID);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, MAX_IN_FLIGHT);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(64 * 1024));
    props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(16L * 1024 * 1024));
    // Large so a full buffer blocks (back-pressure) instead of failing records; still finite so a
    // broker that vanished for good surfaces as an error instead of a silent hang.
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "300000");
    Set<String> producerKeys = ProducerConfig.configNames();
    for (String key : extra.stringPropertyNames()) {
      if (producerKeys.contains(key)) {
        props.put(key, extra.getProperty(key));
      }
    }
    warnOnWeakerDelivery(props);
    // The flag is the one source of the address, and we pass serializer instances ourselves.
    ignoreFromFile(props, extra, ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "use --bootstrapServers");
    ignoreFromFile(props, extra, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, "ingest sends bytes");
    ignoreFromFile(
        props, extra, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "ingest sends bytes");
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return props;
  }

  /**
   * Admin client properties: the connection and security settings of the extra file (the admin
   * client warns about producer-only keys, so those are left out) and a bounded wait.
   */
  public static Properties admin(String bootstrapServers, Properties extra) {
    Properties props = new Properties();
    Set<String> adminKeys = AdminClientConfig.configNames();
    for (String key : extra.stringPropertyNames()) {
      if (adminKeys.contains(key)) {
        props.put(key, extra.getProperty(key));
      }
    }
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, CLIENT_ID + "-admin");
    props.putIfAbsent(
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(ADMIN_TIMEOUT_MS));
    props.putIfAbsent(
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(ADMIN_TIMEOUT_MS));
    return props;
  }

  /** The producer's largest request; a replayed line must fit in it with its key and headers. */
  static int maxRecordBytes(Properties producerProps) {
    Object value = producerProps.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
    int maxRequest = 1024 * 1024; // kafka-clients' default max.request.size
    if (value != null) {
      try {
        maxRequest = Integer.parseInt(value.toString().trim());
      } catch (NumberFormatException e) {
        // KafkaProducer will reject the value itself with a precise message.
      }
    }
    // Leave room for the record batch header, the key and per-record overhead.
    return Math.max(1024, maxRequest - 4096);
  }

  private static void warnOnWeakerDelivery(Properties props) {
    if (!"all".equals(props.getProperty(ProducerConfig.ACKS_CONFIG))
        && !"-1".equals(props.getProperty(ProducerConfig.ACKS_CONFIG))) {
      LOG.warn(
          "--kafkaConfig sets acks={}: records may be lost if a broker fails",
          props.getProperty(ProducerConfig.ACKS_CONFIG));
    }
    if (!"true".equalsIgnoreCase(props.getProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG))) {
      LOG.warn("--kafkaConfig disables idempotence: retries may write duplicates");
    }
    String inFlight = props.getProperty(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
    if (!MAX_IN_FLIGHT.equals(inFlight)) {
      LOG.warn(
          "--kafkaConfig sets {}={}: records sent right after a topic is created may be"
              + " lost (KAFKA-15591)",
          ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
          inFlight);
    }
  }

  private static void ignoreFromFile(Properties props, Properties extra, String key, String why) {
    if (extra.containsKey(key)) {
      LOG.warn("--kafkaConfig: {} is ignored ({})", key, why);
      props.remove(key);
    }
  }
}
