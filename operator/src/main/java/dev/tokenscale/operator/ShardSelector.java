package dev.tokenscale.operator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes label selector that picks the pools one operator Deployment reconciles, so that
 * 10,000 pools can run as ten shards. It is checked here with the API server's grammar, since an
 * invalid selector would otherwise only show as a failing watch after start; the API server then
 * does the matching, on the pool informer's list and watch.
 *
 * <p>Requirements are separated by commas: {@code key}, {@code !key}, {@code key=value},
 * {@code key==value}, {@code key!=value}, {@code key in (a,b)}, {@code key notin (a,b)}.
 */
public record ShardSelector(String text) {

    private static final String NAME = "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?";
    private static final String PREFIX = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private static final String KEY = "(" + PREFIX + "/)?" + NAME;
    private static final String VALUE = "(" + NAME + ")?";
    private static final Pattern EXISTS = Pattern.compile("!?\\s*(?<key>" + KEY + ")");
    private static final Pattern EQUALITY = Pattern.compile("(?<key>" + KEY + ")\\s*(=|==|!=)\\s*(?<value>" + VALUE + ")");
    private static final Pattern SET = Pattern.compile("(?<key>" + KEY + ")\\s+(in|notin)\\s*\\((?<values>[^()]*)\\)");
    private static final Pattern SET_ALONE = Pattern.compile("\\S+\\s+(in|notin)\\b.*");

    /** @throws IllegalArgumentException naming the requirement that is wrong */
    public ShardSelector {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty; give a label selector such as tokenscale.dev/shard=a, or leave the option out");
        }
        text = text.trim();
        for (String requirement : LabelSelectorText.requirements(text)) {
            check(requirement.trim());
        }
    }

    /**
     * The lease of this shard when none is given: each shard needs its own, or the shards would
     * elect one leader among them and all but one would idle.
     */
    public String derivedLeaseName() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return OperatorOptions.LEASE_NAME + "-" + HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void check(String requirement) {
        if (requirement.isEmpty()) {
            throw new IllegalArgumentException("an empty requirement between commas");
        }
        Matcher set = SET.matcher(requirement);
        if (set.matches()) {
            for (String value : set.group("values").split(",", -1)) {
                if (!value.trim().matches(NAME)) {
                    throw new IllegalArgumentException("'" + requirement + "': '" + value.trim() + "' is not a label value");
                }
            }
            return;
        }
        if (SET_ALONE.matcher(requirement).matches()) {
            throw new IllegalArgumentException("'" + requirement + "': write a set as key in (a,b) or key notin (a,b)");
        }
        if (EQUALITY.matcher(requirement).matches() || EXISTS.matcher(requirement).matches()) {
            return;
        }
        throw new IllegalArgumentException("'" + requirement + "' is not a label requirement (key, !key, key=value, "
                + "key!=value, key in (a,b), key notin (a,b); a key is [prefix/]name of letters, digits, '-', '_' and '.', "
                + "at most 63 characters)");
    }
}
