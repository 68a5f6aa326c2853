package io.github.dom0build.core.text;

import java.util.regex.Pattern;

/**
 * URLs as they may be shown and stored: credentials in them ({@code https://user:token@host/...},
 * {@code ssh://user:pass@host/...}) become {@code ***}, in the log, in messages, in the fetch stamp and
 * in the download cache. A user name alone is kept for ssh, where it is an account, not a secret.
 */
public final class Urls {
    private static final Pattern USERINFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)([^/@\\s]*)@");

    private Urls() {
    }

    /** {@code text} with the credentials of every URL in it replaced by {@code ***}. */
    public static String redact(String text) {
        if (text == null || text.indexOf('@') < 0) {
            return text;
        }
        return USERINFO.matcher(text).replaceAll(m -> {
            String scheme = m.group(1);
            String info = m.group(2);
            String shown = scheme.toLowerCase(java.util.Locale.ROOT).startsWith("ssh") && info.indexOf(':') < 0 ? info
                    : "***";
            return java.util.regex.Matcher.quoteReplacement(scheme + shown + "@");
        });
    }

    /** True when the URL carries a password or token. */
    public static boolean hasCredentials(String url) {
        return !redact(url).equals(url);
    }
}
