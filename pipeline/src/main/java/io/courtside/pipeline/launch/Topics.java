package io.courtside.pipeline.launch;

import io.courtside.pipeline.config.KafkaClients;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics the job writes to before it starts, so no broker auto-creation is needed;
 * checks the one it reads; and counts its partitions.
 */
final class Topics {
  private static final Logger LOG = LoggerFactory.getLogger(Topics.class);

  private Topics() {}

  /**
   * Checks the topic the job reads and makes its dead-letter topic (one partition), with one admin
   * client and one listing, before anything else touches the broker. A backfill of a topic that
   * does not exist stops here (IllegalStateException), before the dead-letter topic is made: a
   * mistyped {@code --topic} used to leave both behind, because a consumer asking for a missing
   * topic's partitions makes the broker create it. A streaming job may start before anything was
   * sent, so it creates the topic with the broker's default partitions and replication, and says so
   * (the job's consumers never create a topic: {@code allow.auto.create.topics=false}).
   */
  static void prepare(KafkaClients clients, String topic, String dlqTopic, boolean backfill) {
    try (Admin admin = admin(clients, 15_000)) {
      Set<String> names = await(clients, admin.listTopics().names());
      if (!names.contains(topic)) {
        String where = "topic '" + topic + "' does not exist at " + clients.bootstrapServers();
        if (backfill) {
          throw new IllegalStateException(where + ": nothing to backfill (check --topic)");
        }
        create(admin, clients, new NewTopic(topic, Optional.empty(), Optional.empty()));
        LOG.warn(
            "{}: created it with the broker's default partitions and replication; the job waits"
                + " for posts (check --topic if it is mistyped)",
            where);
      }
      if (!names.contains(dlqTopic)) {
        create(admin, clients, new NewTopic(dlqTopic, 1, (short) 1));
      }
    }
  }

  /** Creates the topic; one made meanwhile by someone else is as good. */
  private static void create(Admin admin, KafkaClients clients, NewTopic topic) {
    try {
      await(clients, admin.createTopics(List.of(topic)).all());
    } catch (IllegalStateException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  /** The admin call's result; an unreachable or refusing broker as {@link #unreachable}. */
  private static <T> T await(KafkaClients clients, KafkaFuture<T> result) {
    try {
      return result.get(15, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw unreachable(clients.bootstrapServers(), e.getCause());
    } catch (TimeoutException e) {
      throw unreachable(clients.bootstrapServers(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * How many partitions {@code topic} has, or empty when it does not exist or the broker does not
   * answer within {@code timeoutMillis} (the start that follows says why).
   */
  static OptionalInt partitionCount(KafkaClients clients, String topic, int timeoutMillis) {
    if (!anyListening(clients.bootstrapServers(), Math.min(timeoutMillis, 1_000))) {
      return OptionalInt.empty();
    }
    try (Admin admin = admin(clients, timeoutMillis)) {
      return OptionalInt.of(
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(timeoutMillis, TimeUnit.MILLISECONDS)
              .get(topic)
              .partitions()
              .size());
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      return OptionalInt.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalInt.empty();
    }
  }

  /**
   * Whether any of the bootstrap servers accepts a TCP connection. Where nothing listens the Admin
   * client retries until its timeout; this answers at once, and the start that follows reports the
   * unreachable broker.
   */
  static boolean anyListening(String bootstrapServers, int timeoutMillis) {
    for (String server : bootstrapServers.split(",")) {
      String s = server.trim();
      int colon = s.lastIndexOf(':');
      if (colon <= 0) {
        return true; // not host:port: let the Admin client say what it makes of it
      }
      try (java.net.Socket socket = new java.net.Socket()) {
        socket.connect(
            new java.net.InetSocketAddress(
                s.substring(0, colon).replaceAll("^\\[|\\]$", ""),
                Integer.parseInt(s.substring(colon + 1))),
            timeoutMillis);
        return true;
      } catch (java.io.IOException | IllegalArgumentException e) {
        // try the next one
      }
    }
    return false;
  }

  private static Admin admin(KafkaClients clients, int timeoutMillis) {
    Map<String, Object> config = clients.admin();
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMillis);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMillis);
    return Admin.create(config);
  }

  private static IllegalStateException unreachable(String servers, Throwable cause) {
    if (cause instanceof org.apache.kafka.common.errors.AuthenticationException
        || cause instanceof org.apache.kafka.common.errors.AuthorizationException) {
      // Reached, and refused: the advice to start a local broker would mislead.
      return new IllegalStateException(
          "Kafka at "
              + servers
              + " refused the job (check the security settings of --kafkaConfig): "
              + cause,
          cause);
    }
    return new IllegalStateException(
        "cannot reach Kafka at "
            + servers
            + " (start it with `./courtside stack start` or pass --bootstrapServers): "
            + cause,
        cause);
  }
}
