package io.courtside.services.stack;

import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

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
        converter = Port.class,
        paramLabel = "PORT",
        description = "Kafka port on 127.0.0.1; 0 = any free port (default: ${DEFAULT-VALUE}).")
    public int kafkaPort;

    @Option(
        names = "--influxPort",
        defaultValue = "8086",
        converter = Port.class,
        paramLabel = "PORT",
        description =
            "influxd HTTP port on 127.0.0.1; 0 = any free port (default: ${DEFAULT-VALUE}).")
    public int influxPort;
  }

  /**
   * A port flag's value, 0 (any free port) to 65535: refused as the flag's own error (picocli
   * prints "Invalid value for option '--kafkaPort': ..." and the usage, and the command exits 2)
   * before anything starts, instead of a stack trace once the stack is half started.
   */
  public static final class Port implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int port;
      try {
        port = Integer.parseInt(value.strip());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not a port number");
      }
      if (port < 0 || port > 65_535) {
        throw new TypeConversionException(
            "'" + value + "' is not a port: give 1 to 65535, or 0 for any free port");
      }
      return port;
    }
  }
}
