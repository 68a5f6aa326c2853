package io.github.dom0build.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.github.dom0build.core.metadata.DistMetadata;
import io.github.dom0build.core.metadata.Sources;
import io.github.dom0build.core.testing.SbomChecks;
import io.github.dom0build.it.harness.BuildResult;
import io.github.dom0build.it.harness.ItProject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The SBOMs and the reproducibility check on the fixture dom0 (kernel, Xen, bundle), built twice from
 * clean in the same place: the first build deploys to {@code reference/} and records
 * {@code artifact:buildinfo}; the second runs {@code artifact:compare} against it, as the site tells
 * users to do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SbomIT {
    private static final String V = "1.0.0-SNAPSHOT";
    /** Each dist: its SBOM, its archive and its metadata, relative to the project. */
    private static final Map<String, String[]> DISTS = new LinkedHashMap<>();

    static {
        DISTS.put("kernel", new String[] {"kernel/target/dom0-kernel-" + V + "-cyclonedx.json",
            "kernel/target/dom0-kernel-" + V + "-kernel.tar.gz", "kernel/target/dom0-kernel-" + V + "-kernel.json"});
        DISTS.put("xen", new String[] {"xen/target/dom0-xen-" + V + "-cyclonedx.json",
            "xen/target/dom0-xen-" + V + "-xen.tar.gz", "xen/target/dom0-xen-" + V + "-xen.json"});
        DISTS.put("dom0", new String[] {"dom0/target/dom0-" + V + "-cyclonedx.json",
            "dom0/target/dom0-" + V + "-dom0.tar.gz", "dom0/target/dom0-" + V + "-dom0.json"});
    }

    private ItProject p;
    private BuildResult first;
    private BuildResult second;
    private final Map<String, byte[]> firstSboms = new LinkedHashMap<>();
    private String firstBuildinfo;

    @BeforeAll
    void buildTwiceFromClean() throws Exception {
        p = ItProject.copy("dom0-fixtures", "sbom");
        String reference = "reference::" + p.resolve("reference").toUri();
        first = p.maven("clean", "deploy", "artifact:buildinfo").property("altDeploymentRepository", reference).run();
        assertThat(first.succeeded()).as(first.toString()).isTrue();
        for (String[] d : DISTS.values()) {
            firstSboms.put(d[0], Files.readAllBytes(p.resolve(d[0])));
        }
        firstBuildinfo = Files.readString(p.resolve("target/dom0-parent-" + V + ".buildinfo"), StandardCharsets.UTF_8);
        second = p.maven("clean", "verify", "artifact:compare").property("reference.repo", reference).run();
    }

    @Test
    void everySbomValidatesAgainstTheCycloneDxSchemaAndItsHashesAreTheArchives() throws Exception {
        assertThat(first.log()).contains("CycloneDX SBOM " + p.resolve(DISTS.get("dom0")[0]));
        for (String[] d : DISTS.values()) {
            Path sbom = p.resolve(d[0]);
            assertThat(SbomChecks.schemaErrors(sbom)).as(d[0]).isEmpty();
            assertThat(SbomChecks.hashMismatches(sbom, p.resolve(d[1]))).as(d[0]).isEmpty();
        }
    }

    @Test
    void theSbomsNameEverySourcePatchAndToolTheMetadataNames() throws Exception {
        for (Map.Entry<String, String[]> dist : DISTS.entrySet()) {
            JsonObject bom = SbomChecks.read(p.resolve(dist.getValue()[0]));
            DistMetadata md = DistMetadata.read(p.resolve(dist.getValue()[2]));
            List<DistMetadata.Component> parts = md.isBundle() ? md.components()
                    : List.of(new DistMetadata.Component(dist.getKey(), md));
            Set<String> refs = SbomChecks.allComponents(bom).stream().map(c -> c.get("bom-ref").getAsString())
                    .collect(Collectors.toSet());
            for (DistMetadata.Component part : parts) {
                String label = part.label();
                DistMetadata pmd = part.metadata();
                assertThat(refs).as(dist.getKey()).contains(label + ":source", label + ":config");
                for (Sources.Patch patch : pmd.sources().patches()) {
                    assertThat(refs).contains(label + ":patch:" + patch.name());
                }
                for (String tool : pmd.tools().keySet()) {
                    assertThat(refs).as(dist.getKey() + " names " + tool).contains(label + ":tool:" + tool);
                }
                // gcc, ld and make come from Debian packages on the machines this runs on (dpkg is there)
                assertThat(pmd.toolPackages().keySet()).as(label).contains("gcc", "ld", "make");
                for (JsonObject c : SbomChecks.allComponents(bom)) {
                    if (c.get("bom-ref").getAsString().equals(label + ":tool:gcc")) {
                        assertThat(c.get("purl").getAsString()).startsWith("pkg:deb/debian/gcc-").contains("?arch=");
                    }
                }
            }
        }
        JsonObject xen = SbomChecks.read(p.resolve(DISTS.get("xen")[0]));
        assertThat(xen.toString()).as("oxenstored is OCaml: its compiler is in the toolchain").contains(
                "\"xen:tool:ocamlopt\"");
    }

    @Test
    void twoCleanBuildsGiveByteIdenticalSboms() throws Exception {
        assertThat(second.succeeded()).as(second.toString()).isTrue();
        for (String[] d : DISTS.values()) {
            assertThat(Files.readAllBytes(p.resolve(d[0]))).as(d[0]).isEqualTo(firstSboms.get(d[0]));
        }
    }

    @Test
    void buildinfoListsTheAttachedArchivesAndSbomsAndCompareFindsTheRebuildIdentical() throws Exception {
        assertThat(firstBuildinfo).contains("dom0-kernel-" + V + "-kernel.tar.gz",
                "dom0-kernel-" + V + "-cyclonedx.json",
                "dom0-xen-" + V + "-xen.tar.gz", "dom0-xen-" + V + "-cyclonedx.json", "dom0-" + V + "-dom0.tar.gz",
                "dom0-" + V + "-cyclonedx.json", "dom0-" + V + "-dom0.json");

        assertThat(second.succeeded()).as(second.toString()).isTrue();
        assertThat(second.log()).contains("[Reproducible Builds] rebuild comparison result:").doesNotContain(" differ")
                .doesNotContain("missing reference file");
        Properties compare = new Properties();
        try (var in = Files.newInputStream(p.resolve("target/dom0-parent-" + V + ".buildcompare"))) {
            compare.load(in);
        }
        assertThat(compare.getProperty("ko")).isEqualTo("0");
        Set<String> ok = new TreeSet<>(List.of(compare.getProperty("okFiles").replace("\"", "").split(" ")));
        assertThat(ok).contains("dom0-kernel-" + V + "-kernel.tar.gz", "dom0-kernel-" + V + "-cyclonedx.json",
                "dom0-xen-" + V + "-xen.tar.gz", "dom0-xen-" + V + "-cyclonedx.json", "dom0-" + V + "-dom0.tar.gz",
                "dom0-" + V + "-cyclonedx.json");
        assertThat(Integer.parseInt(compare.getProperty("ok"))).isEqualTo(ok.size());
    }

}
