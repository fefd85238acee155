package dev.tokenscale.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenscale.testing.ApiCall;
import dev.tokenscale.testing.DeployRbac;
import org.junit.jupiter.api.Test;

/** The RBAC model the mock enforces: requests map to the verbs the API server derives, and deploy/ grants only what it says. */
class DeployRbacTest {

    private final DeployRbac rbac = DeployRbac.load();

    @Test
    void requestsMapToTheApiGroupResourceAndVerbTheApiServerAuthorizes() {
        assertThat(ApiCall.of("PATCH", "/apis/coordination.k8s.io/v1/namespaces/tokenscale-system/leases/tokenscale-operator"))
                .isEqualTo(new ApiCall("coordination.k8s.io", "leases", "patch", "tokenscale-system", "tokenscale-operator",
                        "/apis/coordination.k8s.io/v1/namespaces/tokenscale-system/leases/tokenscale-operator"));
        assertThat(ApiCall.of("GET", "/apis/tokenscale.dev/v1alpha1/inferencepools?resourceVersion=0").grant())
                .isEqualTo("tokenscale.dev/inferencepools:list");
        assertThat(ApiCall.of("GET", "/apis/tokenscale.dev/v1alpha1/inferencepools?allowWatchBookmarks=true&watch=true").grant())
                .isEqualTo("tokenscale.dev/inferencepools:watch");
        assertThat(ApiCall.of("PATCH", "/apis/apps/v1/namespaces/llm/deployments/llama/scale").grant()).isEqualTo("apps/deployments/scale:patch");
        assertThat(ApiCall.of("GET", "/api/v1/namespaces/llm/pods?labelSelector=app%3Dllama").grant()).isEqualTo("/pods:list");
        assertThat(ApiCall.of("POST", "/api/v1/namespaces/llm/events").grant()).isEqualTo("/events:create");
        assertThat(ApiCall.of("PUT", "/api/v1/namespaces/llm/secrets/token").grant()).isEqualTo("/secrets:update");
        assertThat(ApiCall.of("GET", "/apis/apps/v1").isResourceRequest()).isFalse();
    }

    @Test
    void theLeaseIsGrantedOnlyInTheOperatorsNamespaceWithTheVerbsFabric8AndJosdkUse() {
        for (String verb : new String[] {"get", "create", "update", "patch"}) {
            ApiCall own = new ApiCall("coordination.k8s.io", "leases", verb, "tokenscale-system", "tokenscale-operator", "/");
            assertThat(rbac.denial(own)).as(verb).isEmpty();
            ApiCall elsewhere = new ApiCall("coordination.k8s.io", "leases", verb, "llm", "tokenscale-operator", "/");
            assertThat(rbac.denial(elsewhere)).as(verb + " elsewhere").isPresent();
        }
        assertThat(rbac.denial(new ApiCall("coordination.k8s.io", "leases", "delete", "tokenscale-system", "x", "/"))).isPresent();
    }

    @Test
    void whatDeployDoesNotGrantIsRefusedInTheApiServersWords() {
        assertThat(rbac.denial(ApiCall.of("PATCH", "/apis/apps/v1/namespaces/llm/deployments/llama")))
                .hasValue("User \"system:serviceaccount:tokenscale-system:tokenscale-operator\" cannot patch resource "
                        + "\"deployments\" in API group \"apps\" in the namespace \"llm\"");
        assertThat(rbac.denial(ApiCall.of("GET", "/api/v1/namespaces/llm/secrets"))).as("list secrets: only get is granted").isPresent();
        assertThat(rbac.denial(ApiCall.of("PUT", "/apis/tokenscale.dev/v1alpha1/namespaces/llm/inferencepools/pool"))).isPresent();
        assertThat(rbac.denial(ApiCall.of("GET", "/apis/apps/v1"))).as("discovery, granted to everyone").isEmpty();
        assertThat(rbac.denial(ApiCall.of("GET", "/metrics"))).isPresent();
    }

    @Test
    void removingAGrantIsNoticed() {
        ApiCall renew = ApiCall.of("PATCH", "/apis/coordination.k8s.io/v1/namespaces/tokenscale-system/leases/tokenscale-operator");
        assertThat(rbac.denial(renew)).isEmpty();
        assertThat(rbac.withoutVerb("coordination.k8s.io", "leases", "patch").denial(renew)).isPresent();
    }
}
