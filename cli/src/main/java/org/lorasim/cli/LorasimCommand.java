package org.lorasim.cli;

import com.typesafe.config.ConfigException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The exit-code contract of every subcommand: 0 done, 2 bad input (a {@link UserInputException} or a
 * {@link ConfigException}), 1 failure (any other exception, or a run that did not finish). The reason goes to
 * stderr on one line per problem; the stack trace only with {@code --debug}.
 */
abstract class LorasimCommand implements Callable<Integer> {

    static final int DONE = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--debug", description = "Print the stack trace of an error.")
    boolean debug;

    /** The command's work; returns its exit code. */
    abstract int execute() throws Exception;

    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (UserInputException e) {
            return report(e, e.getMessage(), BAD_INPUT, false);
        } catch (ConfigException e) {
            return report(e, ConfigProblems.describe(e), BAD_INPUT, false);
        } catch (UncheckedIOException e) {
            return report(e, e.getMessage(), FAILED, true);
        } catch (Exception e) {
            return report(e, e.getClass().getSimpleName() + ": " + e.getMessage(), FAILED, true);
        }
    }

    /** User mistakes are printed bare ({@code FILE:LINE: ...}, one per line); failures name the command. */
    private int report(Exception e, String message, int code, boolean nameCommand) {
        PrintWriter err = err();
        err.println(nameCommand ? "lorasim " + spec.name() + ": " + message : message);
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    CommandLine commandLine() {
        return spec.commandLine();
    }
}
