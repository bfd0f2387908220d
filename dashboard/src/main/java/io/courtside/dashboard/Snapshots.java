package io.courtside.dashboard;

import io.courtside.dashboard.browser.BrowserPage;
import io.courtside.dashboard.browser.DashboardPage;
import io.courtside.dashboard.browser.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code courtside dashboard --snapshot=DIR}: a PNG of every dashboard page, following the data.
 */
final class Snapshots {
  static final int WIDTH = 1400;

  private Snapshots() {}

  static List<Path> take(
      String serverUrl, List<Dashboards.Dashboard> dashboards, Path dir, String range)
      throws IOException, InterruptedException {
    List<Path> files = new ArrayList<>();
    try (HeadlessChromium browser = HeadlessChromium.launch(WIDTH, 900)) {
      for (Dashboards.Dashboard d : dashboards) {
        BrowserPage page = browser.newPage(WIDTH, 900);
        DashboardPage.open(
            page,
            serverUrl + "d/" + d.uid() + "?follow=true" + (range == null ? "" : "&range=" + range),
            Duration.ofSeconds(60));
        Path file = dir.resolve(d.uid() + ".png");
        page.screenshot(file);
        files.add(file);
      }
    }
    return files;
  }
}
