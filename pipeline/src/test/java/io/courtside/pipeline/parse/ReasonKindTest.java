package io.courtside.pipeline.parse;

import static org.junit.Assert.assertEquals;

import io.courtside.model.InvalidPostException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

public class ReasonKindTest {
  /**
   * The {@code reason_kind} tags stored in {@code dead_letters}, which the dashboards and {@code
   * courtside verify} read: the values the message classifier gave before reasons had codes. A
   * rename would split a series in two.
   */
  @Test
  public void theStoredTagsAreTheOnesDashboardsAndVerifyKnow() {
    Map<ReasonKind, String> tags = new LinkedHashMap<>();
    for (ReasonKind k : ReasonKind.values()) {
      tags.put(k, k.tag());
    }
    Map<ReasonKind, String> stored = new LinkedHashMap<>();
    stored.put(ReasonKind.EMPTY, "empty");
    stored.put(ReasonKind.BAD_UTF8, "bad_utf8");
    stored.put(ReasonKind.INVALID_JSON, "invalid_json");
    stored.put(ReasonKind.NOT_AN_OBJECT, "not_an_object");
    stored.put(ReasonKind.MISSING_FIELD, "missing_field");
    stored.put(ReasonKind.BAD_FIELD, "bad_field");
    stored.put(ReasonKind.TOO_LARGE, "too_large");
    stored.put(ReasonKind.FUTURE_CREATED_AT, "future_created_at");
    stored.put(ReasonKind.ANCIENT_CREATED_AT, "ancient_created_at");
    stored.put(ReasonKind.UNPARSEABLE, "unparseable");
    stored.put(ReasonKind.REFUSED_POINT, "refused_point"); // never counted: not an input record
    assertEquals(stored, tags);
  }

  @Test
  public void everyRuleOfThePostCodecHasItsOwnCode() {
    Set<ReasonKind> codes = EnumSet.noneOf(ReasonKind.class);
    for (InvalidPostException.Kind k : InvalidPostException.Kind.values()) {
      codes.add(ReasonKind.of(k));
    }
    assertEquals(InvalidPostException.Kind.values().length, codes.size());
  }
}
