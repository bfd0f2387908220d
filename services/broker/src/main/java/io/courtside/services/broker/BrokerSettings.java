package io.courtside.services.broker;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The broker properties for a single-node, combined broker+controller KRaft cluster on loopback.
 *
 * <p>Kept apart from {@link KraftBroker} so the choices (and the reasons for them) sit in one place
 * and can be read without the process plumbing.
 */
record BrokerSettings(
    String host,
    int port,
    int controllerPort,
    Path dataDir,
    int partitions,
    boolean autoCreateTopics,
    int saslPort,
    Map<String, String> saslUsers) {

  static final int NODE_ID = 1;
  static final String CONTROLLER_LISTENER = "CONTROLLER";

  /** The optional listener that requires SASL/PLAIN (for tests of a secured cluster's clients). */
  static final String SASL_LISTENER = "SASL";

  BrokerSettings {
    saslUsers = Map.copyOf(saslUsers);
    if ((saslPort > 0) != !saslUsers.isEmpty()) {
      throw new IllegalArgumentException("--saslPort and --saslUsers go together");
    }
  }

  /** Kafka's data (topic partitions and the __cluster_metadata log) lives here. */
  Path logDir() {
    return dataDir.resolve("logs");
  }

  Properties toProperties() {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", Integer.toString(NODE_ID));
    // Static quorum: the voter set lives in config, not in the log, so the controller port may
    // change between restarts (it is picked free by default) without reformatting.
    p.setProperty("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
    p.setProperty("controller.listener.names", CONTROLLER_LISTENER);
    // Bound to loopback only: this is a developer broker without authentication.
    p.setProperty(
        "listeners",
        "PLAINTEXT://"
            + host
            + ":"
            + port
            + ","
            + CONTROLLER_LISTENER
            + "://"
            + host
            + ":"
            + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
    p.setProperty(
        "listener.security.protocol.map",
        "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    if (saslPort > 0) {
      // A third listener that takes only clients that log in with SASL/PLAIN as one of saslUsers;
      // the plaintext one stays for the broker itself and for tools.
      String sasl = SASL_LISTENER + "://" + host + ":" + saslPort;
      p.setProperty("listeners", p.getProperty("listeners") + "," + sasl);
      p.setProperty("advertised.listeners", p.getProperty("advertised.listeners") + "," + sasl);
      p.setProperty(
          "listener.security.protocol.map",
          p.getProperty("listener.security.protocol.map")
              + ","
              + SASL_LISTENER
              + ":SASL_PLAINTEXT");
      String prefix = "listener.name." + SASL_LISTENER.toLowerCase(java.util.Locale.ROOT) + ".";
      p.setProperty(prefix + "sasl.enabled.mechanisms", "PLAIN");
      StringBuilder jaas =
          new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
      new java.util.TreeMap<>(saslUsers)
          .forEach((user, password) -> jaas.append(" user_" + user + "=\"" + password + "\""));
      p.setProperty(prefix + "plain.sasl.jaas.config", jaas.append(';').toString());
    }
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("log.dirs", logDir().toAbsolutePath().toString());
    p.setProperty("num.partitions", Integer.toString(partitions));
    // Kept on by default: the ingest creates its topic explicitly with a chosen partition count,
    // but the dead-letter producer and Kafka's console tools then work without a setup step.
    p.setProperty("auto.create.topics.enable", Boolean.toString(autoCreateTopics));
    // One node: internal topics cannot have more than one replica.
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("default.replication.factor", "1");
    p.setProperty("min.insync.replicas", "1");
    // Fewer internal partitions: faster first consumer-group start, fewer files on a laptop.
    p.setProperty("offsets.topic.num.partitions", "5");
    p.setProperty("transaction.state.log.num.partitions", "5");
    // Consumers (the pipeline, tests) join at once instead of waiting the default 3 s.
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    return p;
  }
}
