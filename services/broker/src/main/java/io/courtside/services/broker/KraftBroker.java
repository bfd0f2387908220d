package io.courtside.services.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A single-node KRaft Kafka broker (combined broker + controller) for local use.
 *
 * <p>Runs in its own JVM because the Kafka server needs Scala 2.13, which must never share a
 * classpath with Spark's Scala 2.12. The launcher ({@code courtside-stack}) waits for the line
 * {@code READY host:port} on stdout and stops the broker with SIGTERM.
 */
@Command(
    name = "kraft-broker",
    mixinStandardHelpOptions = true,
    description = "Runs a single-node KRaft Kafka broker bound to loopback.")
public final class KraftBroker implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(KraftBroker.class);
  private static final String CLUSTER_ID_FILE = "cluster.id";

  @Option(
      names = "--port",
      defaultValue = "9092",
      description = "Client port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--controllerPort",
      defaultValue = "0",
      description = "KRaft controller port (default: a free port).")
  int controllerPort;

  @Option(names = "--dataDir", required = true, description = "Folder for the cluster id and logs.")
  Path dataDir;

  @Option(
      names = "--partitions",
      defaultValue = "3",
      description = "num.partitions for auto-created topics (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Bind address (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--autoCreateTopics",
      defaultValue = "true",
      negatable = true,
      fallbackValue = "true",
      description = "auto.create.topics.enable (default: ${DEFAULT-VALUE}).")
  boolean autoCreateTopics;

  @Option(
      names = "--saslPort",
      defaultValue = "0",
      description =
          "Also listen here for clients that log in with SASL/PLAIN as one of --saslUsers"
              + " (default: no such listener).")
  int saslPort;

  @Option(
      names = "--saslUsers",
      paramLabel = "FILE",
      description = "Properties file of user=password for the --saslPort listener.")
  Path saslUsers;

  public static void main(String[] args) {
    System.exit(new CommandLine(new KraftBroker()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    int cport = controllerPort > 0 ? controllerPort : freePortOtherThan(host, port);
    BrokerSettings settings =
        new BrokerSettings(
            host,
            port,
            cport,
            dataDir.toAbsolutePath(),
            partitions,
            autoCreateTopics,
            saslPort,
            users(saslUsers));
    Files.createDirectories(settings.logDir());
    Properties props = settings.toProperties();
    formatIfNeeded(settings, props);

    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    CountDownLatch stopped = new CountDownLatch(1);
    // SIGTERM/SIGINT run shutdown hooks: shut Kafka down cleanly so the next start needs no
    // log recovery, and wait for it so the JVM does not exit halfway through.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("Stopping the broker");
                  server.shutdown();
                  server.awaitShutdown();
                  stopped.countDown();
                },
                "broker-shutdown"));

    server.startup();
    // startup() returns once the broker is unfenced; still confirm the socket accepts before
    // announcing readiness, since the launcher trusts READY without probing.
    awaitListening(host, port);
    System.out.println("READY " + host + ":" + port);
    System.out.flush();
    server.awaitShutdown();
    stopped.await();
    return 0;
  }

  /** The user=password lines of {@code file}; none without it. */
  private static java.util.Map<String, String> users(Path file) throws IOException {
    java.util.Map<String, String> users = new java.util.TreeMap<>();
    if (file != null) {
      Properties p = new Properties();
      try (java.io.Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(in);
      }
      p.stringPropertyNames().forEach(u -> users.put(u, p.getProperty(u)));
    }
    return users;
  }

  /** Formats the storage on first start only, with a cluster id kept in dataDir for restarts. */
  private static void formatIfNeeded(BrokerSettings settings, Properties props) throws IOException {
    if (Files.exists(settings.logDir().resolve("meta.properties"))) {
      return;
    }
    Path idFile = settings.dataDir().resolve(CLUSTER_ID_FILE);
    String clusterId;
    if (Files.exists(idFile)) {
      clusterId = Files.readString(idFile, StandardCharsets.UTF_8).trim();
    } else {
      clusterId = Uuid.randomUuid().toString();
      Files.writeString(idFile, clusterId + "\n", StandardCharsets.UTF_8);
    }
    // StorageTool reads a properties file, as `kafka-storage.sh format` does; keep it in dataDir,
    // which also documents the configuration the broker ran with.
    Path configFile = settings.dataDir().resolve("server.properties");
    Properties stored = new Properties();
    // Not the SASL users' passwords: formatting does not need them.
    props.stringPropertyNames().stream()
        .filter(k -> !k.endsWith("sasl.jaas.config"))
        .forEach(k -> stored.setProperty(k, props.getProperty(k)));
    try (OutputStream out = Files.newOutputStream(configFile)) {
      stored.store(
          out, "Written by KraftBroker for `kafka-storage format`; regenerated on each format");
    }
    PrintStream quiet =
        new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    int rc =
        StorageTool.execute(
            new String[] {
              "format",
              "--config",
              configFile.toString(),
              "--cluster-id",
              clusterId,
              "--ignore-formatted"
            },
            quiet);
    if (rc != 0) {
      throw new IllegalStateException("kafka-storage format failed with exit code " + rc);
    }
    LOG.info("Formatted {} with cluster id {}", settings.logDir(), clusterId);
  }

  /**
   * A free port for the controller listener. Not {@code port}: the client port was picked free by
   * our caller and is not bound yet, so the OS may hand out the same number again (seen in the
   * tests: "two listeners on the same port").
   */
  static int freePortOtherThan(String host, int port) {
    for (int attempt = 0; attempt < 10; attempt++) {
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress(host, 0));
        if (socket.getLocalPort() != port) {
          return socket.getLocalPort();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("No free port on " + host, e);
      }
    }
    throw new IllegalStateException("No free port on " + host + " other than " + port);
  }

  private static void awaitListening(String host, int port) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(host, port), 500);
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Broker started but " + host + ":" + port + " refuses connections", e);
        }
        Thread.sleep(50);
      }
    }
  }
}
