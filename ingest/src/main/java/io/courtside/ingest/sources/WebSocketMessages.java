package io.courtside.ingest.sources;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The JDK's callback WebSocket client turned into a pull API: {@link #poll} returns the next whole
 * text message. Flow control is explicit: one message is requested at a time and the next only when
 * the consumer calls {@link #requestNext}, so the socket is read no faster than we produce. A
 * message longer than the limit is not assembled: its fragments are dropped as they arrive (a
 * hostile or broken server cannot exhaust the heap) and it is reported to {@code onOversize}.
 */
final class WebSocketMessages implements AutoCloseable {
  private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

  /** Marks the end of the stream in the queue; compared by identity. */
  private static final String END = new String("end");

  private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
  private final int maxMessageChars;
  private final Runnable onOversize;
  private volatile String endReason;
  private volatile Throwable error;
  private WebSocket socket;

  private WebSocketMessages(int maxMessageChars, Runnable onOversize) {
    this.maxMessageChars = maxMessageChars;
    this.onOversize = onOversize;
  }

  /**
   * @param maxMessageChars longest text message kept
   * @param onOversize called (on the socket's thread) for each longer message, which is dropped
   */
  static WebSocketMessages connect(
      HttpClient client, URI uri, int maxMessageChars, Runnable onOversize)
      throws IOException, HttpStatusException, InterruptedException {
    WebSocketMessages messages = new WebSocketMessages(maxMessageChars, onOversize);
    try {
      messages.socket =
          client
              .newWebSocketBuilder()
              .connectTimeout(HANDSHAKE_TIMEOUT)
              .buildAsync(uri, messages.new Listener())
              .get(HANDSHAKE_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof WebSocketHandshakeException handshake) {
        var response = handshake.getResponse();
        Object body = response.body();
        throw new HttpStatusException(
            response.statusCode(), body instanceof String s ? s : null, response.headers());
      }
      throw cause instanceof IOException io ? io : new IOException(cause);
    } catch (TimeoutException e) {
      throw new IOException("WebSocket handshake timed out", e);
    }
    return messages;
  }

  /**
   * The next text message, or null when none arrived within {@code timeout}.
   *
   * @throws IOException when the server closed the socket or it failed
   */
  String poll(Duration timeout) throws IOException, InterruptedException {
    String message = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (message == END) {
      queue.add(END); // stay ended for later calls
      throw error != null
          ? new IOException("WebSocket failed: " + error, error)
          : new IOException("WebSocket closed by the server: " + endReason);
    }
    return message;
  }

  void requestNext() {
    socket.request(1);
  }

  @Override
  public void close() {
    if (socket != null) {
      socket.abort(); // no close handshake: we are leaving, and must not wait for the server
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    private boolean dropping;

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      if (!dropping && partial.length() + data.length() > maxMessageChars) {
        dropping = true;
        partial.setLength(0);
        partial.trimToSize();
      }
      if (!dropping) {
        partial.append(data);
      }
      if (!last) {
        webSocket.request(1); // a fragment is not a message: keep reading until the last one
      } else if (dropping) {
        dropping = false;
        onOversize.run();
        webSocket.request(1); // nothing was queued, so the consumer will not ask for more
      } else {
        queue.add(partial.toString());
        partial.setLength(0);
      }
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      // Only compressed Jetstream sends binary frames, and we never ask for compression.
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      endReason = statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason);
      queue.add(END);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable e) {
      error = e;
      queue.add(END);
    }
  }
}
