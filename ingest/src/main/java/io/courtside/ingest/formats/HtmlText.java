package io.courtside.ingest.formats;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Mastodon status HTML to the plain text a person would read: paragraphs separated by a blank line,
 * {@code <br>} as a newline, entities decoded, links as their text. The text of links includes the
 * "invisible" spans Mastodon uses to shorten URLs, so URLs come out whole.
 */
public final class HtmlText {
  private HtmlText() {}

  public static String toPlainText(String html) {
    if (html == null || html.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder(html.length());
    NodeTraversor.traverse(
        new NodeVisitor() {
          @Override
          public void head(Node node, int depth) {
            if (node instanceof TextNode text) {
              out.append(text.getWholeText());
            } else if (node instanceof Element e && e.normalName().equals("br")) {
              out.append('\n');
            }
          }

          @Override
          public void tail(Node node, int depth) {
            if (node instanceof Element e && e.normalName().equals("p")) {
              out.append("\n\n");
            }
          }
        },
        Jsoup.parseBodyFragment(html).body());
    return out.toString().strip();
  }
}
