package dev.tokenscale.deploy;

import dev.tokenscale.deploy.InstallStep.CrdNames;
import dev.tokenscale.deploy.InstallStep.InstalledObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Plays install steps against what a fresh cluster has, the way the API server would refuse them:
 * an object in a namespace that does not exist yet, a custom resource whose CRD was not applied in
 * an earlier command (discovery needs a moment, so the same command is too early), a workload whose
 * Secret is not there, a pool whose target is not there, and `kubectl get` of a resource nobody defined.
 */
final class InstallWalk {

    /** Namespaces a fresh cluster has. */
    private static final Set<String> FRESH_NAMESPACES = Set.of("default", "kube-system", "kube-public", "kube-node-lease");

    private final List<CrdNames> prerequisiteCrds;

    /** @param prerequisiteCrds CRDs the README lists as a prerequisite (the Prometheus Operator's) */
    InstallWalk(List<CrdNames> prerequisiteCrds) {
        this.prerequisiteCrds = prerequisiteCrds;
    }

    /** @return one sentence per object or line the API server would refuse, or nothing when all apply */
    List<String> problems(List<InstallStep> steps) {
        List<String> problems = new ArrayList<>();
        Set<String> namespaces = new HashSet<>(FRESH_NAMESPACES);
        List<CrdNames> crds = new ArrayList<>(prerequisiteCrds);
        Set<String> created = new HashSet<>();
        for (int i = 0; i < steps.size(); i++) {
            InstallStep step = steps.get(i);
            String where = "step " + (i + 1) + " (" + step.line() + "): ";
            for (String resource : step.requires()) {
                if (crds.stream().noneMatch(c -> c.plural().equals(resource) || c.shortNames().contains(resource))) {
                    problems.add(where + "the resource " + resource + " is not defined by any earlier step");
                }
            }
            List<CrdNames> crdsOfThisStep = new ArrayList<>();
            Set<String> createdByThisStep = new HashSet<>();
            for (InstalledObject object : step.objects()) {
                if (object.namespaced() && object.namespace() == null) {
                    problems.add(where + object.describe() + " names no namespace and would land in the kubeconfig's");
                } else if (object.namespaced() && !namespaces.contains(object.namespace())) {
                    problems.add(where + object.describe() + ": namespace " + object.namespace() + " does not exist yet");
                }
                if (object.custom() && crds.stream().noneMatch(c -> c.group().equals(object.group()) && c.kind().equals(object.kind()))) {
                    problems.add(where + object.describe() + ": no earlier step installs the CRD of " + object.kind()
                            + " (" + object.group() + ")");
                }
                for (String secret : object.secretsRead()) {
                    if (!created.contains(key("Secret", object.namespace(), secret))) {
                        problems.add(where + object.describe() + " reads Secret " + secret + ", which no earlier step creates");
                    }
                }
                if (object.scaleTargetName() != null
                        && !created.contains(key(object.scaleTargetKind(), object.namespace(), object.scaleTargetName()))) {
                    problems.add(where + object.describe() + " scales " + object.scaleTargetKind() + " " + object.scaleTargetName()
                            + ", which no earlier step creates");
                }
                if (object.kind().equals("Namespace")) {
                    // kubectl sends one command's objects in order, so a namespace helps the objects after it.
                    namespaces.add(object.name());
                }
                if (object.definesCrd() != null) {
                    crdsOfThisStep.add(object.definesCrd());
                }
                createdByThisStep.add(key(object.kind(), object.namespace(), object.name()));
            }
            crds.addAll(crdsOfThisStep);
            created.addAll(createdByThisStep);
        }
        return problems;
    }

    private static String key(String kind, String namespace, String name) {
        return kind + "/" + namespace + "/" + name;
    }
}
