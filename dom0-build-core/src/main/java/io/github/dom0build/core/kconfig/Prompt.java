package io.github.dom0build.core.kconfig;

import java.util.Optional;

/**
 * The text a user sees for a symbol in menuconfig. Only a symbol with a visible prompt takes the value
 * the user asks for; without one, its default and {@code select} decide.
 */
public record Prompt(String text, Optional<KconfigExpr> condition) {
}
