package io.courtside.ingest;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the posts topic exists before producing. Creating it ourselves (rather than relying on
 * broker auto-creation) is what lets {@code --partitions} choose the parallelism the pipeline can
 * read with. It also serves as the reachability check, with an error that says what to do.
 */
public final class TopicAdmin {
  private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);

  private final Properties adminProps;
  private final long timeoutMs;

  /**
   * @param adminProps from {@link KafkaSettings#admin}; its API timeout bounds every wait
   */
  public TopicAdmin(Properties adminProps) {
    this.adminProps = adminProps;
    this.timeoutMs =
        Long.parseLong(
            adminProps.getProperty(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                Integer.toString(KafkaSettings.ADMIN_TIMEOUT_MS)));
  }

  /**
   * Creates the topic with the given partitions and replication factor unless it exists (an
   * existing topic is kept as it is).
   *
   * @return true when this call created it
   * @throws IngestException when the broker cannot be reached or refuses, with a message to show
   */
  public boolean ensureTopic(String topic, int partitions, short replicationFactor)
      throws IngestException {
    String servers = adminProps.getProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
    Admin admin = Admin.create(adminProps);
    try {
      Collection<Node> nodes = await(admin.describeCluster().nodes(), servers);
      TopicDescription existing = describe(admin, topic, servers);
      if (existing != null) {
        if (existing.partitions().size() != partitions) {
          LOG.info(
              "topic {} exists with {} partitions; --partitions={} applies only on creation",
              topic,
              existing.partitions().size(),
              partitions);
        }
        return false;
      }
      if (replicationFactor > nodes.size()) {
        throw new IngestException(
            "--replicationFactor="
                + replicationFactor
                + " but the cluster at "
                + servers
                + " has "
                + nodes.size()
                + " broker(s)");
      }
      try {
        await(
            admin.createTopics(List.of(new NewTopic(topic, partitions, replicationFactor))).all(),
            servers);
        LOG.info(
            "created topic {} with {} partitions, replication factor {}",
            topic,
            partitions,
            replicationFactor);
        return true;
      } catch (IngestException e) {
        if (e.getCause() instanceof TopicExistsException) {
          return false; // another producer created it in between: fine
        }
        if (e.getCause() instanceof InvalidReplicationFactorException) {
          throw new IngestException(
              "--replicationFactor=" + replicationFactor + ": " + e.getCause().getMessage(),
              e.getCause());
        }
        throw e;
      }
    } finally {
      admin.close(Duration.ofSeconds(5));
    }
  }

  private TopicDescription describe(Admin admin, String topic, String servers)
      throws IngestException {
    try {
      return await(admin.describeTopics(List.of(topic)).allTopicNames(), servers).get(topic);
    } catch (IngestException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return null;
      }
      throw e;
    }
  }

  /** Waits for an admin result, turning Kafka's failure modes into messages a user can act on. */
  private <T> T await(KafkaFuture<T> future, String servers) throws IngestException {
    try {
      // The client times out by itself; the extra margin only guards against a stuck future.
      return future.get(timeoutMs + 5_000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw unreachable(servers, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IngestException("interrupted while talking to Kafka at " + servers, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw unreachable(servers, cause);
      }
      if (cause instanceof AuthenticationException) {
        throw new IngestException(
            "Kafka at "
                + servers
                + " refused our credentials: "
                + cause.getMessage()
                + " (check --kafkaConfig)",
            cause);
      }
      throw new IngestException("Kafka at " + servers + ": " + cause, cause);
    }
  }

  static IngestException unreachable(String servers, Throwable cause) {
    return new IngestException(
        "cannot reach Kafka at "
            + servers
            + " — start it with `./courtside stack start` or pass --bootstrapServers",
        cause);
  }
}
