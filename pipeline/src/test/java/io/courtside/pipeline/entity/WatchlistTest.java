package io.courtside.pipeline.entity;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class WatchlistTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void defaultHasAllThirtyTeamsAndSomePlayers() {
    Watchlist nba = Watchlist.nba();
    long teams = nba.entities().stream().filter(e -> e.kind() == EntityKind.TEAM).count();
    long players = nba.entities().stream().filter(e -> e.kind() == EntityKind.PLAYER).count();
    assertEquals(30, teams);
    assertTrue(players >= 20);
  }

  @Test
  public void readsYamlAndJson() throws Exception {
    Path yaml = tmp.newFile("w.yaml").toPath();
    Files.writeString(
        yaml,
        "entities:\n  - name: Lakers\n    kind: team\n    aliases: [Lakers]\n"
            + "  - {name: Bron, kind: Player, aliases: [LeBron], tags: [KingJames]}\n");
    Path json = tmp.newFile("w.json").toPath();
    Files.writeString(
        json,
        "{\"entities\":[{\"name\":\"Lakers\",\"kind\":\"team\",\"aliases\":[\"Lakers\"]},"
            + "{\"name\":\"Bron\",\"kind\":\"player\",\"aliases\":[\"LeBron\"],\"tags\":[\"KingJames\"]}]}");
    for (Path p : List.of(yaml, json)) {
      Watchlist w = Watchlist.read(p);
      assertEquals(List.of("Lakers", "Bron"), w.names());
      assertEquals(EntityKind.PLAYER, w.entities().get(1).kind());
    }
  }

  @Test
  public void mistakesNameTheFileAndTheProblem() throws Exception {
    Path typo = tmp.newFile("typo.yaml").toPath();
    Files.writeString(typo, "entities:\n  - name: Lakers\n    kind: team\n    alias: [Lakers]\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Watchlist.read(typo));
    assertThat(e.getMessage(), containsString("typo.yaml"));
    assertThat(e.getMessage(), containsString("alias"));

    Path kind = tmp.newFile("kind.yaml").toPath();
    Files.writeString(kind, "entities:\n  - {name: X, kind: coach, aliases: [X]}\n");
    e = assertThrows(IllegalArgumentException.class, () -> Watchlist.read(kind));
    assertThat(e.getMessage(), containsString("'team' or 'player'"));

    Path dup = tmp.newFile("dup.json").toPath();
    Files.writeString(
        dup,
        "{\"entities\":[{\"name\":\"A\",\"kind\":\"team\",\"tags\":[\"go\"]},"
            + "{\"name\":\"B\",\"kind\":\"team\",\"tags\":[\"GO\"]}]}");
    e = assertThrows(IllegalArgumentException.class, () -> Watchlist.read(dup));
    assertThat(e.getMessage(), containsString("'A' and 'B'"));
  }

  /**
   * Names InfluxDB cannot hold as a tag (found by an adversarial run: 'Trail\\' made InfluxDB
   * refuse the entity's window points, a tab or a line break was stored as two characters) are
   * refused with the file and the reason; names whose characters line protocol escapes pass.
   */
  @Test
  public void aNameNoInfluxTagCanHoldIsRefused() throws Exception {
    java.util.Map<String, String> refused =
        java.util.Map.of(
            "Trail\\\\", "ends with a backslash",
            "Tab\\tName", "control character (U+0009)",
            "New\\nLine", "control character (U+000A)",
            "Bell\\u0007Ring", "control character (U+0007)");
    int n = 0;
    for (java.util.Map.Entry<String, String> bad : refused.entrySet()) {
      Path file = tmp.newFile("bad" + n++ + ".json").toPath();
      Files.writeString(
          file,
          "{\"entities\":[{\"name\":\""
              + bad.getKey()
              + "\",\"kind\":\"team\",\"tags\":[\"x\"]}]}");
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Watchlist.read(file));
      assertThat(e.getMessage(), containsString(file.toString()));
      assertThat(e.getMessage(), containsString(bad.getValue()));
    }
    Path fine = tmp.newFile("fine.json").toPath();
    Files.writeString(
        fine,
        "{\"entities\":[{\"name\":\"A\\\\ B, C=D \\\"Q\\\" Mid\\\\,dle\",\"kind\":\"team\",\"tags\":[\"x\"]}]}");
    assertEquals(List.of("A\\ B, C=D \"Q\" Mid\\,dle"), Watchlist.read(fine).names());
  }
}
