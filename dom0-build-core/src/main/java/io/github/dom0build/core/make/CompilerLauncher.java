package io.github.dom0build.core.make;

import io.github.dom0build.core.BuildException;

/**
 * A program put in front of the compiler: {@code ccache}, {@code sccache}, {@code distcc}, or any
 * other executable, put there through wrappers on the PATH ({@link LauncherWrappers}).
 */
public record CompilerLauncher(String program) {
    public static final CompilerLauncher NONE = new CompilerLauncher(null);

    public static CompilerLauncher parse(String value) throws BuildException {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("none")) {
            return NONE;
        }
        String v = value.strip();
        if (v.chars().anyMatch(Character::isWhitespace)) {
            throw new BuildException("compilerLauncher '" + value + "' contains white space; it must name one program.",
                    "use ccache, sccache, distcc or the path of one executable");
        }
        return new CompilerLauncher(v);
    }

    public boolean isNone() {
        return program == null;
    }

    public String name() {
        if (program == null) {
            return "none";
        }
        int slash = program.lastIndexOf('/');
        return slash >= 0 ? program.substring(slash + 1) : program;
    }
}
