package io.courtside.sentiment;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code courtside score}: VADER scores for {@code id<TAB>text} lines, streamed. */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    version = "courtside score (vaderSentiment 3.3.2 rules)",
    sortOptions = false,
    description = {
      "Scores texts with VADER, exactly as the reference vaderSentiment 3.3.2 does.",
      "",
      "Reads id<TAB>text lines (UTF-8) and prints one line per input line, in order:",
      "  id<TAB>compound<TAB>neg<TAB>neu<TAB>pos",
      "compound (-1..1) with 4 decimals; neg, neu, pos (proportions) with 3.",
      "A line without a TAB is all text and gets an empty id. Control characters",
      "in an id (ESC, NUL, CR, ...) are printed as \\uXXXX, so each input line gives",
      "one output line and nothing reaches the terminal as a control sequence.",
      "Input is streamed: memory stays constant however large the file."
    },
    footer = {
      "",
      "Examples:",
      "  courtside score posts.tsv > scores.tsv",
      "  courtside score --text 'Brunson is COOKING tonight!!' --lexicon-overlay nba"
    })
public class ScoreCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "FILE",
      description = "id<TAB>text lines to score; '-' or none reads standard input.")
  String file;

  @Option(
      names = "--text",
      paramLabel = "TEXT",
      description = "Score this one text and print compound<TAB>neg<TAB>neu<TAB>pos (no id).")
  String text;

  @Option(
      names = {"--lexicon-overlay", "--lexiconOverlay"},
      paramLabel = "FILE|nba",
      description =
          "Add or replace lexicon entries from a file of word<TAB>valence lines. "
              + "'nba' selects the shipped NBA slang overlay (an opinion; off by default, so default "
              + "scores stay equal to the reference).")
  String overlay;

  @Option(
      names = {"--max-text-length", "--maxTextLength"},
      paramLabel = "CHARS",
      description =
          "Score only the first CHARS chars of longer texts and report how many were cut "
              + "on standard error (default: ${DEFAULT-VALUE}).")
  int maxTextLength = VaderConfig.DEFAULT_MAX_TEXT_LENGTH;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public ScoreCommand() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new ScoreCommand()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    if (text != null && file != null) {
      // It scored the text and ignored the file without a word.
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--text scores one text and FILE a file of lines: give one of them, not both (FILE "
              + file
              + ")");
    }
    Vader vader = buildVader();
    Writer out =
        new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
    long truncated;
    if (text != null) {
      truncated = vader.wouldTruncate(text) ? 1 : 0;
      out.write(vader.polarityScores(text).toTsv());
      out.write('\n');
      out.flush();
      reportTruncated(truncated);
      return 0;
    }
    CountingUtf8Reader reader;
    if (file == null || file.equals("-")) {
      reader = new CountingUtf8Reader(System.in);
      truncated = scoreLines(vader, reader, out);
    } else {
      Path path = Path.of(file);
      checkReadable(path);
      try (InputStream in = Files.newInputStream(path)) {
        reader = new CountingUtf8Reader(in);
        truncated = scoreLines(vader, reader, out);
      } catch (IOException e) {
        // E.g. a disk error mid-file: the lines before it were scored, the rest cannot be.
        out.flush();
        System.err.println("score: cannot read FILE " + file + ": " + e.getMessage());
        return 1;
      }
    }
    out.flush();
    reportTruncated(truncated);
    if (reader.malformed() > 0) {
      System.err.printf(
          "score: %d invalid UTF-8 byte sequence(s) in the input were read as U+FFFD%n",
          reader.malformed());
    }
    return 0;
  }

  /**
   * A FILE that cannot be scored is a usage error naming it; a folder was opened and failed at its
   * first read with a stack trace ("java.io.IOException: Is a directory").
   */
  private void checkReadable(Path path) {
    String why = null;
    if (Files.isDirectory(path)) {
      why = "is a folder; give a file of id<TAB>text lines";
    } else if (!Files.exists(path)) {
      why = "does not exist";
    } else if (!Files.isReadable(path)) {
      why = "cannot be read (permissions)";
    }
    if (why != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "FILE " + file + " " + why);
    }
  }

  /** Bad option values become usage errors, not stack traces. */
  private Vader buildVader() {
    if (maxTextLength < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--max-text-length must be positive");
    }
    Vader.Builder builder = Vader.builder().maxTextLength(maxTextLength);
    if (overlay != null) {
      try {
        builder.overlay(LexiconOverlay.named(overlay));
      } catch (UncheckedIOException | IllegalArgumentException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--lexicon-overlay: " + e.getMessage(), e, null, overlay);
      }
    }
    return builder.build();
  }

  private void reportTruncated(long truncated) {
    if (truncated > 0) {
      System.err.printf(
          "score: %d text(s) longer than %d chars were truncated%n", truncated, maxTextLength);
    }
  }

  /** Scores each line as it is read; returns how many texts were truncated. */
  static long scoreLines(Vader vader, Reader in, Writer out) throws IOException {
    TsvLineReader lines = new TsvLineReader(in);
    StringBuilder line = new StringBuilder(256);
    long truncated = 0;
    boolean first = true;
    for (String input; (input = lines.next()) != null; first = false) {
      if (first && input.startsWith("\uFEFF")) {
        input = input.substring(1); // a byte order mark (a file saved by Excel): not the id's
      }
      int tab = input.indexOf('\t');
      String id = tab < 0 ? "" : input.substring(0, tab);
      String body = tab < 0 ? input : input.substring(tab + 1);
      if (vader.wouldTruncate(body)) {
        truncated++;
      }
      line.setLength(0);
      appendPrintable(line, id).append('\t');
      vader.polarityScores(body).appendTsv(line).append('\n');
      out.append(line);
    }
    return truncated;
  }

  /**
   * The id as printed: its control characters (C0, DEL, C1; never a tab or '\n', which end the id
   * and the line) as {@code \\uXXXX}. The id is the one part of the input copied to the output, and
   * binary input put ESC sequences, NUL and CR there as they were: a terminal ran them, and a CR or
   * NEL split an output line for the tools that read it.
   */
  static StringBuilder appendPrintable(StringBuilder out, String id) {
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out;
  }
}
