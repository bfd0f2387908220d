package io.courtside.dashboard;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.Test;

/** Variable values read from results shaped as influxd 1.6 answers each kind of query. */
public class GrafanaTemplatingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A result whose series each hold rows of comma-separated cells; a series is a String[]. */
  private static ObjectNode result(String columns, String[]... series) {
    ObjectNode result = JSON.createObjectNode();
    ArrayNode all = result.putArray("series");
    for (String[] rows : series) {
      ObjectNode s = all.addObject();
      for (String c : columns.split(",")) {
        s.withArray("columns").add(c);
      }
      for (String row : rows) {
        ArrayNode values = s.withArray("values").addArray();
        for (String cell : row.split(",")) {
          values.add(cell);
        }
      }
    }
    return result;
  }

  private static List<String> values(String query, ObjectNode result) {
    return List.copyOf(GrafanaTemplating.variableValues(query, result));
  }

  @Test
  public void showTagValuesGivesTheValueColumn() {
    String q = "SHOW TAG VALUES FROM \"polarity_window\" WITH KEY = \"topic\"";
    assertEquals(
        List.of("twitterdata", "other"),
        values(q, result("key,value", new String[] {"topic,twitterdata", "topic,other"})));
  }

  @Test
  public void selectDistinctGivesTheValueAfterTheTimeOnce() {
    String q = "SELECT DISTINCT(\"source\") FROM \"post_sentiment\" WHERE $timeFilter";
    String t = "1970-01-01T00:00:00Z,";
    assertEquals(
        List.of("bluesky", "synthetic"),
        values(
            q,
            result(
                "time,distinct",
                new String[] {t + "bluesky", t + "synthetic"},
                new String[] {t + "bluesky"})));
  }

  @Test
  public void showFieldKeysGivesTheFirstColumn() {
    String q = "SHOW FIELD KEYS FROM \"post_sentiment\"";
    assertEquals(
        List.of("compound", "text"),
        values(q, result("fieldKey,fieldType", new String[] {"compound,float", "text,string"})));
  }

  @Test
  public void noSeriesNoValues() {
    assertEquals(
        List.of(),
        values("SELECT DISTINCT(\"source\") FROM \"post_sentiment\"", JSON.createObjectNode()));
  }
}
