package io.github.dom0build.core.sbom;

import io.github.dom0build.core.io.Sha256;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.Property;

/** The few ways every component here is made: a bom-ref always, properties under one namespace. */
final class SbomComponents {
    /** The property namespace, as CycloneDX's property taxonomy asks of tools that add their own. */
    static final String NAMESPACE = "dom0-build:";

    private SbomComponents() {
    }

    static Component of(Component.Type type, String ref, String name, String version) {
        Component c = new Component();
        c.setType(type);
        c.setBomRef(ref);
        c.setName(name);
        c.setVersion(version);
        return c;
    }

    static Property property(String name, String value) {
        return new Property(NAMESPACE + name, value == null ? "" : value);
    }

    /** Adds the sha256 when the metadata has a well-formed one. */
    static void sha256(Component c, String hex) {
        String sha = Sha256.normalize(hex);
        if (sha != null) {
            c.addHash(new Hash(Hash.Algorithm.SHA_256, sha));
        }
    }
}
