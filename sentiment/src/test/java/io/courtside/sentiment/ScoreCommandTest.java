package io.courtside.sentiment;

import static org.junit.Assert.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

/** The {@code score} command's line format and options. */
public class ScoreCommandTest {

  @Rule public TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void scoresEachLineInOrder() throws IOException {
    String input = "1\tgood\n2\tnot good\r\nno tab here: good\n\n3\ta\rb good";
    StringWriter out = new StringWriter();
    ScoreCommand.scoreLines(Vader.standard(), new StringReader(input), out);
    // CRLF loses its '\r'; a lone '\r' stays in the text (and is whitespace to split on).
    assertEquals(
        "1\t0.4404\t0.000\t0.000\t1.000\n"
            + "2\t-0.3412\t0.706\t0.294\t0.000\n"
            + "\t0.1779\t0.310\t0.282\t0.408\n"
            + "\t0.0000\t0.000\t0.000\t0.000\n"
            + "3\t0.4404\t0.000\t0.408\t0.592\n",
        out.toString());
  }

  /** A byte order mark starts the file, not the first id; one later in a line is text. */
  @Test
  public void aByteOrderMarkIsNotPartOfTheFirstId() throws IOException {
    StringWriter out = new StringWriter();
    ScoreCommand.scoreLines(
        Vader.standard(), new StringReader("\uFEFF1\tgood\n\uFEFF2\tgood\n"), out);
    assertEquals(
        "1\t0.4404\t0.000\t0.000\t1.000\n" + "\uFEFF2\t0.4404\t0.000\t0.000\t1.000\n",
        out.toString());
  }

  /**
   * Binary input put control characters of an id into the output as they were (an ESC sequence for
   * the terminal, NUL, a CR that splits the line): they are printed as {@code \\uXXXX}.
   */
  @Test
  public void controlCharactersOfAnIdArePrintedAsEscapes() throws IOException {
    Path file = folder.newFile("binary.tsv").toPath();
    byte[] binary = {
      0x1B,
      '[',
      '2',
      'J',
      'a',
      '\t',
      'g',
      'o',
      'o',
      'd',
      '\n', // ESC [2J: clears the screen
      'b',
      0x00,
      0x07,
      0x7F,
      '\t',
      'g',
      'o',
      'o',
      'd',
      '\n',
      'c',
      '\r',
      'd',
      '\t',
      'g',
      'o',
      'o',
      'd',
      '\n', // a lone CR stays in the line
      (byte) 0xC2,
      (byte) 0x85,
      'e',
      '\t',
      'g',
      'o',
      'o',
      'd',
      '\n', // U+0085 (NEL)
      'f',
      (byte) 0xC3,
      (byte) 0xA9,
      '\t',
      'g',
      'o',
      'o',
      'd',
      '\n' // é is printable: kept
    };
    Files.write(file, binary);
    String good = "\t0.4404\t0.000\t0.000\t1.000\n";
    assertEquals(
        "\\u001B[2Ja"
            + good
            + "b\\u0000\\u0007\\u007F"
            + good
            + "c\\u000Dd"
            + good
            + "\\u0085e"
            + good
            + "f\u00e9"
            + good,
        run(file.toString()));
  }

  @Test
  public void scoresAFileAndASingleText() throws IOException {
    Path file = folder.newFile("posts.tsv").toPath();
    Files.writeString(file, "a\tgreat game!!\nb\tthat was awful\n", StandardCharsets.UTF_8);
    assertEquals(
        "a\t0.6892\t0.000\t0.176\t0.824\nb\t-0.4588\t0.600\t0.400\t0.000\n", run(file.toString()));
    assertEquals("0.4404\t0.000\t0.000\t1.000\n", run("--text", "good"));
    assertEquals(
        "0.4588\t0.000\t0.000\t1.000\n", run("--text", "sick", "--lexicon-overlay", "nba"));
  }

  @Test
  public void saysHowManyInvalidUtf8SequencesItReplaced() throws IOException {
    Path file = folder.newFile("bad.tsv").toPath();
    byte[] bad = {'a', '\t', 'g', 'o', 'o', 'd', ' ', (byte) 0xC3, '\n', 'b', '\t', (byte) 0xFF};
    Files.write(file, bad);
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String out;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      out = run(file.toString());
    } finally {
      System.setErr(original);
    }
    // Scored as the JDK decodes them (each bad sequence one U+FFFD), and counted.
    StringWriter decoded = new StringWriter();
    ScoreCommand.scoreLines(
        Vader.standard(), new StringReader(new String(bad, StandardCharsets.UTF_8)), decoded);
    assertEquals(decoded.toString(), out);
    assertEquals(2, out.lines().count());
    assertEquals(
        "score: 2 invalid UTF-8 byte sequence(s) in the input were read as U+FFFD\n",
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  public void truncatesAtTheGivenLength() {
    assertEquals(
        "0.4404\t0.000\t0.000\t1.000\n", run("--text", "good awful", "--max-text-length", "5"));
  }

  /**
   * A FILE that cannot be scored, or FILE with --text, is one line naming it and exit 2: a folder
   * was a stack trace ("java.io.IOException: Is a directory"), and --text ignored the FILE.
   */
  @Test
  public void aFileThatCannotBeScoredIsAUsageErrorNamingIt() throws IOException {
    Path dir = folder.newFolder("posts").toPath();
    Path missing = dir.resolve("missing.tsv");
    Path file = folder.newFile("posts.tsv").toPath();
    assertEquals(
        "FILE " + dir + " is a folder; give a file of id<TAB>text lines", refusal(dir.toString()));
    assertEquals("FILE " + missing + " does not exist", refusal(missing.toString()));
    assertEquals(
        "--text scores one text and FILE a file of lines: give one of them, not both (FILE "
            + file
            + ")",
        refusal("--text", "good", file.toString()));
  }

  /** The first line of what {@code args} print on standard error, which must end with exit 2. */
  private static String refusal(String... args) {
    StringWriter err = new StringWriter();
    PrintStream original = System.err;
    ByteArrayOutputStream stray = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(stray, true, StandardCharsets.UTF_8));
      CommandLine cli = new CommandLine(new ScoreCommand());
      cli.setErr(new java.io.PrintWriter(err, true));
      cli.setOut(new java.io.PrintWriter(new StringWriter(), true));
      assertEquals(err.toString() + stray, 2, cli.execute(args));
    } finally {
      System.setErr(original);
    }
    assertEquals("", stray.toString(StandardCharsets.UTF_8));
    return err.toString().lines().findFirst().orElse("");
  }

  private static String run(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      int exit = new CommandLine(new ScoreCommand()).execute(args);
      assertEquals(0, exit);
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
