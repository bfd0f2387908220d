package io.courtside.cli;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports a flag the command does not know before anything else wrong with the command line.
 * picocli checks required options before it reports unmatched arguments, so {@code courtside ingest
 * --sorce=file} said only {@code Missing required option: '--source=SOURCE'}, hiding the typo that
 * caused it; with this handler it says {@code Unknown option: '--sorce=file'} and suggests {@code
 * --source}. Everything else is picocli's own handling.
 */
final class UnknownFlagsFirst implements IParameterExceptionHandler {
  private final IParameterExceptionHandler picocli;

  private UnknownFlagsFirst(IParameterExceptionHandler picocli) {
    this.picocli = picocli;
  }

  /** Installs the handler on {@code cli} and every subcommand it has now. */
  static CommandLine install(CommandLine cli) {
    return cli.setParameterExceptionHandler(
        new UnknownFlagsFirst(cli.getParameterExceptionHandler()));
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) throws Exception {
    return picocli.handleParseException(unknownFirst(e), args);
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
