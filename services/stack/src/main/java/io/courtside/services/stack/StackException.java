package io.courtside.services.stack;

/** A local service could not be started or found; the message says what to do about it. */
public class StackException extends RuntimeException {

  public StackException(String message) {
    super(message);
  }

  public StackException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A port we were asked to use is taken by a process we did not start. */
  public static final class PortInUse extends StackException {
    private final String service;
    private final int port;

    public PortInUse(String service, int port) {
      // Every command that starts the stack (stack start, demo) names its ports with these flags.
      super(
          service
              + " port 127.0.0.1:"
              + port
              + " is already in use by another process."
              + " Stop that process, or choose another port with "
              + (service.equals("Kafka") ? "--kafkaPort" : "--influxPort")
              + "=PORT (0 = any free port).");
      this.service = service;
      this.port = port;
    }

    public String service() {
      return service;
    }

    public int port() {
      return port;
    }
  }
}
