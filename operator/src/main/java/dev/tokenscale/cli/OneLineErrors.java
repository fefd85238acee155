package dev.tokenscale.cli;

import dev.tokenscale.sim.TrafficFormatException;
import java.io.PrintWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Every failure of every command ends as one line on stderr, "tokenscale COMMAND: what is wrong",
 * with exit 2 for bad input and 1 for anything else; never picocli's usage dump, never a stack trace
 * (set TOKENSCALE_DEBUG=1 to get one). An unknown option is named before a missing required one,
 * because the unknown one is usually the misspelling of the missing one.
 */
final class OneLineErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {

    static final int BAD_INPUT = 2;
    static final int FAILED = 1;
    private static final Pattern INT_TOO_LARGE =
            Pattern.compile("Invalid value for (option|positional parameter) '([^']+)': '([-+]?\\d+)' is not an? (int|long)");

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        print(command, describe(e) + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
        return BAD_INPUT;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        if (e instanceof BadInputException || e instanceof TrafficFormatException) {
            print(command, e.getMessage());
            return BAD_INPUT;
        }
        if (System.getenv("TOKENSCALE_DEBUG") != null) {
            e.printStackTrace(command.getErr());
        }
        print(command, "failed: " + e + (e.getCause() != null && e.getCause() != e ? " (caused by " + e.getCause() + ")" : ""));
        return FAILED;
    }

    private static String describe(ParameterException e) {
        ParseResult parsed = e.getCommandLine().getParseResult();
        List<String> unmatched = parsed == null ? List.of() : parsed.unmatched();
        if (!unmatched.isEmpty()) {
            String first = unmatched.get(0);
            return (first.startsWith("-") ? "Unknown option: '" : "Unexpected argument: '") + first + "'";
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage().strip();
        Matcher tooLarge = INT_TOO_LARGE.matcher(message);
        if (tooLarge.find()) {
            return tooLarge.group(2) + ": " + tooLarge.group(3) + " is too large for a whole number (at most "
                    + ("int".equals(tooLarge.group(4)) ? Integer.MAX_VALUE : Long.MAX_VALUE) + ")";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline).strip();
    }

    private static void print(CommandLine command, String line) {
        PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": " + line);
        err.flush();
    }
}
