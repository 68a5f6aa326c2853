package io.github.dom0build.core.kconfig;

import io.github.dom0build.core.text.EditDistance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Names close to a misspelt or renamed symbol: within a small edit distance, containing it, or
 * containing all its words (XEN_EVTCHN finds XEN_DEV_EVTCHN).
 */
final class SymbolSuggestions {
    private record Candidate(String name, int distance) {
    }

    private SymbolSuggestions() {
    }

    static List<String> similar(String name, Collection<String> known, int max) {
        int near = Math.max(2, name.length() / 4);
        List<String> words = List.of(name.split("_"));
        List<Candidate> found = new ArrayList<>();
        for (String k : known) {
            if (k.equals(name)) {
                continue;
            }
            boolean related = k.contains(name) || (k.length() >= 4 && name.contains(k))
                    || Arrays.asList(k.split("_")).containsAll(words);
            if (!related && Math.abs(k.length() - name.length()) > near) {
                continue;
            }
            int d = EditDistance.between(name, k);
            if (related || d <= near) {
                found.add(new Candidate(k, d));
            }
        }
        found.sort(Comparator.comparingInt(Candidate::distance).thenComparing(Candidate::name));
        return found.stream().limit(max).map(Candidate::name).toList();
    }
}
