package dev.chatbot.nlp.data;

import java.util.List;

/**
 * What {@link TrainingDataLoader#read} found: the data it could read and the problems it met on the way
 * (syntax and schema errors; the validator adds the checks that look across files).
 *
 * @param data     everything that could be read; broken files or entries are left out
 * @param problems problems in file order
 */
public record LoadResult(TrainingData data, List<ValidationProblem> problems) {

    public LoadResult {
        problems = List.copyOf(problems);
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(ValidationProblem::isError);
    }

    public List<ValidationProblem> errors() {
        return problems.stream().filter(ValidationProblem::isError).toList();
    }
}
