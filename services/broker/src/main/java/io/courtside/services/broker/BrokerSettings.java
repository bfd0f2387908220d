package io.courtside.services.broker;

import java.nio.file.Path;
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
    boolean autoCreateTopics) {

  static final int NODE_ID = 1;
  static final String CONTROLLER_LISTENER = "CONTROLLER";

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
