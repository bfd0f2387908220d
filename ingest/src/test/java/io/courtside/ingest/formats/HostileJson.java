package io.courtside.ingest.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of hostile replay lines: real records of every format with fields replaced by wrong
 * types and odd numbers, random JSON shaped from the field names the formats look at, deep nesting,
 * huge values, lone surrogates. Shared by the fuzz properties of the mappers and of a whole replay.
 */
public final class HostileJson {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  static final List<String> FIXTURES =
      List.of(
          "x-v1-status.json",
          "x-v1-extended.json",
          "x-v2-bare.json",
          "x-v2-stream-line.json",
          "x-v2-note-tweet.json",
          "jetstream-post.json",
          "jetstream-delete.json",
          "jetstream-identity.json",
          "mastodon-status.json",
          "mastodon-boost.json");

  /** Every field name some format reads, so random objects often pass a format's check. */
  private static final List<String> FIELDS =
      List.of(
          "id",
          "id_str",
          "text",
          "full_text",
          "created_at",
          "createdAt",
          "user",
          "screen_name",
          "data",
          "includes",
          "users",
          "username",
          "author_id",
          "entities",
          "hashtags",
          "tag",
          "note_tweet",
          "extended_tweet",
          "lang",
          "did",
          "time_us",
          "kind",
          "commit",
          "operation",
          "collection",
          "rkey",
          "record",
          "langs",
          "facets",
          "features",
          "$type",
          "tags",
          "name",
          "content",
          "account",
          "acct",
          "reblog",
          "spoiler_text",
          "language",
          "delete",
          "limit",
          "errors",
          "source",
          "indices",
          "retweeted_status");

  private HostileJson() {}

  /** Numbers that ids and times must survive: fractional, exponent, out of long range, negative. */
  static Arbitrary<String> numberLiterals() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "1.0523229811375268e18",
            "1e400",
            "-1e400",
            "1E+2",
            "0",
            "-0",
            "-1",
            "0.5",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775809",
            "99999999999999999999999999999999",
            "1050118621198921728.0",
            "4.9e-324",
            "1" + "0".repeat(400)),
        Arbitraries.longs().map(l -> Long.toString(l)),
        Arbitraries.doubles()
            .map(d -> Double.toString(d))
            .filter(d -> !d.contains("N") && !d.contains("I")));
  }

  /** Strings that are hard to handle: lone surrogates, controls, non-ASCII digits, dates. */
  static Arbitrary<String> hostileStrings() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "",
            " ",
            "abc",
            "\ud800",
            "\udc00x",
            "\u0000",
            "\u202e",
            "١٢٣",
            "0x1F",
            "Wed Oct 10 20:19:24 +0000 2018",
            "Feb 30 99:99:99 +9999 0000",
            "2026-05-20T01:02:03Z",
            "+1000000000-01-01T00:00:00Z",
            "-999999999-01-01T00:00:00Z",
            "1970-01-01T00:00:00Z",
            "app.bsky.feed.post",
            "commit",
            "create",
            "update",
            "app.bsky.richtext.facet#tag",
            "#NBA",
            "null",
            "NaN"),
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.strings().all().ofMaxLength(40));
  }

  static Arbitrary<JsonNode> scalars() {
    return Arbitraries.oneOf(
        numberLiterals().map(HostileJson::number),
        hostileStrings().map(NODES::textNode),
        Arbitraries.of(
            NODES.nullNode(),
            NODES.booleanNode(true),
            NODES.booleanNode(false),
            NODES.objectNode(),
            NODES.arrayNode()));
  }

  /** A JSON value of at most {@code depth} levels, objects keyed by the formats' field names. */
  static Arbitrary<JsonNode> values(int depth) {
    if (depth <= 0) {
      return scalars();
    }
    Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.of(FIELDS), hostileStrings());
    Arbitrary<JsonNode> child = Arbitraries.lazy(() -> values(depth - 1));
    Arbitrary<JsonNode> objects =
        Combinators.combine(keys.list().ofMaxSize(8), child.list().ofMaxSize(8))
            .as(
                (ks, vs) -> {
                  ObjectNode o = NODES.objectNode();
                  for (int i = 0; i < Math.min(ks.size(), vs.size()); i++) {
                    o.set(ks.get(i), vs.get(i));
                  }
                  return o;
                });
    Arbitrary<JsonNode> arrays =
        child
            .list()
            .ofMaxSize(5)
            .map(
                vs -> {
                  ArrayNode a = NODES.arrayNode();
                  vs.forEach(a::add);
                  return a;
                });
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, scalars()),
        net.jqwik.api.Tuple.of(4, objects),
        net.jqwik.api.Tuple.of(1, arrays));
  }

  /** A real record with 1-4 of its values (at any depth) replaced by hostile ones. */
  static Arbitrary<String> mutatedFixtures() {
    return Combinators.combine(
            Arbitraries.of(FIXTURES),
            Arbitraries.integers().between(0, 10_000).list().ofMinSize(1).ofMaxSize(4),
            values(2).list().ofMinSize(4).ofMaxSize(4))
        .as(
            (name, positions, replacements) -> {
              JsonNode root = Fixtures.json(name).deepCopy();
              for (int i = 0; i < positions.size(); i++) {
                replaceOne(root, positions.get(i), replacements.get(i));
              }
              return root.toString();
            });
  }

  /** The fixture text with its id (and id_str, time_us, rkey) written as a raw number literal. */
  static Arbitrary<String> rawNumberIds() {
    return Combinators.combine(
            Arbitraries.of(FIXTURES),
            numberLiterals(),
            Arbitraries.of("id", "id_str", "time_us", "rkey", "created_at", "createdAt"))
        .as(
            (name, literal, field) ->
                Fixtures.text(name)
                    .replaceAll(
                        "\"" + field.replace("$", "\\$") + "\":(\"[^\"]*\"|-?[0-9.eE+]+)",
                        "\"" + field + "\":" + literal));
  }

  /** Text that is not a whole JSON object, or nests far deeper than any record. */
  static Arbitrary<String> brokenText() {
    Arbitrary<Integer> depth = Arbitraries.integers().between(60, 20_000);
    return Arbitraries.oneOf(
        depth.map(n -> "{\"id\":".repeat(n) + "1" + "}".repeat(n)),
        depth.map(n -> "{\"data\":" + "[".repeat(n) + "]".repeat(n) + "}"),
        Arbitraries.of(FIXTURES)
            .map(
                f -> {
                  String t = Fixtures.text(f);
                  return t.substring(0, t.length() / 2);
                }),
        Arbitraries.of(FIXTURES).map(f -> Fixtures.text(f) + " {}"),
        Arbitraries.strings().all().ofMaxLength(200));
  }

  /**
   * A real record whose text fields are huge (up to about 1 MB, the size of the largest Kafka
   * record).
   */
  static Arbitrary<String> hugeValues() {
    return Combinators.combine(
            Arbitraries.of(FIXTURES),
            Arbitraries.integers().between(100_000, 1_200_000),
            Arbitraries.of("a", "🔥", "\ud800", "&amp;"))
        .as(
            (name, size, unit) -> {
              JsonNode root = Fixtures.json(name).deepCopy();
              String huge = unit.repeat(size / unit.length() / 4);
              setEverywhere(root, huge);
              return root.toString();
            });
  }

  /** Any hostile line (text, already decoded). */
  public static Arbitrary<String> lines() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, mutatedFixtures()),
        net.jqwik.api.Tuple.of(3, rawNumberIds()),
        net.jqwik.api.Tuple.of(3, values(4).map(JsonNode::toString)),
        net.jqwik.api.Tuple.of(2, brokenText()),
        net.jqwik.api.Tuple.of(1, hugeValues()));
  }

  private static JsonNode number(String literal) {
    BigDecimal d = new BigDecimal(literal);
    if (d.scale() <= 0 && !literal.contains(".") && !literal.toLowerCase().contains("e")) {
      return NODES.numberNode(new BigInteger(literal));
    }
    return NODES.numberNode(d);
  }

  /** Replaces the {@code position}-th value (counted depth first, modulo their number). */
  private static void replaceOne(JsonNode root, int position, JsonNode replacement) {
    List<Runnable> setters = new ArrayList<>();
    collectSetters(root, replacement, setters);
    if (!setters.isEmpty()) {
      setters.get(position % setters.size()).run();
    }
  }

  private static void collectSetters(JsonNode node, JsonNode replacement, List<Runnable> out) {
    if (node instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        out.add(() -> o.set(name, replacement));
        collectSetters(o.get(name), replacement, out);
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        int index = i;
        out.add(() -> a.set(index, replacement));
        collectSetters(a.get(i), replacement, out);
      }
    }
  }

  private static void setEverywhere(JsonNode node, String huge) {
    if (node instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        if (name.equals("text") || name.equals("content") || name.equals("full_text")) {
          o.put(name, huge);
        } else {
          setEverywhere(o.get(name), huge);
        }
      }
    } else if (node instanceof ArrayNode a) {
      a.forEach(child -> setEverywhere(child, huge));
    }
  }
}
