package io.courtside.dashboard.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One tab of a {@link HeadlessChromium}: navigate, evaluate, wait, screenshot, and its console
 * errors.
 */
public final class BrowserPage {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HeadlessChromium browser;
  private final String session;
  private final int width;
  private final List<String> errors = new CopyOnWriteArrayList<>();

  BrowserPage(HeadlessChromium browser, String session, int width, int height) throws IOException {
    this.browser = browser;
    this.session = session;
    this.width = width;
    browser.onEvent(
        (s, m) -> {
          if (session.equals(s)) {
            collectError(m.path("method").asText(), m.path("params"));
          }
        });
    for (String domain : List.of("Runtime.enable", "Log.enable", "Page.enable")) {
      browser.send(session, domain, null);
    }
    resize(height);
  }

  private void collectError(String method, JsonNode p) {
    switch (method) {
      case "Runtime.consoleAPICalled" -> {
        if ("error".equals(p.path("type").asText()) || "assert".equals(p.path("type").asText())) {
          List<String> args = new ArrayList<>();
          p.path("args")
              .forEach(a -> args.add(a.path("value").asText(a.path("description").asText())));
          errors.add("console." + p.path("type").asText() + ": " + String.join(" ", args));
        }
      }
      case "Runtime.exceptionThrown" ->
          errors.add(
              "exception: "
                  + p.path("exceptionDetails")
                      .path("exception")
                      .path("description")
                      .asText(p.path("exceptionDetails").path("text").asText()));
      case "Log.entryAdded" -> {
        if ("error".equals(p.path("entry").path("level").asText())) {
          errors.add(
              "log: "
                  + p.path("entry").path("text").asText()
                  + " "
                  + p.path("entry").path("url").asText());
        }
      }
      default -> {}
    }
  }

  /** Opens {@code url} and waits until the document has loaded. */
  public void navigate(String url) throws IOException {
    JsonNode r = browser.send(session, "Page.navigate", JSON.createObjectNode().put("url", url));
    if (r.hasNonNull("errorText")) {
      throw new IOException("cannot open " + url + ": " + r.get("errorText").asText());
    }
    if (!waitFor("document.readyState === 'complete'", Duration.ofSeconds(30))) {
      throw new IOException(url + " did not finish loading within 30 s");
    }
  }

  /** The value of a JavaScript expression (promises awaited), as JSON. */
  public JsonNode evaluate(String expression) throws IOException {
    ObjectNode p =
        JSON.createObjectNode()
            .put("expression", expression)
            .put("returnByValue", true)
            .put("awaitPromise", true);
    JsonNode r = browser.send(session, "Runtime.evaluate", p);
    if (r.has("exceptionDetails")) {
      throw new IOException(
          "`"
              + expression
              + "` threw "
              + r.path("exceptionDetails")
                  .path("exception")
                  .path("description")
                  .asText(r.path("exceptionDetails").path("text").asText()));
    }
    return r.path("result").path("value");
  }

  /** Polls {@code expression} until it is true; false when {@code timeout} passed first. */
  public boolean waitFor(String expression, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (evaluate("!!(" + expression + ")").asBoolean()) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for " + expression);
      }
    }
  }

  /** Console errors, uncaught exceptions and failed loads since the tab opened. */
  public List<String> errors() {
    return List.copyOf(errors);
  }

  /** A PNG of the whole page (the viewport grows to the document's height). */
  public void screenshot(Path file) throws IOException {
    int height = evaluate("Math.ceil(document.documentElement.scrollHeight)").asInt(800);
    resize(Math.max(200, Math.min(height, 4000)));
    JsonNode shot =
        browser.send(
            session, "Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
  }

  /** The page's JavaScript heap in use after a full garbage collection, in bytes. */
  public long heapUsedAfterGc() throws IOException {
    browser.send(session, "HeapProfiler.collectGarbage", null);
    return browser.send(session, "Runtime.getHeapUsage", null).path("usedSize").asLong();
  }

  private void resize(int height) throws IOException {
    browser.send(
        session,
        "Emulation.setDeviceMetricsOverride",
        JSON.createObjectNode()
            .put("width", width)
            .put("height", height)
            .put("deviceScaleFactor", 1)
            .put("mobile", false));
  }
}
