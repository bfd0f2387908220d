package io.courtside.pipeline.read;

import io.courtside.pipeline.config.KafkaClients;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streaming job per consumer group: the job holds a lease, a member of the Kafka group {@code
 * <group>.lease} that subscribes to the topic with every partition paused (it reads nothing, it
 * only heart-beats). A second job with the same group finds that member and is refused.
 *
 * <p>Why: KafkaIO reads with {@code assign()}, so the job's own group never shows a member and two
 * jobs with one group would silently commit over each other and rewind each other. The lease dies
 * with the JVM that holds it (after its 6 s session timeout), so a restart after kill -9 waits that
 * long at most.
 */
public final class GroupLease implements AutoCloseable {
  static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread heartbeat;
  private final KafkaClients clients;
  private static final Logger LOG = LoggerFactory.getLogger(GroupLease.class);
  private final String group;
  private volatile boolean closed;

  private GroupLease(
      KafkaConsumer<byte[], byte[]> consumer, KafkaClients clients, String topic, String group)
      throws InterruptedException {
    this.consumer = consumer;
    this.clients = clients;
    this.group = group;
    CountDownLatch joined = new CountDownLatch(1);
    this.heartbeat =
        new Thread(
            () -> {
              try {
                consumer.subscribe(
                    List.of(topic),
                    new ConsumerRebalanceListener() {
                      @Override
                      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

                      @Override
                      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        consumer.pause(partitions);
                        joined.countDown();
                      }
                    });
                while (!closed) {
                  consumer.poll(Duration.ofMillis(500));
                }
              } catch (WakeupException stopping) {
                // close() woke the poll
              } finally {
                consumer.close(Duration.ofSeconds(5)); // leaves the group at once
              }
            },
            "courtside-group-lease");
    heartbeat.setDaemon(true);
    heartbeat.start();
    if (!joined.await(30, TimeUnit.SECONDS)) {
      close();
      throw new IllegalStateException("could not join the lease group within 30 s");
    }
  }

  /**
   * Takes the lease of {@code group} on {@code topic}; waits up to the session timeout (plus a
   * little) for a holder that died to expire. Throws IllegalStateException, naming the holder, when
   * another job holds it.
   */
  public static GroupLease acquire(KafkaClients clients, String topic, String group) {
    String leaseGroup = group + ".lease";
    Map<String, Object> a = clients.admin();
    a.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000);
    try (Admin admin = Admin.create(a)) {
      long deadline = System.nanoTime() + SESSION_TIMEOUT.plusSeconds(5).toNanos();
      Collection<MemberDescription> members = members(admin, leaseGroup);
      while (!members.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(500);
        members = members(admin, leaseGroup);
      }
      if (!members.isEmpty()) {
        MemberDescription m = members.iterator().next();
        throw new IllegalStateException(
            "another streaming job reads topic "
                + topic
                + " with --consumerGroup="
                + group
                + " ("
                + m.clientId()
                + " on "
                + m.host()
                + "); stop it first, or give this job"
                + " its own --consumerGroup");
      }
      return new GroupLease(consumer(clients, leaseGroup), clients, topic, group);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while taking the lease of group " + group, e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(
          "cannot check consumer group "
              + leaseGroup
              + " at "
              + clients.bootstrapServers()
              + ": "
              + (e.getCause() == null ? e : e.getCause()),
          e);
    }
  }

  private static Collection<MemberDescription> members(Admin admin, String group)
      throws InterruptedException,
          java.util.concurrent.ExecutionException,
          java.util.concurrent.TimeoutException {
    ConsumerGroupDescription d =
        admin
            .describeConsumerGroups(List.of(group))
            .describedGroups()
            .get(group)
            .get(20, TimeUnit.SECONDS);
    return d.members();
  }

  private static KafkaConsumer<byte[], byte[]> consumer(KafkaClients clients, String leaseGroup) {
    Map<String, Object> p = clients.consumer();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, leaseGroup);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "courtside-job-" + whoAmI());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) SESSION_TIMEOUT.toMillis());
    p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2000);
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** pid@host, for the message a refused job prints. */
  private static String whoAmI() {
    String name = ManagementFactory.getRuntimeMXBean().getName();
    try {
      return name.contains("@") ? name : name + "@" + InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return name;
    }
  }

  /**
   * Waits until the job's group has committed nothing new for {@code quiet} (at most {@code max}).
   * Why: a runner's cancel can return while its Kafka readers still commit a last finalized
   * checkpoint (the DirectRunner does); a job started after that in the same JVM would have its
   * rewind overwritten. A JVM that exits (Ctrl-C, kill -9) commits nothing more.
   */
  public void awaitCommitsSettled(Duration quiet, Duration max) {
    Map<String, Object> a = clients.admin();
    a.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    long start = System.nanoTime();
    String outcome = "still changing after " + max.toSeconds() + " s";
    try (Admin admin = Admin.create(a)) {
      long deadline = start + max.toNanos();
      Object last = null;
      long since = System.nanoTime();
      while (System.nanoTime() < deadline) {
        if (System.nanoTime() - since >= quiet.toNanos()) {
          outcome = "settled";
          break;
        }
        Object now =
            admin
                .listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        if (!now.equals(last)) {
          last = now;
          since = System.nanoTime();
        }
        Thread.sleep(250);
      }
    } catch (InterruptedException e) {
      outcome = "interrupted";
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // The broker is gone or slow: nothing to wait for that could be seen.
      outcome = "not seen (" + e + ")";
    }
    // One line a stop: how long giving the lease back waited, and why it stopped waiting.
    LOG.info(
        "consumer group {}: its offset commits {} after {} ms",
        group,
        outcome,
        (System.nanoTime() - start) / 1_000_000);
  }

  /** Leaves the group, so the next job starts at once. */
  @Override
  public void close() {
    closed = true;
    consumer.wakeup();
    try {
      heartbeat.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
