package dev.tokenscale.signals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The credentials sent with every query, already read (from a pool's Secret, or an operator-wide file
 * the admin named). They are values, not places: nothing in {@code signals} opens a file a pool named.
 * {@link #toString()} never shows them, so a connection can be logged.
 */
public sealed interface PrometheusAuth {

    PrometheusAuth NONE = new None();

    /** The Authorization header's value, if any. */
    Optional<String> header();

    /** Every text that must never appear in a message: the secret values and the header built from them. */
    List<String> secrets();

    static PrometheusAuth bearer(String token) {
        return new Bearer(token);
    }

    static PrometheusAuth basic(String username, String password) {
        return new Basic(username, password);
    }

    record None() implements PrometheusAuth {
        @Override
        public Optional<String> header() {
            return Optional.empty();
        }

        @Override
        public List<String> secrets() {
            return List.of();
        }

        @Override
        public String toString() {
            return "none";
        }
    }

    record Bearer(String token) implements PrometheusAuth {
        public Bearer {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public Optional<String> header() {
            return Optional.of("Bearer " + token);
        }

        @Override
        public List<String> secrets() {
            return List.of(token, header().get());
        }

        @Override
        public String toString() {
            return "Bearer ***";
        }
    }

    record Basic(String username, String password) implements PrometheusAuth {
        public Basic {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public Optional<String> header() {
            String pair = username + ":" + password;
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public List<String> secrets() {
            // The user name is not hidden on its own: it is often a short common word ("admin") whose
            // every occurrence in a message would be starred out, which hides more than it protects.
            return List.of(password, header().get(), header().get().substring("Basic ".length()));
        }

        @Override
        public String toString() {
            return "Basic ***";
        }
    }
}
