package io.courtside.pipeline.config;

import io.courtside.model.KafkaClientSettings;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * How every Kafka client of the job connects: {@code --bootstrapServers} and the settings of {@code
 * --kafkaConfig}, a Java properties file (SASL/SSL for a secured cluster, tuning). Each client (the
 * KafkaIO reader, the dead-letter producer, the admin clients and consumers of the start, the
 * backfill and verify) gets the settings its kind of client knows; what a client sets itself for
 * the job's correctness (a group id, offsets committed by the job, the dead-letter producer's acks)
 * is set after them.
 *
 * <p>The values are often secrets (a JAAS config with a password), so they never travel with the
 * job: this object keeps the file's path, and a copy deserialized on a worker reads the file there
 * (it must exist on every worker, as {@code --influxPasswordFile} must); {@link #toString} and
 * every message name the keys only. The KafkaIO steps create their clients through factories that
 * add the settings on the worker ({@link #consumerFactory}, {@link #producerFactory}), so neither
 * the transforms nor Beam's display data of them hold a value.
 */
public final class KafkaClients implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Keys the job sets itself, on every client that has them; a file may not set them. */
  static final Map<String, String> OWNED =
      Map.of(
          "bootstrap.servers", "the job takes it from --bootstrapServers",
          "group.id", "the job takes it from --consumerGroup",
          "enable.auto.commit", "the job commits the offsets it has read",
          "allow.auto.create.topics", "the job creates the topics it needs itself",
          "key.deserializer", "the job reads bytes",
          "value.deserializer", "the job reads bytes",
          "key.serializer", "the job writes bytes",
          "value.serializer", "the job writes bytes");

  private final String bootstrapServers;

  /** The {@code --kafkaConfig} file; null: none. */
  private final String file;

  /** The file's settings, read where this object is used; not serialized. */
  private transient Map<String, String> settings;

  private KafkaClients(String bootstrapServers, String file, Map<String, String> settings) {
    this.bootstrapServers = bootstrapServers;
    this.file = file;
    this.settings = Map.copyOf(settings);
  }

  /** The bootstrap servers and no other setting. */
  public static KafkaClients of(String bootstrapServers) {
    return new KafkaClients(bootstrapServers, null, Map.of());
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The {@code --kafkaConfig} settings, read from the file on first use in this JVM. */
  public synchronized Map<String, String> settings() {
    if (settings == null) {
      settings = load(bootstrapServers, file).settings;
    }
    return settings;
  }

  /**
   * {@code bootstrapServers} with the settings of the properties file {@code file} (UTF-8); null:
   * none. Throws IllegalArgumentException naming {@code --kafkaConfig} and the key at fault, never
   * a value: a missing or unreadable file, a key the job owns ({@link #OWNED}), a key no Kafka
   * client knows (a typo such as {@code security.protocl} would otherwise leave the client on
   * plaintext and fail later as an unreachable broker), or a value Kafka's own parser refuses.
   */
  public static KafkaClients load(String bootstrapServers, String file) {
    if (file == null) {
      return of(bootstrapServers);
    }
    String flag = "--kafkaConfig=" + file;
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
      props.load(in);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(flag + ": no such file");
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(flag + ": cannot read it (" + e.getMessage() + ")");
    }
    Map<String, String> settings = new TreeMap<>();
    for (String key : props.stringPropertyNames()) {
      settings.put(key, props.getProperty(key).strip());
    }
    for (String key : settings.keySet()) {
      if (OWNED.containsKey(key)) {
        throw new IllegalArgumentException(
            flag + ": sets " + key + ", which it may not: " + OWNED.get(key));
      }
    }
    try {
      KafkaClientSettings.check(settings);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(flag + ": " + e.getMessage());
    }
    KafkaClients clients = new KafkaClients(bootstrapServers, file, settings);
    parse(flag, ConsumerConfig.configDef(), clients.consumer());
    parse(flag, ProducerConfig.configDef(), clients.producer());
    parse(flag, AdminClientConfig.configDef(), clients.admin());
    return clients;
  }

  /**
   * A KafkaIO consumer factory: a consumer of KafkaIO's configuration on top of the file's consumer
   * settings, read on the worker.
   */
  public SerializableFunction<Map<String, Object>, Consumer<byte[], byte[]>> consumerFactory() {
    KafkaClients clients = this;
    return config -> {
      Map<String, Object> all = clients.consumer();
      all.putAll(config);
      return new KafkaConsumer<>(all);
    };
  }

  /**
   * A KafkaIO producer factory: a producer of KafkaIO's configuration on top of the file's producer
   * settings, read on the worker.
   */
  public <K, V> SerializableFunction<Map<String, Object>, Producer<K, V>> producerFactory() {
    KafkaClients clients = this;
    return config -> {
      Map<String, Object> all = clients.producer();
      all.putAll(config);
      return new KafkaProducer<>(all);
    };
  }

  /** Kafka's own check of the values (types, enums), without creating a client. */
  private static void parse(String flag, ConfigDef def, Map<String, Object> props) {
    Map<String, Object> withBytes = new HashMap<>(props);
    // The (de)serializers are required by the consumer's and producer's definitions; the job passes
    // instances, so any class stands in for the check.
    withBytes.putIfAbsent("key.deserializer", ByteArrayDeserializer.class);
    withBytes.putIfAbsent("value.deserializer", ByteArrayDeserializer.class);
    withBytes.putIfAbsent("key.serializer", ByteArraySerializer.class);
    withBytes.putIfAbsent("value.serializer", ByteArraySerializer.class);
    try {
      def.parse(withBytes);
    } catch (ConfigException e) {
      // Kafka's message names the key; for a password-typed key it never fails, so no secret.
      throw new IllegalArgumentException(flag + ": " + e.getMessage());
    }
  }

  /**
   * Consumer properties: the file's consumer settings and the bootstrap servers; a new map each
   * call, for the caller to add its own.
   */
  public Map<String, Object> consumer() {
    Map<String, Object> p = props(ConsumerConfig.configNames());
    // Asking for a missing topic's partitions would make the broker create it: a mistyped --topic
    // would leave an empty topic behind.
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    return p;
  }

  /** Producer properties: the file's producer settings and the bootstrap servers. */
  public Map<String, Object> producer() {
    return props(ProducerConfig.configNames());
  }

  /** Admin client properties: the file's admin settings and the bootstrap servers. */
  public Map<String, Object> admin() {
    return props(AdminClientConfig.configNames());
  }

  /** The file's settings a client of this kind knows, so none warns of the others' keys. */
  private Map<String, Object> props(Set<String> names) {
    Map<String, Object> p = new HashMap<>();
    settings()
        .forEach(
            (k, v) -> {
              if (names.contains(k)) {
                p.put(k, v);
              }
            });
    p.put("bootstrap.servers", bootstrapServers);
    return p;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KafkaClients k
        && bootstrapServers.equals(k.bootstrapServers)
        && Objects.equals(file, k.file);
  }

  @Override
  public int hashCode() {
    return Objects.hash(bootstrapServers, file);
  }

  /** The servers and the keys of the settings, never their values. */
  @Override
  public String toString() {
    Map<String, String> s = settings();
    return bootstrapServers + (s.isEmpty() ? "" : " with " + new TreeSet<>(s.keySet()));
  }
}
