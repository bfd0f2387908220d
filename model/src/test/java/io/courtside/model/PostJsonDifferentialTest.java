package io.courtside.model;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.courtside.model.InvalidPostException.Kind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.Test;

/**
 * The streaming {@link PostJson#parse} against the tree parser it replaced ({@link TreePostJson},
 * the oracle): for every input both give an equal post, or both refuse it with the same kind and
 * the same reason, word for word. Seeded: a failure names its seed and input, and fails the same
 * way again. The inputs are hostile on purpose: posts with their fields in any order, repeated, of
 * every JSON type, among unknown fields nested up to and past the depth limit; strings with emoji,
 * JSON escapes and lone surrogates; then the bytes truncated, flipped, spliced with invalid UTF-8,
 * BOMs, other encodings and trailing garbage. {@code -Dpostjson.differential.inputs=1000000} runs
 * longer.
 */
public class PostJsonDifferentialTest {
  private static final int INPUTS = Integer.getInteger("postjson.differential.inputs", 40_000);

  /** What a parse gave: a post, or the kind and reason of its refusal, or another exception. */
  record Outcome(Post post, Kind kind, String reason, String thrown) {
    @Override
    public String toString() {
      if (post != null) {
        return "post " + post;
      }
      return thrown != null ? "threw " + thrown : kind + ": " + reason;
    }
  }

  interface Parse {
    Post parse() throws InvalidPostException;
  }

  static Outcome outcome(Parse parse) {
    try {
      return new Outcome(parse.parse(), null, null, null);
    } catch (InvalidPostException e) {
      return new Outcome(null, e.kind(), e.getMessage(), null);
    } catch (RuntimeException e) {
      return new Outcome(null, null, null, e.getClass().getName() + ": " + e.getMessage());
    }
  }

  /** Asserts both parsers agree on {@code input}, as bytes and (when UTF-8) as text. */
  static Outcome assertSameAsTheOracle(String label, byte[] input) {
    Outcome expected = outcome(() -> TreePostJson.parse(input));
    Outcome actual = outcome(() -> PostJson.parse(input));
    assertEquals(label + ", bytes " + show(input), expected, actual);
    String text = input == null ? null : Utf8.decodeOrNull(input);
    if (text != null) {
      assertEquals(
          label + ", text " + show(input),
          outcome(() -> TreePostJson.parse(text)),
          outcome(() -> PostJson.parse(text)));
    }
    return expected;
  }

  @Test
  public void everySeededInputGivesTheOraclesResult() {
    Map<Kind, Integer> refused = new EnumMap<>(Kind.class);
    int posts = 0;
    for (long seed = 0; seed < INPUTS; seed++) {
      Outcome o = assertSameAsTheOracle("seed " + seed, new Inputs(seed).input());
      if (o.post() != null) {
        posts++;
      } else if (o.kind() != null) {
        refused.merge(o.kind(), 1, Integer::sum);
      }
    }
    System.out.printf("%d inputs: %d posts, refused %s%n", INPUTS, posts, refused);
    // The inputs reach every outcome, so a difference in any of them would show.
    assertTrue("posts: " + posts, posts > INPUTS / 20);
    for (Kind kind : Kind.values()) {
      int n = refused.getOrDefault(kind, 0);
      assertTrue(kind + ": " + n, kind == Kind.EMPTY ? n > 0 : n > INPUTS / 200);
    }
  }

  /** The cases the brief of issue 17 names, and the limits, each on its own. */
  @Test
  public void namedCasesGiveTheOraclesResult() {
    String post = "{\"id\":\"1\",\"createdAt\":\"2026-05-20T01:02:03Z\",\"text\":\"x\"}";
    String head = "{\"id\":\"1\",\"createdAt\":\"2026-05-20T01:02:03Z\",\"text\":";
    List<String> texts =
        List.of(
            post,
            "",
            " ",
            "\n\t\r ",
            "null",
            "true",
            "1",
            "1.5e400",
            "\"x\"",
            "[]",
            "[" + post + "]",
            "{}",
            post + post,
            post + " null",
            post + " 1",
            post + "]",
            post + "}",
            post + " x",
            post + " \"x\"",
            post + " [",
            "[".repeat(1000),
            "{\"a\":".repeat(1000),
            "[1,2] x",
            "\"x\" \"y\"",
            "{\"id\":\"a\",\"id\":\"b\",\"createdAt\":\"2026-05-20T01:02:03Z\",\"text\":\"x\"}",
            "{\"id\":\"a\",\"id\":1,\"createdAt\":\"2026-05-20T01:02:03Z\",\"text\":\"x\"}",
            "{\"id\":1,\"id\":\"a\",\"createdAt\":\"2026-05-20T01:02:03Z\",\"text\":\"x\"}",
            "{\"id\":\"a\",\"id\":null,\"createdAt\":\"2026-05-20T01:02:03Z\",\"text\":\"x\"}",
            "{\"i\\u0064\":\"a\",\"createdAt\":\"2026-05-20T01:02:03Z\",\"text\":\"x\"}",
            head + "\"x\",\"hashtags\":[\"a\",1]}",
            head + "\"x\",\"hashtags\":[1,\"\\ud800\"]}",
            head + "\"x\",\"hashtags\":[\"\\ud800\",1]}",
            head + "\"x\",\"hashtags\":[\"a\"],\"hashtags\":null}",
            head + "\"x\",\"hashtags\":[[\"a\"]]}",
            head + "\"x\",\"hashtags\":{}}",
            head + "\"x\",\"lang\":1.5}",
            head + "\"x\",\"lang\":-0}",
            head + "\"x\",\"author\":false}",
            head + "\"x\",\"source\":[]}",
            head + "\"x\",\"source\":{\"a\":[{}]}}",
            head + "\"\\ud83c\\udfc0 \\udfc0\\ud83c\"}",
            head + "\"\\ud83c🏀\"}",
            head + "\"x\",\"n\":" + "1".repeat(1000) + "}",
            head + "\"x\",\"n\":" + "1".repeat(1001) + "}",
            head + "\"x\",\"n\":0." + "1".repeat(999) + "}",
            head + "\"x\",\"n\":0." + "1".repeat(1000) + "}",
            head + "\"x\",\"n\":1e99999999999}",
            head + "\"" + "é".repeat(40_000) + "\"}",
            head + "\"x\",\"deep\":" + nested(62, '[') + "}",
            head + "\"x\",\"deep\":" + nested(63, '[') + "}",
            head + "\"x\",\"deep\":" + nested(64, '[') + "}",
            head + "\"x\",\"deep\":" + nested(63, '{') + "}",
            head + "\"x\",\"deep\":" + nested(64, '{') + "}",
            nested(64, '['),
            nested(65, '['),
            "\ufeff" + post,
            post + "\ufeff",
            "\u00a0" + post);
    for (String text : texts) {
      assertSameAsTheOracle("named case", text.getBytes(StandardCharsets.UTF_8));
    }
    for (String charset : List.of("UTF-16LE", "UTF-16BE", "UTF-16", "UTF-32BE", "UTF-32LE")) {
      assertSameAsTheOracle(charset, post.getBytes(Charset.forName(charset)));
    }
    byte[] bom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(post));
    assertSameAsTheOracle("UTF-8 BOM", bom);
    assertSameAsTheOracle("null bytes", null);
    assertSameAsTheOracle("no bytes", new byte[0]);
    assertEquals(
        "null text",
        outcome(() -> TreePostJson.parse((String) null)),
        outcome(() -> PostJson.parse((String) null)));
  }

  /** The string length limit (10,000,000 chars) holds in every field, unknown ones included. */
  @Test
  public void theStringLengthLimitGivesTheOraclesResult() {
    String head = "{\"createdAt\":\"2026-05-20T01:02:03Z\",\"text\":\"x\",";
    for (int length : new int[] {10_000_000, 10_000_001}) {
      String s = "a".repeat(length);
      assertSameAsTheOracle("id of " + length, utf8(head + "\"id\":\"" + s + "\"}"));
      assertSameAsTheOracle(
          "unknown of " + length, utf8(head + "\"id\":\"1\",\"u\":\"" + s + "\"}"));
      assertSameAsTheOracle(
          "hashtag of " + length, utf8(head + "\"id\":\"1\",\"hashtags\":[\"" + s + "\"]}"));
    }
    // 10,000,001 chars in 5,000,001 two-byte and escaped forms.
    assertSameAsTheOracle(
        "two-byte chars", utf8(head + "\"id\":\"1\",\"u\":\"" + "é".repeat(5_000_000) + "a\"}"));
    assertSameAsTheOracle(
        "escapes", utf8(head + "\"id\":\"1\",\"u\":\"" + "\\n".repeat(5_000_000) + "ab\"}"));
  }

  /**
   * {@link Utf8#isValid} accepts exactly what the strict decoder does: every pair of bytes, three-
   * and four-byte sequences with every second byte, whole and cut short, and random bytes.
   */
  @Test
  public void utf8ValidityIsTheStrictDecoders() {
    byte[] boundaries = {0x00, 0x7F, (byte) 0x80, (byte) 0x8F, (byte) 0x90, (byte) 0x9F};
    byte[] more = {(byte) 0xA0, (byte) 0xBF, (byte) 0xC0, (byte) 0xC1, (byte) 0xC2, (byte) 0xFF};
    byte[] edges = concat(boundaries, more);
    // The second byte decides overlong forms, surrogates and the end of Unicode: every value of
    // it; of the later bytes it only matters whether they are continuation bytes.
    byte[] later = {0x7F, (byte) 0x80, (byte) 0xBF, (byte) 0xC0};
    for (int b0 = 0; b0 < 256; b0++) {
      for (int b1 = 0; b1 < 256; b1++) {
        assertValidityAsDecoded(new byte[] {(byte) b0, (byte) b1});
        assertValidityAsDecoded(new byte[] {'a', (byte) b0, (byte) b1});
        for (int i = 0; b0 >= 0xE0 && i < later.length; i++) {
          assertValidityAsDecoded(new byte[] {(byte) b0, (byte) b1, later[i], 'z'});
          for (int j = 0; b0 >= 0xF0 && j < later.length; j++) {
            assertValidityAsDecoded(new byte[] {(byte) b0, (byte) b1, later[i], later[j]});
          }
        }
      }
    }
    // Mostly ASCII, so that runs of 8 ASCII bytes (read as one long) end anywhere.
    Random r = new Random(17);
    for (int i = 0; i < 100_000; i++) {
      byte[] b = new byte[r.nextInt(40)];
      for (int j = 0; j < b.length; j++) {
        int c = r.nextInt(8);
        b[j] =
            c == 0 ? edges[r.nextInt(edges.length)] : c == 1 ? (byte) r.nextInt(256) : (byte) 'a';
      }
      assertValidityAsDecoded(b);
    }
  }

  private static void assertValidityAsDecoded(byte[] b) {
    assertEquals(show(b), Utf8.decodeOrNull(b) != null, Utf8.isValid(b));
  }

  // ---------------------------------------------------------------------------------------------
  // The inputs

  static String nested(int levels, char open) {
    String o = open == '[' ? "[" : "{\"k\":";
    String close = open == '[' ? "]" : "}";
    return o.repeat(levels) + (open == '[' ? "" : "1") + close.repeat(levels);
  }

  /**
   * The generator of one input. Half the inputs are clean (well-formed JSON, valid UTF-8, the
   * fields of any type), so that posts and every refusal for a field are common; the other half may
   * also break JSON, and their bytes may be mangled.
   */
  static final class Inputs {
    private static final List<String> FIELDS =
        List.of("id", "createdAt", "text", "lang", "author", "source", "hashtags");

    private static final List<String> UNKNOWN_NAMES =
        List.of("extra", "ID", "Id", "id ", " id", "created_at", "retweets", "", "u", "text_");

    private static final List<String> TRAILING =
        List.of(
            " ",
            "\n",
            "x",
            "}",
            "]",
            ",",
            "{}",
            "[]",
            "null",
            "1",
            "\"x\"",
            "\u0000",
            "/",
            "#",
            "{\"id\":\"2\"}",
            " \t\r\n",
            "\u00a0",
            "\ufeff");

    private static final List<String> BLANKS =
        List.of(
            "\"\"", "\" \"", "\"\\t\\n\"", "\"\u2003\"", "\"\u00a0\"", "\"\\u0020\"", "\" x \"");

    private static final List<String> INSTANTS =
        List.of(
            "2026-05-20T01:02:03Z",
            "2026-05-20T01:02:03.456Z",
            "2026-05-20T01:02:03.123456789Z",
            "1970-01-01T00:00:00Z",
            "-0001-01-01T00:00:00Z",
            "+10000-01-01T00:00:00Z");

    private static final List<String> NOT_INSTANTS =
        List.of(
            "2026-05-20T01:02:03+01:00",
            "2026-05-20T01:02:03z",
            "2026-05-20 01:02:03Z",
            "2026-02-30T01:02:03Z",
            "2026-05-20T24:00:00Z",
            "2026-05-20T23:59:60Z",
            "2026-05-20",
            "yesterday",
            "",
            "1779238923",
            "2026-05-20T01:02:03Z ".repeat(8));

    private static final List<String> WORDS =
        List.of("LeBron", " is ", "cooking", "#NBA", "@fan1", "what a game", "0", "ok");

    private static final List<String> UNPAIRED =
        List.of("\ud800", "\uDBFF", "\udc00", "\uDFFF", "\udfc0\ud83c", "\ud83c🏀", "🏀\udfc0");

    private static final List<String> INVALID_IN_STRING =
        List.of("\\x", "\\u12", "\\U0041", "\\", "\"", "\n", "\t", "\u0000", "\u001f", "\\u12g4");

    private static final byte[][] UTF8_SPLICES = {
      {(byte) 0xC0, (byte) 0x80}, // overlong NUL
      {(byte) 0xC1, (byte) 0xBF}, // overlong
      {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, // overlong '/'
      {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF}, // overlong
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // U+D800 in UTF-8
      {(byte) 0xED, (byte) 0xA0, (byte) 0xBC, (byte) 0xED, (byte) 0xBF, (byte) 0x80}, // CESU pair
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
      {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
      {(byte) 0xFF},
      {(byte) 0x80},
      {(byte) 0xBF},
      {(byte) 0xC3}, // a lead byte without its continuation
      {(byte) 0xE2, (byte) 0x82}, // cut short
      {(byte) 0xF0, (byte) 0x9F, (byte) 0x8F}, // cut short
      {(byte) 0xC3, (byte) 0xA9}, // a valid é: in a string fine, outside bad JSON
      {(byte) 0xF0, (byte) 0x9F, (byte) 0x8F, (byte) 0x80}, // a valid 🏀
    };

    private static final byte[] FLIPS = utf8("\"\\{}[],: 0aeu\u0000");

    private final Random r;
    private final boolean hostile;

    Inputs(long seed) {
      // Mixed first: the first draws of Random for the seeds 0, 1, 2... are alike.
      r = new Random(new SplittableRandom(seed).nextLong());
      hostile = r.nextBoolean();
    }

    /** The input: mostly a post-like object; when hostile, maybe spoilt, as text and as bytes. */
    byte[] input() {
      String json = r.nextInt(12) == 0 ? anyTopLevel() : postLike();
      if (r.nextInt(8) == 0) {
        json = ws() + json + ws();
      }
      if (hostile && r.nextInt(6) == 0) {
        json = json + pick(TRAILING);
      }
      byte[] bytes = utf8(json);
      if (hostile && r.nextInt(40) == 0) {
        bytes = json.getBytes(Charset.forName(pick(List.of("UTF-16LE", "UTF-16BE", "UTF-16"))));
      }
      if (r.nextInt(40) == 0) {
        bytes = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, bytes);
      }
      int mutations = hostile && r.nextBoolean() ? 1 + r.nextInt(3) : 0;
      for (int i = 0; i < mutations; i++) {
        bytes = mutate(bytes);
      }
      return bytes;
    }

    /** An object with the post's fields (each maybe absent, repeated, of any type) and others. */
    String postLike() {
      List<String> members = new ArrayList<>();
      for (String field : FIELDS) {
        int copies = r.nextInt(16) == 0 ? 0 : r.nextInt(8) == 0 ? 2 + r.nextInt(2) : 1;
        if (!field.equals("id") && !field.equals("createdAt") && !field.equals("text")) {
          copies = r.nextInt(3) == 0 ? copies : 0;
        }
        for (int c = 0; c < copies; c++) {
          members.add(key(field) + ws() + ":" + ws() + fieldValue(field));
        }
      }
      int unknown = r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 0;
      for (int i = 0; i < unknown; i++) {
        members.add(key(pick(UNKNOWN_NAMES)) + ":" + ws() + anyValue(0));
      }
      if (r.nextBoolean()) {
        Collections.shuffle(members, r);
      }
      StringBuilder sb = new StringBuilder("{").append(ws());
      for (int i = 0; i < members.size(); i++) {
        if (i > 0) {
          sb.append(ws()).append(',').append(ws());
        }
        sb.append(members.get(i));
      }
      return sb.append(ws()).append('}').toString();
    }

    /** A JSON key for {@code name}, sometimes with a character written as a \\u escape. */
    String key(String name) {
      if (name.isEmpty() || r.nextInt(12) != 0) {
        return "\"" + name + "\"";
      }
      int at = r.nextInt(name.length());
      String escape = String.format(r.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) name.charAt(at));
      return "\"" + name.substring(0, at) + escape + name.substring(at + 1) + "\"";
    }

    String fieldValue(String field) {
      if (r.nextInt(12) == 0) {
        return anyValue(0); // any type, any shape
      }
      return switch (field) {
        case "id" -> r.nextInt(12) == 0 ? pick(BLANKS) : string();
        case "createdAt" -> {
          int c = r.nextInt(16);
          yield c == 0 ? string() : "\"" + pick(c == 1 ? NOT_INSTANTS : INSTANTS) + "\"";
        }
        case "lang" -> "\"" + pick(List.of("en", "es", "fr", "und", "pt-BR")) + "\"";
        case "hashtags" -> hashtags();
        default -> string();
      };
    }

    String hashtags() {
      if (r.nextInt(6) == 0) {
        return anyValue(0);
      }
      StringBuilder sb = new StringBuilder("[").append(ws());
      int n = r.nextInt(5);
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          sb.append(',').append(ws());
        }
        sb.append(r.nextInt(8) == 0 ? anyValue(1) : string());
      }
      return sb.append(ws()).append(']').toString();
    }

    /** Any JSON value; deep nesting now and then, near and past the limit of 64. */
    String anyValue(int depth) {
      return switch (r.nextInt(depth > 3 ? 6 : 9)) {
        case 0, 1 -> string();
        case 2 -> number();
        case 3 -> pick(List.of("true", "false", "null"));
        case 4 -> r.nextBoolean() ? "{}" : "[]";
        case 5 -> hostile ? pick(List.of("nul", "True", "undefined", "'x'", "NaN", "0")) : "0";
        case 6 -> {
          StringBuilder sb = new StringBuilder("[");
          int n = r.nextInt(4);
          for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? "," : "").append(ws()).append(anyValue(depth + 1));
          }
          yield sb.append(']').toString();
        }
        case 7 -> {
          StringBuilder sb = new StringBuilder("{");
          int n = r.nextInt(4);
          for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? "," : "")
                .append(key(pick(r.nextBoolean() ? FIELDS : UNKNOWN_NAMES)))
                .append(':')
                .append(anyValue(depth + 1));
          }
          yield sb.append('}').toString();
        }
        default -> deep();
      };
    }

    /** Arrays and objects nested 60 to 67 deep (a field's value is one level more). */
    String deep() {
      int levels = 60 + r.nextInt(8);
      StringBuilder open = new StringBuilder();
      StringBuilder close = new StringBuilder();
      for (int i = 0; i < levels; i++) {
        if (r.nextBoolean()) {
          open.append('[');
          close.append(']');
        } else {
          open.append("{\"k\":");
          close.append('}');
        }
      }
      String inner = r.nextBoolean() ? "1" : string();
      return open + inner + close.reverse();
    }

    String number() {
      return switch (r.nextInt(hostile ? 6 : 5)) {
        case 0 -> Integer.toString(r.nextInt(2000) - 1000);
        case 1 -> Long.toString(r.nextLong());
        case 2 -> Double.toString(r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20));
        case 3 -> "1" + "0".repeat(15 + r.nextInt(30));
        case 4 -> pick(List.of("-0", "0.0", "1e400", "-1E-400", "1.5e+3", "9".repeat(1000)));
        default -> pick(List.of("01", "1.", ".5", "+1", "-", "1e", "0x10", "Infinity", "1_0"));
      };
    }

    /**
     * A JSON string: text, emoji, escapes (paired surrogates too); now and then a lone surrogate,
     * and when hostile, rarely, what JSON does not allow in a string.
     */
    String string() {
      boolean unpaired = r.nextInt(16) == 0;
      boolean invalid = hostile && r.nextInt(16) == 0;
      StringBuilder sb = new StringBuilder("\"");
      int parts = r.nextInt(10) == 0 ? 40 + r.nextInt(200) : r.nextInt(8);
      for (int i = 0; i < parts; i++) {
        sb.append(
            switch (r.nextInt(12)) {
              case 0, 1, 2 -> pick(WORDS);
              case 3 ->
                  pick(List.of("🏀", "👑", "😂", "🔥", "👍🏽", "🇺🇸", "漢字", "é", "ñ", "שלום"));
              case 4 -> pick(List.of("\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t"));
              case 5 -> String.format(r.nextBoolean() ? "\\u%04x" : "\\u%04X", r.nextInt(0xD800));
              case 6 -> pick(List.of("\\ud83c\\udfc0", "\\uD83D\\uDE02", "\\u00e9", "\\u0000"));
              case 7 -> pick(List.of("\u2028", "\u0085", "\u007f", "\uffff", "\ufffe", "\ufeff"));
              case 8 -> unpaired ? surrogate() : " ";
              case 9 -> invalid ? pick(INVALID_IN_STRING) : " ";
              default -> Character.toString('a' + r.nextInt(26));
            });
      }
      return sb.append('"').toString();
    }

    /** A lone surrogate (or two in the wrong order), as a JSON escape in either case or raw. */
    String surrogate() {
      if (r.nextBoolean()) {
        return pick(UNPAIRED);
      }
      String hex = Integer.toHexString(0xD800 + r.nextInt(0x800));
      return "\\u" + (r.nextBoolean() ? hex : hex.toUpperCase(Locale.ROOT));
    }

    /** A top-level value that is mostly not a post. */
    String anyTopLevel() {
      return switch (r.nextInt(5)) {
        case 0 -> "";
        case 1 -> ws();
        case 2 -> pick(List.of("[]", "null", "1", "\"x\"", "true", "{}", "[{}]", "{", "}", "]"));
        default -> anyValue(0);
      };
    }

    /** JSON whitespace, mostly none; when hostile, rarely a character JSON does not allow. */
    String ws() {
      int c = r.nextInt(20);
      if (c < 12) {
        return "";
      }
      if (hostile && c == 19 && r.nextInt(3) == 0) {
        return pick(List.of("\u00a0", "\f", "\u000b", "\u2003", "\ufeff"));
      }
      return pick(List.of(" ", "\n", "\t", "\r\n", "  "));
    }

    byte[] mutate(byte[] b) {
      if (b.length == 0) {
        return new byte[] {(byte) r.nextInt(256)};
      }
      int at = r.nextInt(b.length);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      switch (r.nextInt(7)) {
        case 0 -> out.write(b, 0, at); // truncated
        case 1 -> { // one byte replaced
          out.write(b, 0, b.length);
          byte[] c = out.toByteArray();
          c[at] = r.nextBoolean() ? (byte) r.nextInt(256) : FLIPS[r.nextInt(FLIPS.length)];
          return c;
        }
        case 2, 3 -> { // invalid (or valid non-ASCII) UTF-8 spliced in
          out.write(b, 0, at);
          out.writeBytes(UTF8_SPLICES[r.nextInt(UTF8_SPLICES.length)]);
          out.write(b, at, b.length - at);
        }
        case 4 -> { // a range deleted
          int to = Math.min(b.length, at + 1 + r.nextInt(8));
          out.write(b, 0, at);
          out.write(b, to, b.length - to);
        }
        case 5 -> { // a range repeated
          int to = Math.min(b.length, at + 1 + r.nextInt(16));
          out.write(b, 0, to);
          out.write(b, at, b.length - at);
        }
        default -> { // a token spliced in
          out.write(b, 0, at);
          out.writeBytes(utf8(pick(TRAILING)));
          out.write(b, at, b.length - at);
        }
      }
      return out.toByteArray();
    }

    private <T> T pick(List<T> list) {
      return list.get(r.nextInt(list.size()));
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = new byte[a.length + b.length];
    System.arraycopy(a, 0, c, 0, a.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  /** The input, printable: ASCII as is, other bytes in hex; cut at 600 characters. */
  static String show(byte[] b) {
    if (b == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder();
    int i = 0;
    for (; i < b.length && sb.length() < 600; i++) {
      int c = b[i] & 0xFF;
      sb.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("<%02X>", c));
    }
    return i < b.length ? sb + "... (" + b.length + " bytes)" : sb.toString();
  }
}
