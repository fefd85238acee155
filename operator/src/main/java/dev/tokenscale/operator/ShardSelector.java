package dev.tokenscale.operator;

import dev.tokenscale.policy.LabelSelection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
        for (String requirement : requirements(text)) {
            check(requirement.trim());
        }
    }

    /**
     * The selector as values, to match objects the API server does not filter for this shard: an
     * InferenceBudget belongs to the shard whose selector matches the budget's own labels.
     */
    public LabelSelection selection() {
        List<LabelSelection.Expression> expressions = new ArrayList<>();
        for (String part : requirements(text)) {
            String requirement = part.trim();
            Matcher set = SET.matcher(requirement);
            if (set.matches()) {
                Set<String> values = Arrays.stream(set.group("values").split(",", -1)).map(String::trim)
                        .collect(Collectors.toSet());
                boolean in = requirement.substring(set.group("key").length()).trim().startsWith("in");
                expressions.add(new LabelSelection.Expression(set.group("key"),
                        in ? LabelSelection.Operator.IN : LabelSelection.Operator.NOT_IN, values));
                continue;
            }
            Matcher equality = EQUALITY.matcher(requirement);
            if (equality.matches()) {
                boolean not = requirement.substring(equality.group("key").length()).trim().startsWith("!=");
                expressions.add(new LabelSelection.Expression(equality.group("key"),
                        not ? LabelSelection.Operator.NOT_IN : LabelSelection.Operator.IN, Set.of(equality.group("value"))));
                continue;
            }
            Matcher exists = EXISTS.matcher(requirement);
            if (exists.matches()) {
                expressions.add(new LabelSelection.Expression(exists.group("key"), requirement.startsWith("!")
                        ? LabelSelection.Operator.DOES_NOT_EXIST : LabelSelection.Operator.EXISTS, Set.of()));
            }
        }
        return new LabelSelection(Map.of(), expressions);
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

    /** Splits at the commas between requirements, not those inside {@code in (a,b)}. */
    private static List<String> requirements(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
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
