package io.github.dom0build.core.kconfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks that the .config kconfig produced holds every requested option, which upstream's
 * {@code make xen.config} and {@code merge_config.sh -m} do not: there, an option whose dependencies
 * are off is silently dropped. With a {@link KconfigIndex} each mismatch comes with the reason.
 */
public final class ConfigAudit {
    private ConfigAudit() {
    }

    /**
     * Compares {@code request} with {@code finalConfig}. An option holds when the final value equals the
     * requested one: tristates exactly (m for a symbol that ended up y does not hold), numbers by value,
     * strings after unquoting. {@code index} may be null; the report then lacks the reasons.
     */
    public static AuditResult audit(ConfigRequest request, KernelConfig finalConfig, KconfigIndex index) {
        MismatchExplainer explainer = new MismatchExplainer(index, finalConfig, request);
        List<Mismatch> mismatches = new ArrayList<>();
        for (RequestedOption option : request.options()) {
            String actual = finalConfig.value(option.name());
            if (!ConfigValues.sameValue(option.value(), actual)) {
                mismatches.add(new Mismatch(option, actual, finalConfig.mentions(option.name()),
                        explainer.explain(option, actual)));
            }
        }
        return new AuditResult(request.size(), mismatches);
    }
}
