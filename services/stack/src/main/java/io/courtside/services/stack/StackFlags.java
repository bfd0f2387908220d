package io.courtside.services.stack;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The flags every command of the local stack shares, as picocli mixins, so that {@code stack},
 * {@code demo}, {@code spark} and {@code submit} spell, explain and default them alike.
 */
public final class StackFlags {
  private StackFlags() {}

  /** {@code --stateDir}: where the stack (and the local Spark cluster) keep their state. */
  public static final class StateDir {
    @Option(
        names = "--stateDir",
        defaultValue = ".courtside",
        paramLabel = "DIR",
        description =
            "Folder for pid files, logs and data, relative to the working directory (default: ${DEFAULT-VALUE}).")
    public Path stateDir;
  }

  /** {@code --kafkaPort} and {@code --influxPort}: the ports the stack's services listen on. */
  public static final class Ports {
    @Option(
        names = "--kafkaPort",
        defaultValue = "9092",
        paramLabel = "PORT",
        description = "Kafka port on 127.0.0.1; 0 = any free port (default: ${DEFAULT-VALUE}).")
    public int kafkaPort;

    @Option(
        names = "--influxPort",
        defaultValue = "8086",
        paramLabel = "PORT",
        description =
            "influxd HTTP port on 127.0.0.1; 0 = any free port (default: ${DEFAULT-VALUE}).")
    public int influxPort;
  }
}
