package io.github.dom0build.core.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's check that no test of any module holds a developer machine's path or a real registry's
 * host name (see {@link TestDataHygiene}), and proof that the check catches both.
 */
class TestDataHygieneTest {
    // Assembled from pieces, so that this file does not trip the check it tests.
    private static final String HOME = "/" + "home/alice/src/linux";
    private static final String REGISTRY = "deb." + "debian" + ".org";

    @Test
    void noTestOfAnyModuleHoldsAMachinePathOrARegistryHost() throws Exception {
        Path root = repositoryRoot();
        List<TestDataHygiene.Finding> findings = TestDataHygiene.scanModules(root);
        assertThat(findings).as("Test data must not hold these (file:line, relative to " + root + "):\n"
                + String.join("\n", findings.stream().map(Object::toString).toList())).isEmpty();
    }

    @Test
    void aPlantedMachinePathIsFoundWithItsFileAndLine(@TempDir Path tmp) throws Exception {
        Path test = Files.createDirectories(tmp.resolve("mod/src/test/java"));
        Files.writeString(test.resolve("Planted.java"), "class Planted {\n    Path p = Path.of(\"" + HOME
                + "\");\n    String w = \"C:" + "\\\\Users\\\\bob\";\n    URI u = URI.create(\"file:///" + "root/x\");\n}\n");
        Files.writeString(tmp.resolve("mod/pom.xml"), "<project/>\n");

        List<TestDataHygiene.Finding> findings = TestDataHygiene.scanModules(tmp);

        assertThat(findings).extracting(TestDataHygiene.Finding::line).containsExactly(2, 3, 4);
        assertThat(findings.get(0).toString()).startsWith("mod/src/test/java/Planted.java:2: '/" + "home/'")
                .contains("absolute path of a developer machine").contains("@TempDir");
    }

    @Test
    void aPlantedRegistryHostIsFoundInItTestDataAndFixtures(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("it/src/it/apt"));
        Files.createDirectories(tmp.resolve("it/src/fixtures"));
        Files.writeString(tmp.resolve("it/pom.xml"), "<project/>\n");
        Files.writeString(tmp.resolve("it/src/it/apt/sources.list"), "# mirror\ndeb http://" + REGISTRY
                + "/debian bookworm main\n");
        Files.writeString(tmp.resolve("it/src/fixtures/settings.xml"), "<url>https://repo1." + "maven.org/maven2</url>\n");

        List<TestDataHygiene.Finding> findings = TestDataHygiene.scanModules(tmp);

        assertThat(findings).extracting(f -> f.file().toString() + ":" + f.line()).containsExactly(
                "it/src/it/apt/sources.list:2", "it/src/fixtures/settings.xml:1");
        assertThat(findings.get(0).toString()).contains("'" + REGISTRY + "'").contains("example.org-style");
    }

    @Test
    void relativePathsExampleNamesAndEscapesPass(@TempDir Path tmp) throws Exception {
        Path test = Files.createDirectories(tmp.resolve("src/test"));
        Files.writeString(test.resolve("Fine.java"), String.join("\n",
                "p.resolve(\"target/root/boot\");", "Path.of(\"srv/home/user\");", "\"deb http://deb.example.org/debian\"",
                "\"value:\\n\"", "\"deb." + "debian.org.example.net\"", "${basedir}/wo" + "rk/x", "~/wo" + "rk/x", ""));
        Files.write(test.resolve("blob.bin"), new byte[] {0, '/', 'h', 'o', 'm', 'e', '/'});

        assertThat(TestDataHygiene.scan(tmp, test)).isEmpty();
    }

    /** The reactor's root: the first directory up from this module's that lists it as a module. */
    private static Path repositoryRoot() throws Exception {
        Path here = Path.of("").toAbsolutePath();
        for (Path d = here; d != null; d = d.getParent()) {
            Path pom = d.resolve("pom.xml");
            if (Files.isRegularFile(pom) && Files.readString(pom).contains("<module>dom0-build-core</module>")) {
                return d;
            }
        }
        return here; // the core alone, outside its reactor: check at least its own tests
    }
}
