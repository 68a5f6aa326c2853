package io.github.dom0build.core.sbom;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.io.FileTrees;
import io.github.dom0build.core.io.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;

/**
 * Writes an SBOM as CycloneDX JSON, byte for byte the same for the same BOM. The serial number, which
 * the spec wants unique per BOM and tools usually draw at random, is derived from the document
 * itself: a UUID (version 8, RFC 9562) made of the SHA-256 of the JSON written without it. Two builds
 * of the same inputs then give the same file, and two different SBOMs different serials.
 */
public final class SbomWriter {
    /** The newest CycloneDX version the library writes and validates. */
    public static final Version SPEC = Version.VERSION_16;

    private SbomWriter() {
    }

    public static String json(Bom bom) throws BuildException {
        bom.setSerialNumber(null);
        bom.setSerialNumber("urn:uuid:" + contentUuid(generate(bom)));
        return generate(bom) + "\n";
    }

    public static void write(Bom bom, Path file) throws BuildException {
        try {
            FileTrees.writeAtomically(file, json(bom).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BuildException("Cannot write the SBOM " + file + ": " + e.getMessage(),
                    "check that it is writable", e);
        }
    }

    static UUID contentUuid(String json) {
        ByteBuffer b = ByteBuffer.wrap(Sha256.newDigest().digest(json.getBytes(StandardCharsets.UTF_8)));
        long hi = (b.getLong() & ~0xF000L) | 0x8000L; // version 8
        long lo = (b.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // RFC variant
        return new UUID(hi, lo);
    }

    private static String generate(Bom bom) throws BuildException {
        try {
            return BomGeneratorFactory.createJson(SPEC, bom).toJsonString(true);
        } catch (GeneratorException e) {
            throw new BuildException("Cannot write the SBOM as CycloneDX " + SPEC.getVersionString() + ": "
                    + e.getMessage(), "report this as a bug, with the dist's metadata JSON", e);
        }
    }
}
