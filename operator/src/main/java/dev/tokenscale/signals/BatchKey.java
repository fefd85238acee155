package dev.tokenscale.signals;

import java.time.Duration;

/**
 * What pools must share to be read by the same batch queries: the same Prometheus reached the same
 * way with the same credentials (a query is never sent with credentials another pool gave), the same
 * preset and the same window.
 */
record BatchKey(PrometheusConnection connection, String preset, Duration window) {

    static BatchKey of(SignalRequest request) {
        return new BatchKey(request.connection(), request.preset(), request.window());
    }
}
