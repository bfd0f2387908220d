package io.courtside.model;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

public class PostJsonTest {

  @Test
  public void roundTripsEveryField() throws Exception {
    Post post =
        new Post(
            "123",
            Instant.parse("2026-05-20T01:02:03.456Z"),
            "LeBron \"the King\" 👑\nis cooking",
            "en",
            "fan1",
            "synthetic",
            List.of("NBA", "Lakers"));
    assertEquals(post, PostJson.parse(PostJson.toBytes(post)));
  }

  @Test
  public void optionalFieldsMayBeAbsent() throws Exception {
    Post post =
        PostJson.parse("{\"id\":\"1\",\"createdAt\":\"2026-05-20T01:02:03Z\",\"text\":\"hi\"}");
    assertEquals(Post.of("1", Instant.parse("2026-05-20T01:02:03Z"), "hi"), post);
    assertEquals(
        "{\"id\":\"1\",\"createdAt\":\"2026-05-20T01:02:03Z\",\"text\":\"hi\"}",
        PostJson.toJson(post));
  }

  @Test
  public void rejectionsSayWhy() {
    assertReason(
        "{\"createdAt\":\"2026-05-20T01:02:03Z\",\"text\":\"x\"}", "missing required field 'id'");
    assertReason("{\"id\":\"1\",\"text\":\"x\"}", "missing required field 'createdAt'");
    assertReason(
        "{\"id\":\"1\",\"createdAt\":\"2026-05-20T01:02:03Z\"}", "missing required field 'text'");
    assertReason(
        "{\"id\":1,\"createdAt\":\"2026-05-20T01:02:03Z\",\"text\":\"x\"}",
        "field 'id' must be a string, got number");
    assertReason(
        "{\"id\":\"1\",\"createdAt\":\"yesterday\",\"text\":\"x\"}", "not an ISO-8601 instant");
    assertReason(
        "{\"id\":\"1\",\"createdAt\":\"2026-05-20T01:02:03Z\",\"text\":\"x\",\"hashtags\":\"NBA\"}",
        "'hashtags' must be an array");
    assertReason("{\"id\":\"1\",", "invalid JSON");
    assertReason("[1,2]", "not a JSON object");
    assertReason(
        "{\"id\":\" \",\"createdAt\":\"2026-05-20T01:02:03Z\",\"text\":\"x\"}", "'id' is blank");
    assertReason("[".repeat(1000), "invalid JSON");
  }

  @Test
  public void rejectsInvalidUtf8() {
    byte[] bad =
        "{\"id\":\"1\",\"createdAt\":\"2026-05-20T01:02:03Z\",\"text\":\"x\"}"
            .getBytes(StandardCharsets.UTF_8);
    bad[bad.length - 3] = (byte) 0xC3; // a lead byte with no continuation
    InvalidPostException e = assertThrows(InvalidPostException.class, () -> PostJson.parse(bad));
    assertEquals("not valid UTF-8", e.getMessage());
    assertThrows(InvalidPostException.class, () -> PostJson.parse(new byte[0]));
  }

  @Test
  public void trailingContentAfterThePostIsRefused() {
    assertReason(
        "{\"id\":\"1\",\"createdAt\":\"2026-05-20T01:02:03Z\",\"text\":\"x\"} {\"id\":\"2\"}",
        "invalid JSON");
  }

  @Test
  public void eachRefusalCarriesTheKindOfTheRuleItBroke() {
    assertKind(InvalidPostException.Kind.EMPTY, new byte[0]);
    assertKind(InvalidPostException.Kind.NOT_UTF8, new byte[] {'{', (byte) 0xC3, '}'});
    assertKind(InvalidPostException.Kind.INVALID_JSON, "{broken");
    assertKind(InvalidPostException.Kind.NOT_AN_OBJECT, "[1]");
    assertKind(InvalidPostException.Kind.MISSING_FIELD, "{\"id\":\"1\",\"text\":\"x\"}");
    assertKind(
        InvalidPostException.Kind.BAD_FIELD,
        "{\"id\":\" \",\"createdAt\":\"2026-05-20T01:02:03Z\",\"text\":\"x\"}");
    assertKind(
        InvalidPostException.Kind.BAD_FIELD,
        "{\"id\":1,\"createdAt\":\"2026-05-20T01:02:03Z\",\"text\":\"x\"}");
    // Only the rule decides: a createdAt whose text reads like another rule's message is a bad
    // field.
    assertKind(
        InvalidPostException.Kind.BAD_FIELD,
        "{\"id\":\"1\",\"createdAt\":\"tomorrow is before 2006\",\"text\":\"x\"}");
    assertKind(
        InvalidPostException.Kind.BAD_FIELD,
        "{\"id\":\"1\",\"createdAt\":\"2026-05-20T01:02:03Z\",\"text\":\"x\",\"hashtags\":\"NBA\"}");
    assertKind(
        InvalidPostException.Kind.BAD_FIELD,
        "{\"id\":\"1\",\"createdAt\":\"2026-05-20T01:02:03Z\",\"text\":\"\\ud800\"}");
  }

  private static void assertKind(InvalidPostException.Kind expected, String json) {
    assertKind(expected, json.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertKind(InvalidPostException.Kind expected, byte[] bytes) {
    InvalidPostException e = assertThrows(InvalidPostException.class, () -> PostJson.parse(bytes));
    assertEquals(e.getMessage(), expected, e.kind());
  }

  private static void assertReason(String json, String expected) {
    InvalidPostException e = assertThrows(InvalidPostException.class, () -> PostJson.parse(json));
    assertThat(e.getMessage(), containsString(expected));
  }
}
