package io.github.dom0build.core.bootloader;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.text.Printable;
import java.util.Locale;

/**
 * Whether grub-update makes the Xen entry grub's default: {@code no} leaves the default alone,
 * {@code yes} sets {@code GRUB_DEFAULT} to the entry, {@code once} boots it the next time only
 * ({@code grub-reboot}), falling back to the old default after that.
 */
public enum XenDefault {
    NO, YES, ONCE;

    /** The parameter's value, as users write it ({@code no}, {@code yes}, {@code once}; null means no). */
    public static XenDefault parse(String value) throws BuildException {
        if (value == null || value.isBlank()) {
            return NO;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BuildException("xenDefault '" + Printable.escape(value) + "' is none of no, yes, once.",
                    "set xenDefault to yes (the Xen entry becomes grub's default), once (grub-reboot: the next boot"
                            + " only) or no (the default stays as it is)");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
