package io.github.dom0build.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FirstErrorsTest {
    private static final List<String> ERRORS = List.of(
            "drivers/xen/events.c:12:5: error: 'x' undeclared",
            "foo.c:1:1: fatal error: bar.h: No such file or directory",
            "ld: events.o: in function `f': undefined reference to `g'",
            "Undefined Reference To `g' (no colon at all)",
            "make[2]: *** [Makefile:12: foo.o] Error 1",
            "make: *** No rule to make target 'x'.  Stop.",
            "Makefile:3: *** missing separator.  Stop.",
            "configure: error: OCaml tools enabled, but missing ocamlopt",
            "error: pathspec 'x' did not match",
            "fatal: not a git repository",
            "FATAL: modpost: Section mismatches detected.",
            "collect2: error: ld returned 1 exit status");

    private static final List<String> ORDINARY = List.of(
            "  CC      drivers/xen/events/events_base.o",
            "  LD      vmlinux",
            "make[1]: Entering directory '/src/xen'",
            "checking for gcc... gcc",
            "install -m0644 -p xen.gz /stage/boot/xen-4.17.5.gz",
            "");

    @Test
    void keepsTheErrorLinesInOrderUpToItsCapacity() {
        FirstErrors errors = new FirstErrors(3);
        ORDINARY.forEach(errors::offer);
        ERRORS.forEach(errors::offer);
        assertThat(errors.lines()).containsExactlyElementsOf(ERRORS.subList(0, 3));
    }

    @Test
    void thePrefilterPassesEveryErrorLine() {
        // The prefilter may let ordinary lines through to the pattern, but must never drop an error.
        FirstErrors errors = new FirstErrors(100);
        ERRORS.forEach(errors::offer);
        assertThat(errors.lines()).containsExactlyElementsOf(ERRORS);
        assertThat(ERRORS).allMatch(FirstErrors::mayBeError);
    }

    @Test
    void thePrefilterSkipsTheLinesABuildPrintsMost() {
        assertThat(FirstErrors.mayBeError("  CC      drivers/xen/events/events_base.o")).isFalse();
        assertThat(FirstErrors.mayBeError("  LD      vmlinux")).isFalse();
        assertThat(FirstErrors.mayBeError("checking for gcc... gcc")).isFalse();
        assertThat(FirstErrors.mayBeError("")).isFalse();
        assertThat(FirstErrors.mayBeError("make[1]: Entering directory '/src'")).isTrue();
    }
}
