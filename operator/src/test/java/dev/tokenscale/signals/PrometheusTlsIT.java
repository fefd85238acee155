package dev.tokenscale.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenscale.policy.MissingReason;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.policy.SignalReading;
import dev.tokenscale.testing.FakePrometheusServer;
import dev.tokenscale.testing.FakePrometheusServer.Answer;
import dev.tokenscale.testing.SelfSignedCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** https to Prometheus: a custom CA, the JVM's CAs, host-name checks and the explicit opt-out. Runs keytool. */
class PrometheusTlsIT {

    private final PrometheusSignalReader reader = new PrometheusSignalReader(Clock.systemUTC());

    @Test
    void trustsAServerSignedByTheGivenCaAndOnlyWithIt(@TempDir Path dir) throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(dir, "ip:127.0.0.1");
        try (FakePrometheusServer prometheus = FakePrometheusServer.answeringOverTls(certificate.serverContext(), q -> Answer.value(3))) {

            assertThat(queueDepth(connection(prometheus, Files.readString(certificate.pem()), false))).isEqualTo(SignalReading.present(3));
            assertThat(queueDepth(connection(prometheus, null, false))).isInstanceOfSatisfying(SignalReading.Missing.class, missing -> {
                assertThat(missing.reason()).isEqualTo(MissingReason.ERROR);
                assertThat(missing.detail()).startsWith("tls/chat queueDepth: unreachable: TLS with " + prometheus.url() + " failed: ")
                        .endsWith("(set tls.ca to the CA that signed Prometheus' certificate)");
            });
        }
    }

    @Test
    void checksTheHostNameEvenWithATrustedCaUnlessVerificationIsExplicitlySkipped(@TempDir Path dir) throws Exception {
        SelfSignedCertificate otherHost = SelfSignedCertificate.create(dir, "dns:prometheus.example");
        try (FakePrometheusServer prometheus = FakePrometheusServer.answeringOverTls(otherHost.serverContext(), q -> Answer.value(3))) {

            assertThat(queueDepth(connection(prometheus, Files.readString(otherHost.pem()), false)))
                    .isInstanceOfSatisfying(SignalReading.Missing.class,
                            missing -> assertThat(missing.detail()).contains("unreachable: TLS with"));
            assertThat(queueDepth(connection(prometheus, null, true))).isEqualTo(SignalReading.present(3));
        }
    }

    private SignalReading queueDepth(PrometheusConnection connection) {
        return reader.read(new SignalRequest("tls/chat", connection, "vllm", Map.of(), Duration.ofMinutes(1),
                List.of(LabelMatcher.equalTo("namespace", "tls")))).snapshot().get(Signal.QUEUE_DEPTH);
    }

    private static PrometheusConnection connection(FakePrometheusServer prometheus, String caPem, boolean insecure) {
        return new PrometheusConnection(prometheus.url(), Duration.ofSeconds(5), PrometheusAuth.NONE, caPem, insecure);
    }
}
