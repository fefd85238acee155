package dev.tokenscale.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package rules of DESIGN.md: the decision engine and the cost model are plain Java that any
 * tool can run without a cluster, and signal reading knows nothing of the CRD, the operator or the CLI.
 */
class PackageRulesTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tokenscale");

    @Test
    void policyCostAndForecastImportOnlyTheJdk() {
        noClasses().that().resideInAnyPackage("dev.tokenscale.policy..", "dev.tokenscale.cost..", "dev.tokenscale.forecast..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.fabric8..", "io.javaoperatorsdk..", "java.net..", "java.net.http..", "com.fasterxml..",
                        "io.prometheus..", "picocli..", "org.slf4j..")
                .because("the policy, the cost model and the forecast must run anywhere, with no Kubernetes, HTTP or JSON library")
                .check(PRODUCTION);
    }

    @Test
    void policyAndCostDependOnNoOtherTokenscalePackage() {
        noClasses().that().resideInAnyPackage("dev.tokenscale.policy..", "dev.tokenscale.cost..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.tokenscale.api..", "dev.tokenscale.signals..", "dev.tokenscale.operator..",
                        "dev.tokenscale.sim..", "dev.tokenscale.cli..")
                .check(PRODUCTION);
    }

    @Test
    void forecastDependsOnNoOtherTokenscalePackage() {
        noClasses().that().resideInAPackage("dev.tokenscale.forecast..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.tokenscale.api..", "dev.tokenscale.signals..", "dev.tokenscale.operator..",
                        "dev.tokenscale.sim..", "dev.tokenscale.cli..", "dev.tokenscale.policy..", "dev.tokenscale.cost..")
                .because("the forecast is plain maths over (time, demand) that the policy, simulate and explain all call")
                .check(PRODUCTION);
    }

    @Test
    void signalsDependsOnNeitherTheCrdNorTheOperatorNorTheCli() {
        noClasses().that().resideInAPackage("dev.tokenscale.signals..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.tokenscale.api..", "dev.tokenscale.operator..", "dev.tokenscale.cli..",
                        "io.fabric8..", "io.javaoperatorsdk..")
                .check(PRODUCTION);
    }
}
