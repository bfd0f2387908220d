package io.courtside.dashboard.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A headless Chromium (Debian's {@code chromium}) driven over the Chrome DevTools Protocol: the
 * JDK's WebSocket client and Jackson, no driver download. It runs with its own temporary profile,
 * listens on 127.0.0.1 only, and {@link #close} kills it and its helper processes by PID.
 */
public final class HeadlessChromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final List<String> NAMES =
      List.of("chromium", "chromium-browser", "google-chrome");

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<BiConsumer<String, JsonNode>> listeners = new CopyOnWriteArrayList<>();

  private HeadlessChromium(Process process, Path profile, WebSocket socket) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
  }

  /** The browser binary on the PATH, or a message saying how to install it. */
  public static Path executable() throws IOException {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      for (String name : NAMES) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    throw new IOException(
        "no chromium on the PATH: install it with `sudo apt-get install chromium`");
  }

  /** Starts the browser and connects to it; a window of {@code width} x {@code height}. */
  public static HeadlessChromium launch(int width, int height)
      throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("courtside-chromium");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                executable().toString(),
                "--headless=new",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "--user-data-dir=" + profile,
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-gpu",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--disable-component-update",
                "--mute-audio",
                "--hide-scrollbars",
                "--window-size=" + width + "," + height));
    if ("root".equals(System.getProperty("user.name"))) {
      cmd.add("--no-sandbox"); // Chromium refuses to run as root with its sandbox
    }
    cmd.add("about:blank");
    Process process =
        new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      String url = devToolsUrl(process);
      HeadlessChromium browser = connect(process, profile, url);
      return browser;
    } catch (IOException | RuntimeException e) {
      kill(process, profile);
      throw e;
    }
  }

  /** Reads stderr until the DevTools URL, then keeps draining it so the browser never blocks. */
  private static String devToolsUrl(Process process) throws IOException {
    BufferedReader err =
        new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> url = new CompletableFuture<>();
    List<String> head = new CopyOnWriteArrayList<>();
    Thread drain =
        new Thread(
            () -> {
              try {
                for (String line; (line = err.readLine()) != null; ) {
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    url.complete(m.group(1));
                  } else if (head.size() < 20) {
                    head.add(line);
                  }
                }
              } catch (IOException closed) {
                // The browser exited.
              }
              url.completeExceptionally(
                  new IOException(
                      "chromium exited before it listened: " + String.join(" | ", head)));
            },
            "chromium-stderr");
    drain.setDaemon(true);
    drain.start();
    try {
      return url.get(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IOException(
          "chromium did not print its DevTools URL within 30 s: " + String.join(" | ", head));
    } catch (Exception e) {
      throw new IOException(e.getCause() != null ? e.getCause().getMessage() : e.toString());
    }
  }

  private static HeadlessChromium connect(Process process, Path profile, String url)
      throws IOException {
    HeadlessChromium[] self = new HeadlessChromium[1];
    StringBuilder partial = new StringBuilder();
    WebSocket.Listener listener =
        new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
              String message = partial.toString();
              partial.setLength(0);
              self[0].dispatch(message);
            }
            ws.request(1);
            return null;
          }
        };
    WebSocket socket;
    try {
      socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .buildAsync(URI.create(url), listener)
              .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IOException("cannot connect to chromium's DevTools at " + url + ": " + e);
    }
    self[0] = new HeadlessChromium(process, profile, socket);
    return self[0];
  }

  private void dispatch(String message) {
    try {
      JsonNode m = JSON.readTree(message);
      if (m.has("id")) {
        CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
        if (f != null) {
          if (m.has("error")) {
            f.completeExceptionally(new IOException("DevTools: " + m.get("error")));
          } else {
            f.complete(m.path("result"));
          }
        }
      } else {
        for (BiConsumer<String, JsonNode> l : listeners) {
          l.accept(m.path("sessionId").asText(""), m);
        }
      }
    } catch (IOException e) {
      // Not JSON: not from DevTools; ignore.
    }
  }

  /** Sends a command (to a page when {@code sessionId} is not null) and waits for its result. */
  public JsonNode send(String sessionId, String method, ObjectNode params) throws IOException {
    int id = ids.incrementAndGet();
    ObjectNode m = JSON.createObjectNode().put("id", id).put("method", method);
    m.set("params", params == null ? JSON.createObjectNode() : params);
    if (sessionId != null) {
      m.put("sessionId", sessionId);
    }
    CompletableFuture<JsonNode> result = new CompletableFuture<>();
    pending.put(id, result);
    synchronized (socket) {
      socket.sendText(m.toString(), true).join();
    }
    try {
      return result.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      pending.remove(id);
      throw new IOException(
          method + " failed: " + (e.getCause() != null ? e.getCause().getMessage() : e));
    }
  }

  /** Every event: (sessionId, the whole message with {@code method} and {@code params}). */
  public void onEvent(BiConsumer<String, JsonNode> listener) {
    listeners.add(listener);
  }

  /** A new tab, attached: its commands go through {@link BrowserPage}. */
  public BrowserPage newPage(int width, int height) throws IOException {
    String target =
        send(null, "Target.createTarget", JSON.createObjectNode().put("url", "about:blank"))
            .path("targetId")
            .asText();
    String session =
        send(
                null,
                "Target.attachToTarget",
                JSON.createObjectNode().put("targetId", target).put("flatten", true))
            .path("sessionId")
            .asText();
    return new BrowserPage(this, session, width, height);
  }

  public long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // The browser may already be gone; it is killed below either way.
    }
    kill(process, profile);
  }

  private static void kill(Process process, Path profile) {
    List<ProcessHandle> helpers = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    helpers.forEach(ProcessHandle::destroyForcibly);
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A leftover temp profile is harmless.
    }
  }
}
