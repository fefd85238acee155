package dev.tokenscale.cli.demo;

import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.CustomResourceAware;
import io.fabric8.kubernetes.client.server.mock.Resetable;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * A dispatcher placed in front of the embedded API server's own (to count, authorize, record or delay
 * requests). The mock server resets its dispatcher between uses and tells it which custom resources to
 * expect; both must reach the dispatcher behind, or a CRD's objects would be lost behind the wrapper.
 */
public abstract class ForwardingDispatcher extends Dispatcher implements Resetable, CustomResourceAware {

    /** The dispatcher behind this one, which answers the requests. */
    protected final Dispatcher api;

    protected ForwardingDispatcher(Dispatcher api) {
        this.api = api;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        return api.dispatch(request);
    }

    @Override
    public void reset() {
        if (api instanceof Resetable resetable) {
            resetable.reset();
        }
    }

    @Override
    public void expectCustomResource(CustomResourceDefinitionContext context) {
        if (api instanceof CustomResourceAware aware) {
            aware.expectCustomResource(context);
        }
    }
}
