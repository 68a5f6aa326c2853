package io.github.dom0build.core.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Where the goals find ldconfig and systemctl, now that no parameter names them. */
class HostProgramsTest {
    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, program)));
    }

    @Test
    void aPathIsTakenAsItIs() {
        assertThat(HostPrograms.find("/opt/glibc/sbin/ldconfig")).isEqualTo("/opt/glibc/sbin/ldconfig");
        assertThat(HostPrograms.find("./ldconfig")).isEqualTo("./ldconfig");
    }

    @Test
    void aProgramOnThePathKeepsItsBareName() {
        assertThat(onPath("sh")).as("sh is on the PATH").isTrue();
        assertThat(HostPrograms.find("sh")).isEqualTo("sh");
    }

    @Test
    void anUnknownProgramKeepsItsBareNameSoTheRunnerReportsIt() {
        assertThat(HostPrograms.find("dom0-build-no-such-program")).isEqualTo("dom0-build-no-such-program");
    }

    /** Prints what find makes of each argument; run in a JVM whose PATH lacks the sbin directories. */
    public static void main(String[] args) {
        for (String a : args) {
            System.out.println(HostPrograms.find(a));
        }
    }

    @Test
    void aProgramOnlyInSbinGetsItsFullPathWhenThePathLacksSbin() throws Exception {
        String expected = Files.isExecutable(Path.of("/usr/sbin/ldconfig")) ? "/usr/sbin/ldconfig"
                : Files.isExecutable(Path.of("/sbin/ldconfig")) ? "/sbin/ldconfig" : null;
        org.junit.jupiter.api.Assumptions.assumeTrue(expected != null, "ldconfig is in /usr/sbin or /sbin");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), HostProgramsTest.class.getName(), "ldconfig", "sh");
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out.lines()).containsExactly(expected, "sh");
    }
}
