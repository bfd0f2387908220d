package io.courtside.dashboard;

import java.util.List;

/** The list of dashboards at {@code /}: one link per dashboard file. */
final class IndexPage {
  private IndexPage() {}

  static String html(List<Dashboards.Dashboard> dashboards) {
    StringBuilder links = new StringBuilder();
    for (Dashboards.Dashboard d : dashboards) {
      links
          .append("<li><a href=\"/d/")
          .append(escape(d.uid()))
          .append("\">")
          .append(escape(d.title()))
          .append("</a> <small>")
          .append(escape(d.file().getFileName().toString()))
          .append("</small></li>\n");
    }
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Courtside</title><link rel=\"icon\" href=\"data:,\">"
        + "<link rel=\"stylesheet\" href=\"/static/dashboard.css\"></head><body class=\"index\">"
        + "<h1>Courtside</h1><p>Live pages drawn from the Grafana dashboards:</p><ul>\n"
        + links
        + "</ul></body></html>";
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
