package io.github.dom0build.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dom0build.core.metadata.DistMetadata;
import io.github.dom0build.core.testing.SchemaChecks;
import io.github.dom0build.it.harness.ItProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other IT (like EveryItSbomIT) and validates every dist metadata file their real
 * builds wrote in a target/ directory (kernel, Xen and bundle) against the JSON Schema the site
 * publishes, and reads each back with the plugins' own reader. A file counts as dist metadata by its
 * content (an object whose kind is linux-kernel, xen or dom0), so one written without schemaVersion is
 * checked too, and fails.
 */
@Order(Integer.MAX_VALUE)
class EveryItMetadataIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> KINDS = Set.of(DistMetadata.KERNEL, DistMetadata.XEN, DistMetadata.DOM0);

    @Test
    void everyMetadataFileTheItBuildsWroteMatchesThePublishedSchema() throws Exception {
        List<Path> files = metadataFiles();
        Assumptions.assumeFalse(files.isEmpty(), "no IT build ran before this one");
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            SchemaChecks.errors(SchemaChecks.DIST_METADATA, file).forEach(e -> failures.add(file + ": " + e));
            DistMetadata.read(file); // the reader takes what the writer wrote
        }
        assertThat(failures).as(files.size() + " metadata files").isEmpty();
    }

    /** The files in a target/ directory whose content says they are dist metadata. */
    private static List<Path> metadataFiles() throws Exception {
        try (Stream<Path> all = Files.walk(ItProject.workDir())) {
            return all.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                    .filter(p -> p.getParent().getFileName().toString().equals("target"))
                    .filter(EveryItMetadataIT::isDistMetadata).toList();
        }
    }

    private static boolean isDistMetadata(Path file) {
        try {
            JsonNode kind = MAPPER.readTree(file.toFile()).path("kind");
            return KINDS.contains(kind.asText());
        } catch (IOException e) {
            return false; // not JSON: not a metadata file
        }
    }
}
