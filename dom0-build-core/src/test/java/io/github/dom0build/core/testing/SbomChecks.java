package io.github.dom0build.core.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.sbom.SbomWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.cyclonedx.exception.ParseException;

/**
 * What the tests check of every SBOM the plugins write: valid against the CycloneDX schema (the
 * library's own validation), and its hashes those of the archive it describes.
 */
public final class SbomChecks {
    private SbomChecks() {
    }

    /** The schema's complaints, none for a valid SBOM. */
    public static List<String> schemaErrors(Path sbom) throws IOException {
        return new org.cyclonedx.parsers.JsonParser().validate(sbom.toFile(), SbomWriter.SPEC).stream()
                .map(ParseException::getMessage).toList();
    }

    public static JsonObject read(Path sbom) throws IOException {
        return JsonParser.parseString(Files.readString(sbom, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    /**
     * Where the SBOM and the archive disagree: the subject's sha256 against the archive's, and every
     * {@code file:} component against the regular file of that path in the archive, both ways.
     */
    public static List<String> hashMismatches(Path sbom, Path archive) throws IOException {
        JsonObject bom = read(sbom);
        List<String> problems = new ArrayList<>();
        String subject = sha256(bom.getAsJsonObject("metadata").getAsJsonObject("component"));
        if (!Sha256.of(archive).equals(subject)) {
            problems.add("subject sha256 " + subject + " is not the archive's " + Sha256.of(archive));
        }
        Map<String, String> inArchive = regularFiles(archive);
        Map<String, String> inSbom = new TreeMap<>();
        for (JsonElement e : bom.getAsJsonArray("components")) {
            JsonObject c = e.getAsJsonObject();
            if (c.get("bom-ref").getAsString().startsWith("file:") && c.has("hashes")) {
                inSbom.put(c.get("name").getAsString(), sha256(c));
            }
        }
        inSbom.forEach((path, sha) -> {
            if (!sha.equals(inArchive.get(path))) {
                problems.add(path + ": SBOM " + sha + ", archive " + inArchive.get(path));
            }
        });
        inArchive.keySet().stream().filter(p -> !inSbom.containsKey(p)).forEach(p -> problems.add(p
                + ": in the archive, not in the SBOM"));
        return problems;
    }

    /** Components of the whole document, nested ones included. */
    public static List<JsonObject> allComponents(JsonObject bom) {
        List<JsonObject> out = new ArrayList<>();
        collect(bom.getAsJsonArray("components"), out);
        return out;
    }

    private static void collect(com.google.gson.JsonArray components, List<JsonObject> out) {
        if (components == null) {
            return;
        }
        for (JsonElement e : components) {
            out.add(e.getAsJsonObject());
            collect(e.getAsJsonObject().getAsJsonArray("components"), out);
        }
    }

    public static String sha256(JsonObject component) {
        if (!component.has("hashes")) {
            return null;
        }
        for (JsonElement h : component.getAsJsonArray("hashes")) {
            if ("SHA-256".equals(h.getAsJsonObject().get("alg").getAsString())) {
                return h.getAsJsonObject().get("content").getAsString();
            }
        }
        return null;
    }

    private static Map<String, String> regularFiles(Path archive) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (InputStream in = new TarArchiveInputStream(new GzipCompressorInputStream(Files.newInputStream(
                archive)))) {
            TarArchiveInputStream tar = (TarArchiveInputStream) in;
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.isFile() && !entry.isSymbolicLink() && !entry.isLink()) {
                    String name = entry.getName().startsWith("./") ? entry.getName().substring(2) : entry.getName();
                    files.put(name, Sha256.of(tar.readAllBytes()));
                }
            }
        }
        return files;
    }
}
