package io.courtside.model;

/**
 * The one cleaning and check of a secret read from a file or an environment variable, used by every
 * reader of one (ingest's API tokens, the pipeline's InfluxDB token and password).
 *
 * <p>Editors and {@code kubectl create secret} add what is not part of a secret: a UTF-8 byte order
 * mark, a trailing newline or CRLF. Those are removed. What remains must be one line of printable
 * text; anything else (a line break inside, NUL, an escape sequence, a zero-width character) is
 * refused here, because the HTTP client would refuse it later with an exception that quotes the
 * whole header, secret included. Messages name where the secret came from, never any part of it.
 */
public final class SecretText {
  private static final char BOM = '\uFEFF';

  private SecretText() {}

  /**
   * A password: any printable text (it travels Base64-encoded).
   *
   * @param origin where it came from, for messages: a variable name or {@code --flag=FILE}
   * @throws IllegalArgumentException naming {@code origin} when it is empty or not one line of
   *     printable text
   */
  public static String password(String raw, String origin) {
    String s = clean(raw, origin);
    for (int i = 0; i < s.length(); i++) {
      if (invisible(s.charAt(i))) {
        throw new IllegalArgumentException(
            origin
                + " holds a control or invisible character;"
                + " a secret is one line of printable text: check the file or variable");
      }
    }
    return s;
  }

  /**
   * A token sent verbatim in an HTTP header: one word of visible ASCII.
   *
   * @throws IllegalArgumentException as {@link #password}, and for a space or a non-ASCII character
   */
  public static String token(String raw, String origin) {
    String s = password(raw, origin);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c > '~') {
        throw new IllegalArgumentException(
            origin
                + " holds a space or a non-ASCII character;"
                + " a token is one word of visible ASCII: check the file or variable");
      }
    }
    return s;
  }

  private static String clean(String raw, String origin) {
    int start = 0;
    while (start < raw.length()
        && (raw.charAt(start) == BOM || Character.isWhitespace(raw.charAt(start)))) {
      start++;
    }
    String s = raw.substring(start).strip();
    if (s.isEmpty()) {
      throw new IllegalArgumentException(origin + " is empty");
    }
    return s;
  }

  private static boolean invisible(char c) {
    int type = Character.getType(c);
    return Character.isISOControl(c)
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }
}
