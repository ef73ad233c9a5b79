package dev.chatbot.nlp.data;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a training-data folder has errors; the message lists them with file and line. */
public final class InvalidTrainingDataException extends RuntimeException {

    private static final int LISTED = 20;

    private final List<ValidationProblem> problems;

    public InvalidTrainingDataException(String what, List<ValidationProblem> problems) {
        super(describe(what, problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, errors and warnings. */
    public List<ValidationProblem> problems() {
        return problems;
    }

    private static String describe(String what, List<ValidationProblem> problems) {
        List<ValidationProblem> errors = problems.stream().filter(ValidationProblem::isError).toList();
        String listed = errors.stream().limit(LISTED).map(p -> "  " + p).collect(Collectors.joining("\n"));
        String more = errors.size() > LISTED ? "\n  ... and " + (errors.size() - LISTED) + " more" : "";
        return what + " has " + errors.size() + (errors.size() == 1 ? " error" : " errors") + ":\n" + listed + more;
    }
}
