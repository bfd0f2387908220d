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
      super(service + " port 127.0.0.1:" + port + " is already in use by another process");
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
