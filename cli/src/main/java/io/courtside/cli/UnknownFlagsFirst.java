package io.courtside.cli;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How every command reports a bad command line: one line naming the flag and what is wrong, then
 * picocli's suggestion for an unknown flag or a line saying where the flags are listed, and exit 2.
 * picocli printed the command's whole usage after the error, which pushed the one line that
 * mattered off the screen.
 *
 * <p>A flag the command does not know is reported before anything else wrong with the command line.
 * picocli checks required options before it reports unmatched arguments, so {@code courtside ingest
 * --sorce=file} said only {@code Missing required option: '--source=SOURCE'}, hiding the typo that
 * caused it; with this handler it says {@code Unknown option: '--sorce=file'} and suggests {@code
 * --source}.
 */
final class UnknownFlagsFirst implements IParameterExceptionHandler {
  private UnknownFlagsFirst() {}

  /** Installs the handler on {@code cli} and every subcommand it has now. */
  static CommandLine install(CommandLine cli) {
    return cli.setParameterExceptionHandler(new UnknownFlagsFirst());
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    ParameterException shown = unknownFirst(e);
    CommandLine cli = shown.getCommandLine();
    var err = cli.getErr();
    err.println(shown.getMessage());
    if (!UnmatchedArgumentException.printSuggestions(shown, err)) {
      err.println(helpHint(cli));
    }
    err.flush();
    return cli.getCommandSpec().exitCodeOnInvalidInput();
  }

  /** The line that says where {@code cli}'s flags are listed. */
  static String helpHint(CommandLine cli) {
    return "Run `" + cli.getCommandSpec().qualifiedName() + " --help` for its flags.";
  }

  /** {@code e}, or the unknown arguments of its command line when there are some. */
  static ParameterException unknownFirst(ParameterException e) {
    CommandLine cli = e.getCommandLine();
    if (e instanceof UnmatchedArgumentException || cli.getUnmatchedArguments().isEmpty()) {
      return e;
    }
    return new UnmatchedArgumentException(cli, cli.getUnmatchedArguments());
  }
}
