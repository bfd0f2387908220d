package io.courtside.services.stack;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class FileTreesTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void deletesTheWholeTreeAndCountsItsBytes() throws Exception {
    Path root = tmp.newFolder("state").toPath();
    Path deep = Files.createDirectories(root.resolve("kafka/twitterdata-0"));
    Files.write(deep.resolve("00000.log"), new byte[1000]);
    Files.write(root.resolve("kafka/meta.properties"), new byte[24]);
    Files.createDirectories(root.resolve("influxdb/wal"));
    Path sibling = tmp.newFile("report.md").toPath();

    assertEquals(1024, FileTrees.delete(root));
    assertFalse(Files.exists(root));
    assertTrue("only the tree goes", Files.exists(sibling));
  }

  @Test
  public void aMissingFolderIsNothingToDo() throws Exception {
    assertEquals(0, FileTrees.delete(tmp.getRoot().toPath().resolve("never-made")));
  }
}
