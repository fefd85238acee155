package dev.tokenscale.operator;

import java.util.Objects;

/**
 * What {@code /healthz} or {@code /readyz} answers: 200 or 503, and one line saying why, so that
 * {@code kubectl describe pod} shows the reason a probe failed (for example "not leader: lease held
 * by tokenscale-operator-7d9f" or "lease forbidden: patch").
 */
public record ProbeAnswer(boolean ok, String message) {

    public ProbeAnswer {
        Objects.requireNonNull(message, "message");
    }

    public static ProbeAnswer ok(String message) {
        return new ProbeAnswer(true, message);
    }

    public static ProbeAnswer failing(String message) {
        return new ProbeAnswer(false, message);
    }
}
