package dev.tokenscale.sim;

import java.net.URI;

/**
 * One emulated worker as a scraper sees it.
 *
 * @param serving false while the worker is in its cold start and answers 503
 */
public record WorkerEndpoint(String name, URI metricsUrl, boolean serving) {}
