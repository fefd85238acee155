package dev.tokenscale.testing;

import dev.tokenscale.api.InferencePool;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * One real operator on one mock cluster for a whole test class, each test in a namespace of its own:
 * starting them costs seconds, and a namespace per test keeps a test from seeing another's pools.
 * Time is the {@link #clock}, stepped by the tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OneOperatorPerClass {

    protected final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    protected MockCluster cluster;
    protected FakeSignalReader signals;
    protected OperatorUnderTest operator;
    /** The namespace of the running test. */
    protected String ns;
    private final String namespacePrefix;
    private final AtomicInteger namespaces = new AtomicInteger();

    protected OneOperatorPerClass(String namespacePrefix) {
        this.namespacePrefix = namespacePrefix;
    }

    @BeforeAll
    protected void startOperator() {
        cluster = new MockCluster();
        signals = new FakeSignalReader(clock);
        operator = OperatorUnderTest.start(cluster, signals, clock);
    }

    @AfterAll
    protected void stopOperator() {
        operator.close();
        cluster.close();
    }

    @BeforeEach
    protected void freshNamespace() {
        ns = namespacePrefix + "-" + namespaces.incrementAndGet();
    }

    /** A finished test's pools stop being evaluated, so the next test's clock steps cannot move them. */
    @AfterEach
    protected void deletePools() {
        cluster.client().resources(InferencePool.class).inNamespace(ns).delete();
    }
}
