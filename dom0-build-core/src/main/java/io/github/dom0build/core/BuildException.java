package io.github.dom0build.core;

/**
 * A failure the user can act on. The message says what went wrong and why; {@link #fix()} says what to
 * do about it. The Maven plugins turn it into a build failure that prints both, so every subclass is
 * expected to name the cause (the URL, patch, option or file) and a concrete next step.
 */
public class BuildException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String problem;
    private final String fix;

    public BuildException(String problem, String fix) {
        this(problem, fix, null);
    }

    public BuildException(String problem, String fix, Throwable cause) {
        super(compose(problem, fix), cause);
        this.problem = problem;
        this.fix = fix;
    }

    /** What went wrong, without the advice. */
    public String problem() {
        return problem;
    }

    /** What the user should do next, or {@code null} when there is nothing more to say. */
    public String fix() {
        return fix;
    }

    private static String compose(String problem, String fix) {
        return fix == null || fix.isBlank() ? problem : problem + System.lineSeparator() + "  Fix: " + fix;
    }
}
