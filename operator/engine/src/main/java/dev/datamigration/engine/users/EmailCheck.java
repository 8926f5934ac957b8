package dev.datamigration.engine.users;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The pre-check of {@code users.match: Email} into ODC: every end user (active and inactive) needs a valid e-mail
 * that no other end user has, compared ignoring case, because ODC has one user pool keyed by e-mail. All problems
 * are returned at once, one plan error per kind, naming user ids only (an e-mail identifies a person, and plan errors
 * end up in the resource's status and events).
 */
public final class EmailCheck {

    private EmailCheck() {
    }

    /** The plan errors for these users; empty when every user can be matched by e-mail. */
    public static List<String> problems(List<O11EndUser> users) {
        List<Long> missing = new ArrayList<>();
        List<Long> invalid = new ArrayList<>();
        Map<String, List<Long>> byEmail = new LinkedHashMap<>();
        for (O11EndUser user : users) {
            String key = O11EndUsers.matchKey(user);
            if (key == null) {
                missing.add(user.id());
            } else if (!isValid(key)) {
                invalid.add(user.id());
            } else {
                byEmail.computeIfAbsent(key, k -> new ArrayList<>()).add(user.id());
            }
        }
        List<String> errors = new ArrayList<>();
        if (!missing.isEmpty()) {
            errors.add(missing.size() + " end user(s) of the Users provider have no e-mail (users.match: Email needs"
                    + " one for every active and inactive user): user ids " + join(missing));
        }
        if (!invalid.isEmpty()) {
            errors.add(invalid.size() + " end user(s) of the Users provider have an invalid e-mail: user ids "
                    + join(invalid));
        }
        List<String> groups = byEmail.values().stream().filter(ids -> ids.size() > 1).map(EmailCheck::join)
                .toList();
        if (!groups.isEmpty()) {
            errors.add(groups.size() + " e-mail(s) are shared by several end users of the Users provider (compared"
                    + " ignoring case): user ids " + String.join("; ", groups));
        }
        return errors;
    }

    /**
     * A pragmatic address check (no RFC 5322 parser: ODC documents none): one {@code @}, a non-empty local part, a
     * domain with a dot and non-empty labels, no whitespace or control characters, at most 254 characters. Non-ASCII
     * letters are allowed (internationalised addresses).
     */
    public static boolean isValid(String email) {
        if (email.length() > 254 || email.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            return false;
        }
        int at = email.indexOf('@');
        if (at <= 0 || at != email.lastIndexOf('@') || at > 64) {
            return false;
        }
        String local = email.substring(0, at);
        String domain = email.substring(at + 1);
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return false;
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (label.isEmpty() || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
        }
        return true;
    }

    private static String join(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
