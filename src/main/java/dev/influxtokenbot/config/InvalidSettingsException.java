package dev.influxtokenbot.config;

import java.util.List;

/** The environment does not describe a bot that can start; each problem names its variable. */
public final class InvalidSettingsException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    InvalidSettingsException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One sentence per problem, never containing a secret's value. */
    public List<String> problems() {
        return problems;
    }
}
