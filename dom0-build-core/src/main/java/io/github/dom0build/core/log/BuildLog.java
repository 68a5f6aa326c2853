package io.github.dom0build.core.log;

/**
 * Where the core reports what it does. The Maven plugins adapt their Mojo log to it; tests collect
 * lines. Kept to four levels so that a Gradle or CLI front end can implement it in a few lines.
 */
public interface BuildLog {
    void debug(String message);

    void info(String message);

    void warn(String message);

    void error(String message);

    default boolean isDebugEnabled() {
        return false;
    }
}
