package dev.tokenscale.signals;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of every message: a URL's {@code user:password@} becomes {@code ***@}, and any
 * known secret value (a token, a password, the Authorization header built from them) becomes
 * {@code ***} wherever it appears, even inside an error text a hostile server echoed back.
 */
public final class Redaction {

    public static final String MASK = "***";
    /** {@code scheme://userinfo@}: anything up to the first '/', '?', '#' or whitespace that contains an '@'. */
    private static final Pattern USERINFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/?#@\\s]*@");
    /** Secrets shorter than this are not masked inside other text: a 1-character password would star out every letter. */
    private static final int SHORTEST_MASKED = 3;

    private Redaction() {}

    /** The URL with its user information, if any, replaced by {@value #MASK}. */
    public static String url(URI url) {
        if (url == null) {
            return "null";
        }
        if (url.getRawUserInfo() == null) {
            return url.toString();
        }
        try {
            return new URI(url.getScheme(), MASK, url.getHost(), url.getPort(), url.getRawPath(), null, null).toString()
                    + (url.getRawQuery() != null ? "?" + url.getRawQuery() : "")
                    + (url.getRawFragment() != null ? "#" + url.getRawFragment() : "");
        } catch (URISyntaxException e) {
            return text(url.toString());
        }
    }

    /** Any {@code scheme://user:password@} in free text masked. */
    public static String text(String text) {
        if (text == null) {
            return null;
        }
        return USERINFO.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "@");
    }

    /** Both URL user information and every one of {@code secrets} masked. */
    public static String text(String text, Collection<String> secrets) {
        String out = text(text);
        if (out == null) {
            return null;
        }
        // Longest first: a header "Bearer <token>" is masked whole before the token inside it.
        List<String> longestFirst = secrets.stream().filter(Objects::nonNull)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String secret : longestFirst) {
            if (secret.strip().length() >= SHORTEST_MASKED) {
                out = out.replace(secret, MASK);
                if (!secret.strip().equals(secret)) {
                    out = out.replace(secret.strip(), MASK);
                }
            }
        }
        return out;
    }
}
