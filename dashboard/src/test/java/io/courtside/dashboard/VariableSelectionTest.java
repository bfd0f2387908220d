package io.courtside.dashboard;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** What a page may select: only values a variable offers reach InfluxQL. */
public class VariableSelectionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TEAMS =
      "{\"series\":[{\"name\":\"entity_window\",\"columns\":[\"key\",\"value\"],"
          + "\"values\":[[\"entity\",\"Lakers\"],[\"entity\",\"Trail Blazers\"],[\"entity\",\"76ers.x\"]]}]}";
  private static final Instant TO = Instant.parse("2026-05-20T03:00:00Z");
  private static final TimeRange HOUR = new TimeRange(TO.minusSeconds(3600), TO, false);

  private FakeInflux influx;
  private JsonNode dashboard;

  @Before
  public void setUp() throws Exception {
    influx = new FakeInflux(Map.of("SHOW TAG VALUES", TEAMS));
    dashboard =
        JSON.readTree(
            "{\"templating\":{\"list\":["
                + "{\"name\":\"team\",\"type\":\"query\",\"query\":\"SHOW TAG VALUES FROM \\\"entity_window\\\" WITH KEY = \\\"entity\\\"\"},"
                + "{\"name\":\"recent\",\"type\":\"custom\",\"query\":\"5m,15m\",\"current\":{\"value\":\"15m\"},"
                + "\"options\":[{\"value\":\"5m\"},{\"value\":\"15m\"}]}]}}");
  }

  @After
  public void tearDown() {
    influx.close();
  }

  private GrafanaTemplating select(TimeRange range, Map<String, String> selection)
      throws Exception {
    return GrafanaTemplating.forDashboard(dashboard, influx.client(), range, selection);
  }

  @Test
  public void allIsEveryValueEscapedAsOneAlternation() throws Exception {
    GrafanaTemplating t = select(HOUR, Map.of());
    assertEquals(
        "\"entity\" =~ /^(Lakers|Trail Blazers|76ers\\.x)$/ AND time > now() - 15m",
        t.apply("\"entity\" =~ /^$team$/ AND time > now() - $recent"));
    assertEquals(List.of("Lakers", "Trail Blazers", "76ers.x"), t.options().get("team"));
  }

  @Test
  public void aSelectedValueIsOneEscapedValue() throws Exception {
    GrafanaTemplating t = select(HOUR, Map.of("team", "76ers.x", "recent", "5m"));
    assertEquals("/^76ers\\.x$/ 5m", t.apply("/^$team$/ $recent"));
  }

  @Test
  public void aValueTheVariableDoesNotOfferIsRefused() {
    DashboardException e =
        assertThrows(
            DashboardException.class,
            () -> select(HOUR, Map.of("team", "Lakers$/ OR time > 0 OR \"entity\" =~ /x")));
    assertTrue(e.getMessage(), e.getMessage().startsWith("variable $team: "));
    assertThrows(
        DashboardException.class, () -> select(HOUR, Map.of("recent", "1h; DROP DATABASE db")));
    assertThrows(DashboardException.class, () -> select(HOUR, Map.of("nosuch", "x")));
  }

  @Test
  public void timeFilterAndIntervalFollowTheRange() throws Exception {
    GrafanaTemplating t = select(HOUR, Map.of());
    assertEquals(
        "time >= " + HOUR.from().toEpochMilli() + "ms and time <= " + TO.toEpochMilli() + "ms",
        t.apply("$timeFilter"));
    assertEquals(
        "10s", t.apply("$__interval")); // 1 h / 1000 points = 3.6 s, below the 10 s minimum
    TimeRange sixHours = new TimeRange(TO.minusSeconds(6 * 3600), TO, false);
    assertEquals("22s", select(sixHours, Map.of()).apply("$__interval"));
  }

  @Test
  public void followingMakesNowTheEndOfTheRange() throws Exception {
    TimeRange following = TimeRange.following(java.time.Duration.ofMinutes(20), TO);
    String q = select(following, Map.of()).apply("WHERE time > now() - $recent");
    assertEquals("WHERE time > " + following.to().toEpochMilli() + "ms - 15m", q);
    assertTrue(following.to().isAfter(TO) && following.from().isBefore(TO));
    assertEquals(
        "WHERE time > now() - 15m", select(HOUR, Map.of()).apply("WHERE time > now() - $recent"));
  }
}
