package io.courtside.dashboard.browser;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;

/**
 * What the dashboard page shows a browser, read through {@code window.courtside} (dashboard.js).
 */
public final class DashboardPage {
  /**
   * True once a refresh finished, none is running, and every panel has drawn (data, empty or
   * error).
   */
  public static final String SETTLED =
      "window.courtside && courtside.refreshes > 0 && !courtside.busy"
          + " && document.querySelectorAll('.panel[data-state=loading]').length === 0";

  private DashboardPage() {}

  /** Opens a dashboard page and waits until it settled; fails with the page's own error if any. */
  public static void open(BrowserPage page, String url, Duration timeout) throws IOException {
    page.navigate(url);
    if (!page.waitFor(SETTLED + " || (window.courtside && courtside.error)", timeout)) {
      throw new IOException(url + " did not settle within " + timeout.toSeconds() + " s");
    }
    JsonNode error = page.evaluate("window.courtside.error");
    if (!error.isNull() && !error.isMissingNode()) {
      throw new IOException(url + ": " + error.asText());
    }
  }

  /** {@code {panelId: {type, title, state, series, points, errors}}} of the last refresh. */
  public static JsonNode panels(BrowserPage page) throws IOException {
    return page.evaluate("window.courtside.panels");
  }

  /** How many refreshes finished. */
  public static int refreshes(BrowserPage page) throws IOException {
    return page.evaluate("window.courtside.refreshes").asInt();
  }
}
